package dev.sentry4j.logback;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.Context;
import ch.qos.logback.core.Layout;
import ch.qos.logback.core.UnsynchronizedAppenderBase;
import ch.qos.logback.core.encoder.Encoder;
import ch.qos.logback.core.encoder.LayoutWrappingEncoder;
import dev.sentry4j.Sentry;
import dev.sentry4j.event.Breadcrumb;
import dev.sentry4j.logs.LogLevel;
import dev.sentry4j.options.SentryOptions;
import dev.sentry4j.spi.Diagnostics;
import dev.sentry4j.spi.Integrations;
import dev.sentry4j.spi.ReentryGuard;
import dev.sentry4j.spi.config.OptionSources;
import dev.sentry4j.spi.config.Settings;
import dev.sentry4j.spi.lifecycle.AdapterLifecycle;
import dev.sentry4j.spi.logging.LogCapture;
import dev.sentry4j.spi.logging.LogCaptureSettings;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.helpers.MessageFormatter;

/**
 * A Logback appender that turns log lines into Sentry breadcrumbs and error events.
 *
 * <pre>{@code
 * <appender name="SENTRY" class="dev.sentry4j.logback.SentryAppender">
 *   <dsn>https://key@o1.ingest.sentry.io/42</dsn>
 *   <minimumEventLevel>ERROR</minimumEventLevel>
 *   <minimumBreadcrumbLevel>INFO</minimumBreadcrumbLevel>
 *   <contextTags>tenant,region</contextTags>
 * </appender>
 * <root level="DEBUG"><appender-ref ref="SENTRY"/></root>
 * }</pre>
 *
 * <p>Lines at or above {@code minimumEventLevel} (default ERROR) become events with the exception,
 * the message template, its parameters and the formatted text, the logger and thread names, MDC
 * entries (keys listed in {@code contextTags} as tags, the others as extras, or an {@code MDC}
 * context with {@code mdcAsContext}), markers, SLF4J 2 key-value pairs and the trace the line was
 * logged in. Lines at or above {@code minimumBreadcrumbLevel} (default INFO) become breadcrumbs.
 * Every SDK option can also be set in a nested {@code <options>} element ({@link AppenderOptions}),
 * as with sentry-java's appender; the flat properties win over it, and both win over {@code
 * sentry.properties}, environment variables and system properties.
 *
 * <p>At start the appender initializes the SDK, unless the application already did in code: then it
 * uses that client and says so. A bad value is reported through Logback's status system naming it,
 * and the appender stays stopped; the application runs on. {@code stop()} flushes what is queued
 * and, if this appender initialized the SDK, closes it.
 *
 * <p>Behind {@code AsyncAppender} the appender runs on Logback's worker thread and uses what
 * Logback froze on the logging thread (thread name, MDC, formatted message); the trace then comes
 * from the MDC keys {@code trace_id}/{@code span_id} kept by sentry-slf4j-mdc, and breadcrumbs and
 * scope data are the worker thread's, not the request's.
 *
 * <p>Thread-safe: {@code append} runs concurrently on any thread, never throws into the logging
 * call and never captures what the SDK itself logs.
 */
public final class SentryAppender extends UnsynchronizedAppenderBase<ILoggingEvent> {
  private static final long ERROR_REPORT_INTERVAL_NANOS = TimeUnit.MINUTES.toNanos(1);

  /** Logback's own {@code {}} formatting, for breadcrumbs formatted only if they are sent. */
  private static final Breadcrumb.TextFormat FORMAT = MessageFormatter::basicArrayFormat;

  private final AppenderSettings flat = new AppenderSettings();
  private AppenderOptions options;
  private Encoder<ILoggingEvent> encoder;
  private Layout<ILoggingEvent> layout;
  private Charset charset = StandardCharsets.UTF_8;
  private UnknownPropertyWatcher watcher;

  private volatile LogCapture capture;

  /** Logback's level int of the lowest threshold; nothing passes until started. */
  private volatile int lowestLevelInt = Integer.MAX_VALUE;

  private AdapterLifecycle lifecycle; // set while started

  private final AtomicLong lastErrorReport =
      new AtomicLong(System.nanoTime() - 2 * ERROR_REPORT_INTERVAL_NANOS);
  private final AtomicInteger suppressedErrors = new AtomicInteger();

  /** Created by Joran for {@code <appender class="dev.sentry4j.logback.SentryAppender">}. */
  public SentryAppender() {}

  // ------------------------------------------------------------------ configuration (Joran
  // setters)

  /** Watches Joran's warnings from here on, so that a misspelt element is an error at start. */
  @Override
  public void setContext(Context context) {
    super.setContext(context);
    if (context != null && watcher == null && !isStarted()) {
      watcher = new UnknownPropertyWatcher();
      context.getStatusManager().add(watcher);
    }
  }

  /** Option {@code dsn}: Where to send events; unset or empty disables the SDK. */
  public void setDsn(String value) {
    flat.set("dsn", "dsn", value);
  }

  /** Option {@code environment}: The environment events belong to. Default {@code production}. */
  public void setEnvironment(String value) {
    flat.set("environment", "environment", value);
  }

  /** Option {@code release}: The release, such as shop@1.4.2. */
  public void setRelease(String value) {
    flat.set("release", "release", value);
  }

  /** Option {@code serverName}: The server name on events. Default {@code host name}. */
  public void setServerName(String value) {
    flat.set("serverName", "serverName", value);
  }

  /** Option {@code debug}: Print the SDK's diagnostics to stderr. Default {@code false}. */
  public void setDebug(String value) {
    flat.set("debug", "debug", value);
  }

  /** Option {@code sampleRate}: Share of error events sent (0.0 to 1.0). Default {@code 1.0}. */
  public void setSampleRate(String value) {
    flat.set("sampleRate", "sampleRate", value);
  }

  /**
   * Option {@code tracesSampleRate}: Share of transactions sent (0.0 to 1.0); unset: no
   * transactions, traces still propagate.
   */
  public void setTracesSampleRate(String value) {
    flat.set("tracesSampleRate", "tracesSampleRate", value);
  }

  /**
   * Option {@code sendDefaultPii}: Let the SDK and integrations collect personal data (user IP,
   * request users, cookies, auth and IP headers). Default {@code false}.
   */
  public void setSendDefaultPii(String value) {
    flat.set("sendDefaultPii", "sendDefaultPii", value);
  }

  /** Option {@code maxBreadcrumbs}: Breadcrumbs kept per scope. Default {@code 100}. */
  public void setMaxBreadcrumbs(String value) {
    flat.set("maxBreadcrumbs", "maxBreadcrumbs", value);
  }

  /** Option {@code enableLogs}: Send log lines to Sentry Logs. Default {@code false}. */
  public void setEnableLogs(String value) {
    flat.set("enableLogs", "enableLogs", value);
  }

  /** Lines at or above this level become error events; default {@code ERROR}. */
  public void setMinimumEventLevel(String value) {
    flat.set(AppenderSettings.MINIMUM_EVENT_LEVEL, AppenderSettings.MINIMUM_EVENT_LEVEL, value);
  }

  /** Lines at or above this level become breadcrumbs; default {@code INFO}. */
  public void setMinimumBreadcrumbLevel(String value) {
    flat.set(
        AppenderSettings.MINIMUM_BREADCRUMB_LEVEL,
        AppenderSettings.MINIMUM_BREADCRUMB_LEVEL,
        value);
  }

  /** Lines at or above this level go to Sentry Logs when enabled; default {@code INFO}. */
  public void setMinimumLevel(String value) {
    flat.set(AppenderSettings.MINIMUM_LEVEL, AppenderSettings.MINIMUM_LEVEL, value);
  }

  /** Comma-separated MDC keys whose entries become tags (the others become extras). */
  public void setContextTags(String value) {
    flat.set(AppenderSettings.CONTEXT_TAGS, AppenderSettings.CONTEXT_TAGS, value);
  }

  /** Put MDC entries that are not tags into an {@code MDC} context instead of extras. */
  public void setMdcAsContext(String value) {
    flat.set(AppenderSettings.MDC_AS_CONTEXT, AppenderSettings.MDC_AS_CONTEXT, value);
  }

  /**
   * Formats the message text of breadcrumbs and events ({@code logentry.formatted}), e.g. a {@code
   * PatternLayoutEncoder} with {@code <pattern>[%thread] %msg%nopex</pattern>}; a trailing line
   * break is dropped. Logback's {@code PatternLayout} appends the stack trace to patterns without
   * an exception word: add {@code %nopex}, since the event carries the exception anyway. Without an
   * encoder, Logback's formatted message is used.
   */
  public void setEncoder(Encoder<ILoggingEvent> value) {
    this.encoder = value;
  }

  /** The nested {@code <options>} element (sentry-java compatible). */
  public void setOptions(AppenderOptions value) {
    this.options = value;
  }

  // ------------------------------------------------------------------ lifecycle

  /**
   * Checks every setting, initializes the SDK (or adopts the one the application initialized) and
   * starts. A bad setting is reported through the status manager and leaves the appender stopped.
   */
  @Override
  public void start() {
    if (isStarted()) {
      return;
    }
    UnknownPropertyWatcher.Unknown firstError = stopWatching();
    if (firstError != null) {
      addError(
          prefix()
              + "unknown element <"
              + firstError.element
              + "> in "
              + firstError.where()
              + " (not a sentry4j or sentry-java option)");
      return;
    }
    AppenderSettings settings = options == null ? flat : options.settings().then(flat);
    LogCapture newCapture;
    try {
      LogCaptureSettings captureSettings = settings.captureSettings();
      startEncoder();
      newCapture = new LogCapture(captureSettings);
      Settings external = OptionSources.system().readSilently(); // said in the status
      for (String warning : external.warnings()) {
        addWarn("sentry4j: " + warning);
      }
      SentryOptions.Builder builder = SentryOptions.builder().apply(external);
      settings.applyTo(
          builder); // bad values are refused even when the application's client is used
      AdapterLifecycle newLifecycle =
          new AdapterLifecycle("Sentry appender [" + getName() + "]", this::forwardDiagnostic);
      SentryOptions built = builder.build();
      AdapterLifecycle.Start started = newLifecycle.start(built);
      if (started == AdapterLifecycle.Start.DISABLED && built.getDisabledReason() != null) {
        addInfo("Sentry appender [" + getName() + "]: " + built.getDisabledReason());
      } else if (started == AdapterLifecycle.Start.ADOPTED) {
        addInfo(
            "Sentry was already initialized in code; appender ["
                + getName()
                + "] uses that client and ignores its own SDK options");
      }
      lifecycle = newLifecycle;
    } catch (RuntimeException e) {
      addError(prefix() + e.getMessage());
      return;
    }
    Integrations.add("logback", "sentry-logback");
    capture = newCapture;
    lowestLevelInt = lowestLevelInt(newCapture);
    super.start();
  }

  /**
   * Flushes what is queued (within the {@code flushTimeout} option) and, if this appender
   * initialized the SDK and nobody replaced it since, closes the SDK. Idempotent.
   */
  @Override
  public void stop() {
    if (!isStarted()) {
      return;
    }
    super.stop();
    AdapterLifecycle l = lifecycle;
    lifecycle = null;
    if (l != null) {
      try {
        l.stop(null);
      } catch (RuntimeException e) {
        addError("Sentry appender [" + getName() + "]: could not flush on stop", e);
      }
    }
  }

  private UnknownPropertyWatcher.Unknown stopWatching() {
    UnknownPropertyWatcher w = watcher;
    watcher = null;
    if (w == null) {
      return null;
    }
    if (getContext() != null) {
      getContext().getStatusManager().remove(w);
    }
    UnknownPropertyWatcher.Unknown firstError = null;
    for (UnknownPropertyWatcher.Unknown u : w.unknown()) {
      if (u.isSentryJavaOnly()) {
        addWarn(
            "Sentry appender ["
                + getName()
                + "]: <"
                + u.element
                + "> is a sentry-java option without an equivalent in sentry4j; ignored");
      } else if (firstError == null) {
        firstError = u;
      }
    }
    return firstError;
  }

  private void startEncoder() {
    Encoder<ILoggingEvent> e = encoder;
    layout = null;
    charset = StandardCharsets.UTF_8;
    if (e == null) {
      return;
    }
    if (e.getContext() == null) {
      e.setContext(getContext());
    }
    if (!e.isStarted()) {
      e.start();
    }
    if (e instanceof LayoutWrappingEncoder) {
      LayoutWrappingEncoder<ILoggingEvent> wrapping = (LayoutWrappingEncoder<ILoggingEvent>) e;
      layout = wrapping.getLayout();
      if (wrapping.getCharset() != null) {
        charset = wrapping.getCharset();
      }
    }
  }

  private String prefix() {
    return "Sentry appender [" + getName() + "] not started: ";
  }

  private void forwardDiagnostic(Diagnostics.Severity severity, String line) {
    if (severity == Diagnostics.Severity.ERROR) {
      addError(line);
    } else {
      addWarn(line);
    }
  }

  // ------------------------------------------------------------------ the hot path

  /**
   * Decides below every threshold before Logback's own dispatch (re-entry guard, filters) runs: a
   * line Sentry ignores costs a field read and an int comparison, small enough for the JIT to
   * inline into the logging call and keep Logback's event object from escaping.
   */
  @Override
  public void doAppend(ILoggingEvent event) {
    Level level = event == null ? null : event.getLevel();
    if (level != null && level.levelInt < lowestLevelInt) {
      return;
    }
    super.doAppend(event);
  }

  /**
   * Turns one line into a breadcrumb and/or an event. Never throws. Kept tiny: a line below every
   * threshold costs a level comparison, and the JIT can inline this into Logback's dispatch and
   * still remove the event object Logback made for it.
   */
  @Override
  protected void append(ILoggingEvent event) {
    LogCapture c = capture;
    if (c != null && event != null) {
      LogLevel level = LogbackRecords.level(event.getLevel());
      if (c.isEnabledFor(level)) {
        appendEnabled(c, event, level);
      }
    }
  }

  /**
   * A line at or above a threshold: captured unless the SDK itself logged it. A line that can only
   * become a breadcrumb is not read beyond its level, logger, time and text.
   */
  private void appendEnabled(LogCapture c, ILoggingEvent event, LogLevel level) {
    if (LogCapture.isIgnoredLogger(event.getLoggerName())) {
      return;
    }
    Object entry = ReentryGuard.tryEnter();
    if (entry == null) {
      return;
    }
    try {
      if (c.isEventLevel(level)) {
        if (Sentry.getClient().isEnabled()) {
          c.capture(LogbackRecords.toRecord(event, level, text(event), encoder != null));
        }
      } else if (!breadcrumb(c, event, level)) { // a Sentry Log record too (enableLogs)
        c.capture(LogbackRecords.toRecord(event, level, text(event), encoder != null));
      }
    } catch (Throwable e) { // NOPMD: nothing, Errors included, may reach the code that logged
      reportAppendError(e);
    } finally {
      ReentryGuard.exit(entry);
    }
  }

  /**
   * A breadcrumb only: level, logger, time and text, nothing else read or copied.
   *
   * @return {@code false} when the line needs its whole record instead (see {@link
   *     LogCapture#captureBreadcrumbOnly})
   */
  private boolean breadcrumb(LogCapture c, ILoggingEvent event, LogLevel level) {
    Instant at = event.getInstant();
    long epochSecond;
    int nano;
    if (at != null) {
      epochSecond = at.getEpochSecond();
      nano = at.getNano();
    } else {
      long millis = event.getTimeStamp();
      epochSecond = Math.floorDiv(millis, 1000L);
      nano = (int) Math.floorMod(millis, 1000L) * 1_000_000;
    }
    if (encoder == null && noArguments(event)) {
      return c.captureBreadcrumbOnly(
          level, event.getLoggerName(), epochSecond, nano, event.getMessage(), null, null);
    }
    if (encoder == null && LogCapture.isImmutable(event.getArgumentArray())) {
      // formatted (and deny-listed parameters filtered) only if an event ever carries it
      return c.captureBreadcrumbOnly(
          level,
          event.getLoggerName(),
          epochSecond,
          nano,
          FORMAT,
          event.getMessage(),
          event.getArgumentArray());
    }
    return c.captureBreadcrumbOnly(
        level,
        event.getLoggerName(),
        epochSecond,
        nano,
        text(event),
        event.getMessage(),
        event.getArgumentArray());
  }

  private static boolean noArguments(ILoggingEvent event) {
    Object[] args = event.getArgumentArray();
    return event.getMessage() == null || args == null || args.length == 0;
  }

  /** The message text: the encoder's output without its line break, else the formatted message. */
  private String text(ILoggingEvent event) {
    Encoder<ILoggingEvent> e = encoder;
    if (e == null) {
      return event.getFormattedMessage();
    }
    try {
      String text;
      Layout<ILoggingEvent> l = layout;
      if (l != null) {
        text = l.doLayout(event);
      } else {
        byte[] bytes = e.encode(event);
        text = bytes == null ? null : new String(bytes, charset);
      }
      return stripLineBreak(text);
    } catch (Throwable ex) { // NOPMD: an encoder's Error must not reach the code that logged
      reportAppendError(ex);
      return event.getFormattedMessage();
    }
  }

  /** The smallest Logback level int that {@code c} can capture. */
  private static int lowestLevelInt(LogCapture c) {
    Level[] levels = {Level.TRACE, Level.DEBUG, Level.INFO, Level.WARN, Level.ERROR};
    for (Level l : levels) {
      if (c.isEnabledFor(LogbackRecords.level(l))) {
        return l.levelInt;
      }
    }
    return Integer.MAX_VALUE;
  }

  static String stripLineBreak(String text) {
    if (text == null) {
      return null;
    }
    int end = text.length();
    if (end > 0 && text.charAt(end - 1) == '\n') {
      end--;
      if (end > 0 && text.charAt(end - 1) == '\r') {
        end--;
      }
    }
    return end == text.length() ? text : text.substring(0, end);
  }

  /** At most one status line a minute, saying how many were left out since. */
  private void reportAppendError(Throwable e) {
    long now = System.nanoTime();
    long last = lastErrorReport.get();
    if (now - last < ERROR_REPORT_INTERVAL_NANOS || !lastErrorReport.compareAndSet(last, now)) {
      suppressedErrors.incrementAndGet();
      return;
    }
    int suppressed = suppressedErrors.getAndSet(0);
    addError(
        "Sentry appender ["
            + getName()
            + "]: could not capture a log line"
            + (suppressed > 0 ? " (" + suppressed + " similar errors not reported)" : ""),
        e);
  }
}
