package dev.sentry4j.spi;

/**
 * Carries some thread-bound state of its own (the SLF4J MDC, say) along with the scopes when {@link
 * dev.sentry4j.SentryContext} moves work to another thread. Implementations are found with {@link
 * java.util.ServiceLoader}; {@code sentry-slf4j-mdc} registers one. Thread-safe.
 */
public interface ContextCarrier {
  /** Takes a snapshot of the state on the submitting thread. */
  Object capture();

  /**
   * Installs {@code snapshot} on the running thread and returns what puts the thread's previous
   * state back.
   */
  Restorer restore(Object snapshot);

  /** Puts a thread's previous state back. */
  @FunctionalInterface
  interface Restorer {
    /** Restores; never throws. */
    void close();
  }
}
