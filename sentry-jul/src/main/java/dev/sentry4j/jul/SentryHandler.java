package dev.sentry4j.jul;

import dev.sentry4j.Sentry;
import dev.sentry4j.event.Breadcrumb;
import dev.sentry4j.logs.LogLevel;
import dev.sentry4j.options.SentryOptions;
import dev.sentry4j.spi.Diagnostics;
import dev.sentry4j.spi.Integrations;
import dev.sentry4j.spi.ReentryGuard;
import dev.sentry4j.spi.lifecycle.AdapterLifecycle;
import dev.sentry4j.spi.logging.LogCapture;
import dev.sentry4j.spi.logging.LogCaptureSettings;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.ErrorManager;
import java.util.logging.Handler;
import java.util.logging.LogManager;
import java.util.logging.LogRecord;

/**
 * A {@code java.util.logging} handler that turns log records into Sentry breadcrumbs and error
 * events.
 *
 * <p>In {@code logging.properties}:
 *
 * <pre>{@code
 * handlers=java.util.logging.ConsoleHandler,dev.sentry4j.jul.SentryHandler
 * dev.sentry4j.jul.SentryHandler.dsn=https://key@o1.ingest.sentry.io/42
 * dev.sentry4j.jul.SentryHandler.minimumEventLevel=SEVERE
 * dev.sentry4j.jul.SentryHandler.minimumBreadcrumbLevel=INFO
 * }</pre>
 *
 * Keys are {@code dev.sentry4j.jul.SentryHandler.<name>}: every core option by its name ({@code
 * dsn}, {@code environment}, {@code release}, {@code serverName}, {@code debug}, {@code
 * sampleRate}, {@code tracesSampleRate}, {@code sendDefaultPii}, {@code maxBreadcrumbs}, {@code
 * enableLogs}, ...), {@code minimumEventLevel} (default ERROR), {@code minimumBreadcrumbLevel}
 * (default INFO), {@code minimumLevel} (Sentry Logs, default INFO), {@code contextTags}
 * (comma-separated SLF4J MDC keys that become tags), {@code mdcAsContext}, and JUL's {@code level}
 * (default {@code ALL}, so the thresholds alone decide) and {@code filter}. Levels may be JUL names
 * ({@code SEVERE}, {@code FINE}, a number) or Logback names ({@code ERROR}, {@code debug}).
 * Misspelt keys are warned about only when the configuration is the file named by {@code
 * java.util.logging.config.file}: {@link LogManager} cannot list the keys of a configuration read
 * from a stream in code.
 *
 * <p>In code: {@code rootLogger.addHandler(new SentryHandler(SentryOptions.fromEnvironment()
 * .setDsn(dsn)))}.
 *
 * <p>If the application already called {@code Sentry.init}, the handler uses that client and
 * ignores its own options. A bad value is reported through the {@link ErrorManager} with the key
 * and value; the handler then stays off and the application runs on. Nothing is ever thrown from
 * {@link #publish}. Thread-safe.
 */
public final class SentryHandler extends Handler {
  private static final long ERROR_REPORT_INTERVAL_NANOS = 60_000_000_000L;

  /** JUL's {@code MessageFormat} rules, for breadcrumbs formatted only if they are sent. */
  private static final Breadcrumb.TextFormat FORMAT = JulMessages::format;

  /** The same with {@code printfStyle}: {@code String.format}'s rules. */
  private static final Breadcrumb.TextFormat PRINTF_FORMAT = JulMessages::formatPrintf;

  private final Object lock = new Object();
  private final AtomicLong lastErrorReport = new AtomicLong();

  /** Said once at start when SLF4J is there without a backend. */
  static final String NO_MDC_BACKEND =
      "SLF4J's MDC is a no-op here (slf4j-api without a backend such as org.slf4j:slf4j-jdk14):"
          + " MDC.put values will not reach Sentry events";

  private volatile int lowestValue = Integer.MAX_VALUE;
  private volatile LogCapture capture; // null while off
  private AdapterLifecycle lifecycle; // guarded by lock; set while on
  private volatile boolean printfStyle;
  private boolean closed; // guarded by lock

  /**
   * Configures the handler from {@code logging.properties} ({@link LogManager}); used by JUL for
   * the {@code handlers=} line. Never throws: a bad value is reported through the error manager and
   * the handler stays off.
   */
  public SentryHandler() {
    HandlerConfig config;
    try {
      config = HandlerConfig.read(LogManager.getLogManager()::getProperty, configFileKeys());
    } catch (IllegalArgumentException e) {
      reportError(e.getMessage() + "; the Sentry handler stays off", e, ErrorManager.OPEN_FAILURE);
      return;
    }
    setLevel(config.level);
    setFilter(config.filter);
    printfStyle = config.printfStyle;
    startQuietly(config.options, config.settings);
  }

  /**
   * A handler for code: initializes the SDK with {@code options} (unless the application already
   * did), with the default thresholds (events from SEVERE, breadcrumbs from INFO). Its level is
   * {@code ALL}.
   *
   * @param options for example {@code SentryOptions.fromEnvironment().setDsn(dsn)}
   */
  public SentryHandler(SentryOptions.Builder options) {
    this(options, LogCaptureSettings.builder("jul").build());
  }

  /**
   * A handler for code with its own thresholds and MDC mapping.
   *
   * @param options for example {@code SentryOptions.fromEnvironment().setDsn(dsn)}
   * @param settings built with {@code LogCaptureSettings.builder("jul")}
   * @throws IllegalArgumentException naming the bad value when the options are invalid
   */
  public SentryHandler(SentryOptions.Builder options, LogCaptureSettings settings) {
    Objects.requireNonNull(options, "options");
    Objects.requireNonNull(settings, "settings");
    start(options, settings);
  }

  private void startQuietly(SentryOptions.Builder options, LogCaptureSettings settings) {
    try {
      start(options, settings);
    } catch (RuntimeException | LinkageError e) {
      reportError(
          "Could not start the Sentry handler (" + e + "); it stays off",
          asException(e),
          ErrorManager.OPEN_FAILURE);
    }
  }

  private void start(SentryOptions.Builder options, LogCaptureSettings settings) {
    synchronized (lock) {
      Integrations.add("jul", "sentry-jul");
      AdapterLifecycle l = new AdapterLifecycle("Sentry JUL handler", this::forwardDiagnostic);
      SentryOptions built = options.build();
      if (l.start(built) == AdapterLifecycle.Start.DISABLED && built.getUnresolvedDsn() != null) {
        // JUL has no channel for information: one line on stderr, as its ErrorManager would
        System.err.println("dev.sentry4j.jul.SentryHandler: " + built.getDisabledReason());
      }
      lifecycle = l;
      if (Mdc.isNoOpAdapter()) {
        // through Diagnostics: this handler's ErrorManager (stderr by default) and debug output
        Diagnostics.warn(NO_MDC_BACKEND);
      }
      LogCapture c = new LogCapture(settings);
      lowestValue = JulLevels.lowestValue(lowestThreshold(settings));
      capture = c;
    }
  }

  private static LogLevel lowestThreshold(LogCaptureSettings s) {
    LogLevel lowest = s.getMinimumEventLevel();
    if (s.getMinimumBreadcrumbLevel().compareTo(lowest) < 0) {
      lowest = s.getMinimumBreadcrumbLevel();
    }
    if (s.getMinimumLevel().compareTo(lowest) < 0) {
      lowest = s.getMinimumLevel();
    }
    return lowest;
  }

  /**
   * Sends the record to Sentry as the thresholds say. A record below every threshold costs one
   * comparison. Never throws; failures go to the error manager, at most one a minute.
   */
  @Override
  public void publish(LogRecord record) {
    // kept tiny, so that the JIT inlines it into the logging call and can still drop JUL's record
    if (record != null && record.getLevel().intValue() >= lowestValue) {
      publishEnabled(record);
    }
  }

  /** A record at or above the lowest threshold: captured unless the SDK itself logged it. */
  private void publishEnabled(LogRecord record) {
    LogCapture c = capture;
    if (c == null || LogCapture.isIgnoredLogger(record.getLoggerName())) {
      return;
    }
    Object entry = ReentryGuard.tryEnter();
    if (entry == null) {
      return;
    }
    try {
      if (!isLoggable(record)) {
        return;
      }
      LogLevel level = JulLevels.toLogLevel(record.getLevel().intValue());
      if (!c.isEnabledFor(level)) {
        return;
      }
      if (c.isEventLevel(level)) {
        if (Sentry.getClient().isEnabled()) {
          c.capture(JulRecords.read(record, level, printfStyle));
        }
      } else if (!breadcrumb(c, record, level)) { // a Sentry Log record too (enableLogs)
        c.capture(JulRecords.read(record, level, printfStyle));
      }
    } catch (Throwable e) { // NOPMD: nothing, Errors included, may reach the code that logged
      reportRateLimited("Could not send a log record to Sentry", e, ErrorManager.WRITE_FAILURE);
    } finally {
      ReentryGuard.exit(entry);
    }
  }

  /**
   * A breadcrumb only: level, logger, time and text, nothing else read or copied; the text is
   * formatted (and deny-listed parameters filtered) only if an event ever carries it (on the SDK's
   * worker), when that gives the same result later.
   *
   * @return {@code false} when the line needs its whole record instead (see {@link
   *     LogCapture#captureBreadcrumbOnly})
   */
  private boolean breadcrumb(LogCapture c, LogRecord record, LogLevel level) {
    Instant at = record.getInstant();
    String template = JulMessages.template(record);
    Object[] params = record.getParameters();
    String logger = record.getLoggerName();
    if (params == null || params.length == 0) {
      return c.captureBreadcrumbOnly(
          level, logger, at.getEpochSecond(), at.getNano(), template, null, null);
    }
    if (LogCapture.isImmutable(params)) {
      return c.captureBreadcrumbOnly(
          level,
          logger,
          at.getEpochSecond(),
          at.getNano(),
          printfStyle ? PRINTF_FORMAT : FORMAT,
          template,
          params);
    }
    return c.captureBreadcrumbOnly(
        level,
        logger,
        at.getEpochSecond(),
        at.getNano(),
        JulMessages.format(template, params, printfStyle),
        template,
        params);
  }

  /**
   * With {@code true}, messages with parameters are formatted with {@link String#format} ({@code
   * %s}, {@code %d}) instead of JUL's {@link java.text.MessageFormat} ({@code {0}}), as
   * sentry-java's handler option {@code printfStyle} does; default false. In logging.properties:
   * {@code dev.sentry4j.jul.SentryHandler.printfStyle=true}.
   */
  public void setPrintfStyle(boolean printfStyle) {
    this.printfStyle = printfStyle;
  }

  /** Whether messages are formatted printf-style (see {@link #setPrintfStyle(boolean)}). */
  public boolean isPrintfStyle() {
    return printfStyle;
  }

  /** Waits up to the {@code flushTimeout} option until everything captured has been sent. */
  @Override
  public void flush() {
    if (capture == null) {
      return;
    }
    try {
      Sentry.flush();
    } catch (Throwable e) { // NOPMD: flush is called by the logging framework, never throw into it
      reportRateLimited("Could not flush Sentry", e, ErrorManager.FLUSH_FAILURE);
    }
  }

  /**
   * Stops sending records and returns without waiting: what was captured is already with the SDK.
   * If the SDK this handler initialized is still the installed one, it is closed in the background:
   * it sends what is pending within its {@code flushTimeout}, or keeps it on disk for the next
   * start when Sentry cannot be reached ({@link Sentry#awaitBackgroundClose} waits for that; at JVM
   * exit its shutdown hook does, within {@code shutdownTimeout}). To wait for delivery before
   * closing, call {@link #flush()} first. Idempotent; called by {@code LogManager.reset()} and at
   * JVM exit.
   */
  @Override
  public void close() {
    boolean wasOn;
    AdapterLifecycle l;
    synchronized (lock) {
      if (closed) {
        return;
      }
      closed = true;
      wasOn = capture != null;
      capture = null;
      lowestValue = Integer.MAX_VALUE;
      l = lifecycle;
      lifecycle = null;
    }
    if (l == null) {
      return;
    }
    try {
      // hands over without waiting; closes the SDK in the background only if this handler's client
      // is still the installed one
      l.stop(wasOn ? null : Duration.ZERO);
    } catch (RuntimeException e) {
      reportError("Could not close Sentry", e, ErrorManager.CLOSE_FAILURE);
    }
  }

  /** Whether the handler sends records (started and not closed). */
  boolean isOn() {
    return capture != null;
  }

  private void forwardDiagnostic(Diagnostics.Severity severity, String line) {
    if (Diagnostics.justPrinted(line) && getErrorManager().getClass() == ErrorManager.class) {
      return; // on stderr already (an outage notice): JUL's own ErrorManager would print it again
    }
    reportError(line, null, ErrorManager.GENERIC_FAILURE);
  }

  private void reportRateLimited(String message, Throwable failure, int code) {
    long now = System.nanoTime();
    long last = lastErrorReport.get();
    if (last != 0 && now - last < ERROR_REPORT_INTERVAL_NANOS) {
      return;
    }
    if (lastErrorReport.compareAndSet(last, now == 0 ? 1 : now)) {
      reportError(message, asException(failure), code);
    }
  }

  private static Exception asException(Throwable t) {
    return t instanceof Exception ? (Exception) t : new IllegalStateException(t.toString(), t);
  }

  /**
   * The keys of the file named by {@code java.util.logging.config.file}, to warn about misspelt
   * ones ({@link LogManager} cannot list its keys); none when unset or unreadable.
   */
  private static java.util.Set<String> configFileKeys() {
    try {
      String file = System.getProperty("java.util.logging.config.file");
      if (file == null) {
        return java.util.Collections.emptySet();
      }
      java.util.Properties props = new java.util.Properties();
      try (java.io.InputStream in =
          java.nio.file.Files.newInputStream(java.nio.file.Paths.get(file))) {
        props.load(in);
      }
      return props.stringPropertyNames();
    } catch (java.io.IOException | RuntimeException e) {
      return java.util.Collections.emptySet();
    }
  }
}
