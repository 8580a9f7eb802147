package dev.sentry4j.spi.lifecycle;

import dev.sentry4j.Sentry;
import dev.sentry4j.client.SentryClient;
import dev.sentry4j.options.SentryOptions;
import dev.sentry4j.spi.Diagnostics;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * The lifecycle every logging adapter shares (Logback's and Log4j 2's appenders, the JUL handler):
 *
 * <ul>
 *   <li><b>start or adopt</b>: if the application initialized the SDK in code, the adapter uses
 *       that client and never closes it; otherwise it initializes the SDK with its own options and
 *       owns the client it installed;
 *   <li><b>survive reconfiguration in either order</b>: Logback's reload stops the old appender
 *       before starting the new one, Log4j 2's reconfiguration starts the new one first. A client
 *       installed by an adapter is not the application's: the next adapter to start initializes the
 *       SDK afresh (with its possibly changed options) and takes ownership, and the old adapter's
 *       stop then leaves the SDK alone;
 *   <li><b>close only what it owns</b>: {@link #stop} flushes, then closes the SDK only if the
 *       client this adapter installed is still the installed one;
 *   <li><b>forward diagnostics</b>: from {@link #start} to {@link #stop}, the SDK's warnings and
 *       errors go to the framework's status channel, at most {@value #DEFAULT_LINES_PER_MINUTE}
 *       lines a minute per adapter (the next line after a quiet spell says how many were left out).
 * </ul>
 *
 * <p>Thread-safe: ownership is decided under one JVM-wide lock.
 */
public final class AdapterLifecycle {
  /** Lines forwarded to the status channel per minute, per adapter. */
  public static final int DEFAULT_LINES_PER_MINUTE = 10;

  private static final long MINUTE_NANOS = TimeUnit.MINUTES.toNanos(1);
  private static final Object LOCK = new Object();
  private static SentryClient installedByAdapter; // guarded by LOCK

  /**
   * Where an adapter reports: Logback's status manager, Log4j's StatusLogger, JUL's ErrorManager.
   */
  @FunctionalInterface
  public interface StatusChannel {
    /**
     * Reports one line. Must not log through the framework's own loggers.
     *
     * @param severity {@code WARN} or {@code ERROR}
     * @param line the text, prefixed {@code sentry4j: }
     */
    void report(Diagnostics.Severity severity, String line);
  }

  /** What {@link #start} did. */
  public enum Start {
    /** The application's client (initialized in code) is used; this adapter will not close it. */
    ADOPTED,
    /** This adapter initialized the SDK and owns the client. */
    OWNED,
    /** This adapter initialized the SDK, which is disabled (no DSN): nothing to own. */
    DISABLED
  }

  private final String name;
  private final StatusChannel status;
  private final LongSupplier nanoClock;
  private final int linesPerMinute;
  private final Object forwardLock = new Object();

  private SentryClient owned; // guarded by this
  private AutoCloseable listener; // guarded by this
  private long windowStart; // guarded by forwardLock
  private int linesInWindow; // guarded by forwardLock
  private int suppressed; // guarded by forwardLock

  /**
   * A lifecycle for one adapter instance.
   *
   * @param name the adapter as users know it, for messages ({@code Sentry appender [SENTRY]})
   * @param status where the SDK's warnings and errors go while started
   */
  public AdapterLifecycle(String name, StatusChannel status) {
    this(name, status, System::nanoTime, DEFAULT_LINES_PER_MINUTE);
  }

  /**
   * A lifecycle with its own clock and forwarding limit (tests).
   *
   * @param name the adapter, for messages
   * @param status where the SDK's warnings and errors go while started
   * @param nanoClock the clock of the rate limit
   * @param linesPerMinute lines forwarded per minute
   */
  public AdapterLifecycle(
      String name, StatusChannel status, LongSupplier nanoClock, int linesPerMinute) {
    this.name = name;
    this.status = status;
    this.nanoClock = nanoClock;
    this.linesPerMinute = linesPerMinute;
    this.windowStart = nanoClock.getAsLong();
  }

  /**
   * Starts forwarding diagnostics, then adopts the application's client or initializes the SDK with
   * {@code options}. Idempotent while started.
   *
   * @throws RuntimeException from {@code Sentry.init}; forwarding is then stopped again
   */
  public synchronized Start start(SentryOptions options) {
    if (listener == null) {
      listener = Diagnostics.addListener(this::forward);
    }
    try {
      synchronized (LOCK) {
        SentryClient current = Sentry.getClient();
        if (current != null && current.isEnabled() && current != installedByAdapter) {
          owned = null;
          String note =
              name
                  + ": Sentry was already initialized in code; using that client (the"
                  + " adapter's SDK options are ignored)";
          Diagnostics.info(note);
          return Start.ADOPTED;
        }
        Sentry.init(options);
        SentryClient installed = Sentry.getClient();
        // without a DSN the SDK is disabled: nothing to own, and closing would only reset scopes
        installedByAdapter = installed != null && installed.isEnabled() ? installed : null;
        owned = installedByAdapter;
        return owned == null ? Start.DISABLED : Start.OWNED;
      }
    } catch (RuntimeException | LinkageError e) {
      closeListener();
      throw e;
    }
  }

  /** Whether this adapter installed the client that is installed now. */
  public synchronized boolean isOwner() {
    synchronized (LOCK) {
      return owned != null && Sentry.getClient() == owned;
    }
  }

  /**
   * Stops: hands what was captured to the client ({@link #stopClient}), closes the SDK if this
   * adapter's client is still the installed one, and stops forwarding diagnostics. Idempotent.
   *
   * @param timeout how long the client may take; {@code null}: its {@code flushTimeout}
   * @throws RuntimeException from the client; forwarding is stopped all the same
   */
  public synchronized void stop(Duration timeout) {
    SentryClient mine = owned;
    owned = null;
    try {
      stopClient(timeout);
      synchronized (LOCK) {
        if (mine != null && Sentry.getClient() == mine) {
          installedByAdapter = null;
          // returns at once: the client sends what is pending within its flushTimeout on an SDK
          // thread (or puts it on disk when Sentry is unreachable); the JVM's exit does not wait
          // for that thread, the client's shutdown hook closes it within shutdownTimeout
          Sentry.closeInBackground();
        }
      }
    } finally {
      closeListener();
    }
  }

  /**
   * The one place where an adapter's stop calls the client: it hands over without waiting. A stop
   * must not block the framework (a reload detaches every appender until it is done): what was
   * captured is already with the client, whose threads send it (or put it on disk when Sentry is
   * unreachable). {@code timeout} is not waited for.
   */
  private static void stopClient(Duration timeout) {
    // nothing to wait for: see above
  }

  private void closeListener() {
    AutoCloseable l = listener;
    listener = null;
    if (l != null) {
      try {
        l.close();
      } catch (Exception ignored) {
        // removing a listener from a list cannot fail in a way worth reporting
      }
    }
  }

  private void forward(Diagnostics.Severity severity, String line) {
    if (severity != Diagnostics.Severity.WARN && severity != Diagnostics.Severity.ERROR) {
      return;
    }
    String text;
    synchronized (forwardLock) {
      long now = nanoClock.getAsLong();
      if (now - windowStart >= MINUTE_NANOS) {
        windowStart = now;
        linesInWindow = 0;
      }
      if (linesInWindow >= linesPerMinute) {
        suppressed++;
        return;
      }
      linesInWindow++;
      text =
          "sentry4j: "
              + line
              + (suppressed > 0 ? " (" + suppressed + " earlier lines not shown)" : "");
      suppressed = 0;
    }
    try {
      status.report(severity, text);
    } catch (RuntimeException ignored) {
      // a failing status channel must not break the SDK
    }
  }
}
