package dev.sentry4j.event;

import java.util.Objects;

/**
 * Stands in for an exception that is known only by its data, not as an object: a Log4j 2
 * {@code ThrowableProxy} or a Logback {@code IThrowableProxy} of an event that was serialized or sent
 * over a socket. Events report it under the original class name, with its message and stack trace;
 * causes and suppressed exceptions are attached as usual ({@link #initCause}, {@link
 * #addSuppressed}). Not thread-safe while being built; treat as immutable afterwards.
 *
 * <pre>{@code
 * ExceptionStandIn e = new ExceptionStandIn("java.io.IOException", "connection reset", frames);
 * e.initCause(causeStandIn);
 * }</pre>
 */
public final class ExceptionStandIn extends Throwable {
  private static final long serialVersionUID = 1L;

  private final String className;

  /**
   * Creates a stand-in.
   *
   * @param className the original exception's fully qualified class name
   * @param message its message, or {@code null}
   * @param stackTrace its stack trace, or {@code null} for none
   */
  public ExceptionStandIn(String className, String message, StackTraceElement[] stackTrace) {
    super(message); // leaves the cause unset, so initCause can attach the original's cause
    this.className = Objects.requireNonNull(className, "className");
    setStackTrace(stackTrace == null ? new StackTraceElement[0] : stackTrace);
  }

  /** The original exception's fully qualified class name. */
  public String getClassName() {
    return className;
  }

  /** Keeps the stack trace given to the constructor instead of the stand-in's own. */
  @Override
  public synchronized Throwable fillInStackTrace() {
    return this;
  }

  @Override
  public String toString() {
    String message = getLocalizedMessage();
    return message == null ? className : className + ": " + message;
  }
}
