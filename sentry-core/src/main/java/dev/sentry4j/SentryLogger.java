package dev.sentry4j;

import dev.sentry4j.client.SentryClient;
import dev.sentry4j.internal.Strings;
import dev.sentry4j.internal.scope.ScopeStorage;
import dev.sentry4j.internal.scope.Scopes;
import dev.sentry4j.logs.LogAttributes;
import dev.sentry4j.logs.LogItem;
import dev.sentry4j.logs.LogLevel;
import dev.sentry4j.spi.Diagnostics;
import dev.sentry4j.spi.ReentryGuard;
import java.util.IllegalFormatException;
import java.util.Locale;
import java.util.Map;

/**
 * Sends Sentry Logs from code, with printf-style templates ({@link String#format} with {@link
 * Locale#ROOT}). Needs the {@code enableLogs} option; otherwise every call is a cheap no-op. Get it
 * with {@code Sentry.logger()}.
 *
 * <pre>{@code
 * Sentry.logger().info("order %s shipped", orderId);
 * Sentry.logger().atWarn().attribute("order", 7).attribute("retry", true).log("payment slow: %d ms", ms);
 * }</pre>
 *
 * <p>Each record carries the body formatted from the template, {@code sentry.message.template} and
 * {@code sentry.message.parameter.N} (typed: numbers stay numbers) when there is at least one
 * argument, the attributes given to the builder, the trace of the calling thread (its current span,
 * else its propagation context) and the default attributes; it carries no {@code sentry.origin}. If
 * the template does not fit the arguments, the template itself is the body.
 *
 * <p>Thread-safe. Calls never throw; a call made while the SDK is handling another on the same
 * thread (by an argument's {@code toString()}, by {@code beforeSendLog}) is ignored.
 */
public final class SentryLogger {
  private static final SentryLogger INSTANCE = new SentryLogger();
  private static final Object[] NO_ARGS = new Object[0];

  private SentryLogger() {}

  /** The logger; the same as {@code Sentry.logger()}. */
  public static SentryLogger instance() {
    return INSTANCE;
  }

  /**
   * Whether records from this thread would be sent now: a client is active and {@code enableLogs}
   * is on.
   */
  public boolean isEnabled() {
    SentryClient client = ScopeStorage.current().getClient();
    return client.isEnabled() && client.getOptions().isEnableLogs();
  }

  /** Logs at TRACE. */
  public void trace(String template, Object... args) {
    log(LogLevel.TRACE, template, args);
  }

  /** Logs at DEBUG. */
  public void debug(String template, Object... args) {
    log(LogLevel.DEBUG, template, args);
  }

  /** Logs at INFO. */
  public void info(String template, Object... args) {
    log(LogLevel.INFO, template, args);
  }

  /** Logs at WARN (sent as {@code warn}). */
  public void warn(String template, Object... args) {
    log(LogLevel.WARN, template, args);
  }

  /** Logs at ERROR. */
  public void error(String template, Object... args) {
    log(LogLevel.ERROR, template, args);
  }

  /** Logs at FATAL. */
  public void fatal(String template, Object... args) {
    log(LogLevel.FATAL, template, args);
  }

  /**
   * Logs at {@code level} ({@link LogLevel#OFF} logs nothing).
   *
   * @param template a {@link String#format} template such as {@code "order %s shipped"}; {@code
   *     null} logs nothing
   * @param args its arguments
   */
  public void log(LogLevel level, String template, Object... args) {
    capture(level, null, template, args);
  }

  /** A record at TRACE with attributes: {@code atTrace().attribute("k", v).log("...")}. */
  public LogBuilder atTrace() {
    return at(LogLevel.TRACE);
  }

  /** A record at DEBUG with attributes. */
  public LogBuilder atDebug() {
    return at(LogLevel.DEBUG);
  }

  /** A record at INFO with attributes. */
  public LogBuilder atInfo() {
    return at(LogLevel.INFO);
  }

  /** A record at WARN with attributes. */
  public LogBuilder atWarn() {
    return at(LogLevel.WARN);
  }

  /** A record at ERROR with attributes. */
  public LogBuilder atError() {
    return at(LogLevel.ERROR);
  }

  /** A record at FATAL with attributes. */
  public LogBuilder atFatal() {
    return at(LogLevel.FATAL);
  }

  /** A record at {@code level} with attributes; a shared no-op builder when logs are off. */
  public LogBuilder at(LogLevel level) {
    if (level == null || level == LogLevel.OFF || !isEnabled()) {
      return LogBuilder.NO_OP;
    }
    return new LogBuilder(level);
  }

  static void capture(
      LogLevel level, Map<String, Object> attributes, String template, Object[] args) {
    if (template == null || level == null || level == LogLevel.OFF) {
      return;
    }
    Scopes scopes = ScopeStorage.current();
    SentryClient client = scopes.getClient();
    if (!client.isEnabled() || !client.getOptions().isEnableLogs()) {
      return;
    }
    if (!ReentryGuard.enter()) {
      return;
    }
    try {
      Object[] a = args == null ? NO_ARGS : args;
      LogItem.Builder b =
          LogItem.builder(level, format(template, a)).trace(scopes.getTraceContext());
      if (attributes != null) {
        for (Map.Entry<String, Object> e : attributes.entrySet()) {
          b.attribute(e.getKey(), e.getValue()); // converted by LogBuilder: unchanged here
        }
      }
      if (a.length > 0) {
        b.attribute(LogAttributes.MESSAGE_TEMPLATE, template);
        for (int i = 0; i < a.length; i++) {
          b.attribute(LogAttributes.messageParameter(i), a[i]);
        }
      }
      client.captureLog(b.build(), scopes);
    } catch (RuntimeException e) {
      Diagnostics.error("logger", "Could not make a Sentry Log record; dropped", e);
    } finally {
      ReentryGuard.exit();
    }
  }

  private static String format(String template, Object[] args) {
    if (args.length == 0) {
      return template;
    }
    try {
      return String.format(Locale.ROOT, template, args);
    } catch (IllegalFormatException e) {
      Diagnostics.warn(
          "logger-format",
          "Sentry.logger(): template does not fit its arguments: "
              + Strings.truncate(template, 100),
          e);
      return template;
    } catch (RuntimeException e) { // an argument's toString() threw
      Diagnostics.warn("logger-format", "Sentry.logger(): an argument could not be formatted", e);
      return template;
    }
  }
}
