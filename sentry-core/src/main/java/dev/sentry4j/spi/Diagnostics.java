package dev.sentry4j.spi;

import dev.sentry4j.internal.OutOfMemory;
import dev.sentry4j.spi.config.OptionSources;
import java.io.PrintStream;
import java.time.Instant;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BiConsumer;

/**
 * The SDK's own diagnostic log. Internal, may change.
 *
 * <p>It never goes through SLF4J, Logback, Log4j 2 or JUL, so a diagnostic line can never loop back
 * into an appender. Lines go to {@code System.err} when {@code debug} is on; warnings and errors
 * also go to registered listeners (the adapters forward them to their framework's status channel).
 * Warnings and errors with the same key are rate-limited to one per minute. Thread-safe.
 */
public final class Diagnostics {
  /** Severity of a diagnostic line. */
  static {
    // the settings reader warns about unknown keys through here (it cannot depend on this package)
    OptionSources.setWarningSink(Diagnostics::warnUser);
  }

  public enum Severity {
    DEBUG,
    INFO,
    WARN,
    ERROR
  }

  private static final long REPEAT_INTERVAL_NANOS = 60_000_000_000L;
  private static volatile boolean debug;
  private static volatile PrintStream out = System.err;
  private static final CopyOnWriteArrayList<BiConsumer<Severity, String>> LISTENERS =
      new CopyOnWriteArrayList<>();
  private static final ConcurrentHashMap<String, Long> LAST_REPORTED = new ConcurrentHashMap<>();

  private Diagnostics() {}

  /** Turns printing to stderr on or off. */
  public static void setDebug(boolean on) {
    debug = on;
  }

  /** Whether debug printing is on. */
  public static boolean isDebug() {
    return debug;
  }

  /** Redirects printed lines (tests). */
  public static void setOutput(PrintStream stream) {
    out = stream == null ? System.err : stream;
  }

  /** Adds a listener for warnings and errors; returns a handle that removes it. */
  public static AutoCloseable addListener(BiConsumer<Severity, String> listener) {
    LISTENERS.add(listener);
    return () -> LISTENERS.remove(listener);
  }

  /**
   * Counts an {@link OutOfMemoryError} that SDK code absorbed in {@code where} (the item at hand is
   * dropped, the SDK goes on) and says so once per process. Never throws, even without memory.
   */
  public static void outOfMemory(String where, OutOfMemoryError e) {
    if (OutOfMemory.absorbed()) {
      try {
        error(
            "out-of-memory",
            "Out of memory in "
                + where
                + "; the item at hand is dropped and counted, the SDK goes on",
            e);
      } catch (Throwable ignored) { // NOPMD: still no memory; the count is enough
      }
    }
  }

  /** A debug line, printed only with {@code debug=true}. */
  public static void debug(String message) {
    if (debug) {
      print(Severity.DEBUG, message, null);
    }
  }

  /** An info line, printed only with {@code debug=true}. */
  public static void info(String message) {
    if (debug) {
      print(Severity.INFO, message, null);
    }
  }

  /**
   * A line the user should see without turning {@code debug} on, such as the start and the end of a
   * Sentry outage: printed to {@code System.err} and given to the listeners (the adapters put it in
   * their framework's status channel). The caller keeps these rare (one per outage); they are not
   * rate-limited.
   *
   * @param severity {@link Severity#WARN} for trouble, {@link Severity#INFO} for good news
   * @param message the line, without secrets
   */
  public static void notice(Severity severity, String message) {
    print(severity, message, null);
    for (BiConsumer<Severity, String> listener : LISTENERS) {
      try {
        listener.accept(severity, message);
      } catch (RuntimeException ignored) {
        // a broken listener must not break the SDK
      }
    }
  }

  /** A warning; rate-limited by its message. */
  public static void warn(String message) {
    report(Severity.WARN, message, message, null);
  }

  /**
   * A warning the user must see even without {@code debug} (an unknown option key, read before
   * {@code debug} applies): given to the listeners, which put it in their framework's status
   * channel, and printed to {@code System.err} when none listens; rate-limited by its message.
   */
  public static void warnUser(String message) {
    if (report(Severity.WARN, message, message, null) == 0 && !debug) {
      print(Severity.WARN, message, null);
    }
  }

  /** A warning with a cause; rate-limited by {@code key}. */
  public static void warn(String key, String message, Throwable cause) {
    report(Severity.WARN, key, message, cause);
  }

  /** An error with a cause; rate-limited by {@code key}. */
  public static void error(String key, String message, Throwable cause) {
    report(Severity.ERROR, key, message, cause);
  }

  /** Reports a line unless rate-limited; returns the listeners given it (-1: rate-limited). */
  private static int report(Severity severity, String key, String message, Throwable cause) {
    long now = System.nanoTime();
    Long last = LAST_REPORTED.get(key);
    if (last != null && now - last < REPEAT_INTERVAL_NANOS) {
      return -1;
    }
    if (LAST_REPORTED.size() > 1000) {
      LAST_REPORTED.clear();
    }
    LAST_REPORTED.put(key, now);
    String text = cause == null ? message : message + ": " + describe(cause);
    if (debug) {
      print(severity, text, cause);
    }
    int given = 0;
    for (BiConsumer<Severity, String> listener : LISTENERS) {
      try {
        listener.accept(severity, text);
        given++;
      } catch (RuntimeException ignored) {
        // a broken listener must not break the SDK
      }
    }
    return given;
  }

  /** Forgets rate-limit state (tests). */
  public static void resetRateLimits() {
    LAST_REPORTED.clear();
  }

  static String describe(Throwable t) {
    String msg;
    try {
      msg = t.getMessage();
    } catch (RuntimeException e) {
      msg = null;
    }
    return msg == null ? t.getClass().getName() : t.getClass().getName() + ": " + msg;
  }

  /**
   * Whether {@code line} holds the last message printed on the SDK's output (stderr), as a status
   * channel's line does ({@code "sentry4j: " + message}): a channel that prints on stderr too
   * (JUL's default {@code ErrorManager}) leaves it out, so that an outage notice shows once.
   */
  public static boolean justPrinted(String line) {
    String last = lastPrinted;
    return line != null && last != null && line.contains(last);
  }

  private static volatile String lastPrinted;

  private static void print(Severity severity, String message, Throwable cause) {
    lastPrinted = message;
    try {
      PrintStream stream = out;
      stream.println(Instant.now() + " [sentry4j] " + severity + " " + message);
      if (cause != null && debug) {
        cause.printStackTrace(stream);
      }
    } catch (RuntimeException ignored) {
      // stderr closed: nothing more we can do
    }
  }
}
