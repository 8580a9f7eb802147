package dev.sentry4j.internal.integrations;

import dev.sentry4j.client.SentryClient;
import dev.sentry4j.event.Event;
import dev.sentry4j.event.Level;
import dev.sentry4j.internal.scope.ScopeStorage;
import dev.sentry4j.internal.scope.Scopes;
import dev.sentry4j.spi.Diagnostics;
import dev.sentry4j.spi.Integrations;
import java.io.PrintStream;
import java.time.Duration;

/**
 * Reports exceptions that end a thread, as the Python SDK's excepthook and sentry-java's {@code
 * UncaughtExceptionHandlerIntegration} do: one default {@link Thread.UncaughtExceptionHandler}
 * placed in front of the one already installed. The event has level fatal and mechanism {@code
 * UncaughtExceptionHandler} with {@code handled=false}; it is flushed for at most {@link
 * #FLUSH_TIMEOUT} (so that a dying {@code main} does not end the JVM first), then the exception
 * goes to the previous handler, or is printed as the JVM does when there is none.
 *
 * <p>Installed at most once however often {@code Sentry.init} runs; {@link #uninstall()} puts the
 * previous handler back only if ours is still the default (else ours stays, reporting nothing once
 * Sentry is closed, and keeps chaining). Internal, may change. Thread-safe.
 */
public final class UncaughtExceptionHandlerIntegration implements Thread.UncaughtExceptionHandler {
  /** The name listed in {@code sdk.integrations}. */
  public static final String NAME = "UncaughtExceptionHandler";

  /** The mechanism type of the events it sends (sentry-java's). */
  public static final String MECHANISM = "UncaughtExceptionHandler";

  /** How long the dying thread waits for its event to be sent. */
  public static final Duration FLUSH_TIMEOUT = Duration.ofSeconds(2);

  private static final Object LOCK = new Object();
  private static UncaughtExceptionHandlerIntegration installed; // guarded by LOCK

  private final Thread.UncaughtExceptionHandler previous;

  private UncaughtExceptionHandlerIntegration(Thread.UncaughtExceptionHandler previous) {
    this.previous = previous;
  }

  /** Installs the handler unless it is already the default one; never throws. */
  public static void install() {
    synchronized (LOCK) {
      try {
        Thread.UncaughtExceptionHandler current = Thread.getDefaultUncaughtExceptionHandler();
        if (installed != null && current == installed) {
          return;
        }
        UncaughtExceptionHandlerIntegration handler =
            new UncaughtExceptionHandlerIntegration(current);
        Thread.setDefaultUncaughtExceptionHandler(handler);
        installed = handler;
        Integrations.add(NAME);
        Diagnostics.debug(
            "Uncaught exception handler installed"
                + (current == null ? "" : " in front of " + current.getClass().getName()));
      } catch (RuntimeException e) { // SecurityException
        Diagnostics.warn("uncaught", "Could not install the uncaught exception handler", e);
      }
    }
  }

  /** Puts the previous default handler back if ours is still the default; never throws. */
  public static void uninstall() {
    synchronized (LOCK) {
      UncaughtExceptionHandlerIntegration handler = installed;
      if (handler == null) {
        return;
      }
      try {
        if (Thread.getDefaultUncaughtExceptionHandler() == handler) {
          Thread.setDefaultUncaughtExceptionHandler(handler.previous);
          installed = null;
        }
      } catch (RuntimeException e) { // SecurityException
        Diagnostics.debug("Could not restore the previous uncaught exception handler: " + e);
      }
    }
  }

  /** The handler that was the default before ours, or {@code null}. */
  public Thread.UncaughtExceptionHandler getPrevious() {
    return previous;
  }

  @Override
  public void uncaughtException(Thread thread, Throwable throwable) {
    try {
      report(throwable);
    } catch (Throwable t) { // NOPMD: nothing may stop the exception from reaching the next handler
      Diagnostics.debug("Could not report an uncaught exception: " + t);
    }
    if (previous != null) {
      previous.uncaughtException(thread, throwable);
    } else if (!isThreadDeath(throwable)) {
      // what ThreadGroup.uncaughtException prints when no default handler is set
      PrintStream err = System.err;
      err.print("Exception in thread \"" + thread.getName() + "\" ");
      throwable.printStackTrace(err);
    }
  }

  private static void report(Throwable throwable) {
    Scopes scopes = ScopeStorage.current();
    SentryClient client = scopes.getClient();
    if (!client.isEnabled() || throwable == null) {
      return;
    }
    Event event = new Event();
    event.setThrowable(throwable);
    event.setMechanismType(MECHANISM);
    event.setHandled(false);
    event.setLevel(Level.FATAL);
    client.captureEvent(event, null, scopes);
    client.flush(FLUSH_TIMEOUT);
  }

  @SuppressWarnings(
      "deprecation") // ThreadDeath is how Thread.stop ends a thread, printed by no one
  private static boolean isThreadDeath(Throwable t) {
    return t instanceof ThreadDeath;
  }
}
