package dev.sentry4j.logging;

import dev.sentry4j.Hint;
import dev.sentry4j.SentryClient;
import dev.sentry4j.event.Breadcrumb;
import dev.sentry4j.event.Event;
import dev.sentry4j.event.Message;
import dev.sentry4j.internal.Diagnostics;
import dev.sentry4j.internal.FrozenValues;
import dev.sentry4j.internal.SdkThread;
import dev.sentry4j.internal.Strings;
import dev.sentry4j.scope.ScopeStorage;
import dev.sentry4j.scope.Scopes;
import dev.sentry4j.tracing.TraceContext;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The one mapping from log lines to Sentry data, shared by every adapter: thresholds, level mapping,
 * breadcrumbs, error events (message template and parameters, MDC to tags and extras, markers,
 * key-value pairs, exception, trace context). Adapters only read their framework's record into a
 * {@link LogRecord}.
 *
 * <p>Typical adapter code:
 *
 * <pre>{@code
 * if (!capture.isEnabledFor(level) || LogCapture.isIgnoredLogger(name)) return; // no allocation
 * if (!ReentryGuard.enter()) return;
 * try { capture.capture(toRecord(frameworkEvent)); } finally { ReentryGuard.exit(); }
 * }</pre>
 *
 * Thread-safe; {@link #capture} never throws.
 */
public final class LogCapture {
  private static final String[] IGNORED_LOGGER_PREFIXES = {
    "dev.sentry4j.", "org.apache.hc.client5.", "org.apache.hc.core5.",
  };

  private final LogCaptureSettings settings;
  private final int eventThreshold;
  private final int breadcrumbThreshold;
  private final int lowestThreshold;
  private final String mechanism;

  /** A capture with the given settings. */
  public LogCapture(LogCaptureSettings settings) {
    this.settings = settings;
    this.eventThreshold = settings.getMinimumEventLevel().ordinal();
    this.breadcrumbThreshold = settings.getMinimumBreadcrumbLevel().ordinal();
    this.lowestThreshold =
        Math.min(Math.min(eventThreshold, breadcrumbThreshold), settings.getMinimumLevel().ordinal());
    this.mechanism = "auto.log." + settings.getIntegration();
  }

  /** The settings. */
  public LogCaptureSettings getSettings() {
    return settings;
  }

  /** Whether a line at {@code level} can matter at all: one comparison, no allocation. */
  public boolean isEnabledFor(LogLevel level) {
    return level.ordinal() >= lowestThreshold;
  }

  /**
   * Whether lines from this logger, or from an SDK thread, must never be captured (the SDK's own and
   * HttpClient's, which would loop).
   */
  public static boolean isIgnoredLogger(String loggerName) {
    if (SdkThread.isCurrent()) {
      return true;
    }
    if (loggerName == null) {
      return false;
    }
    for (String prefix : IGNORED_LOGGER_PREFIXES) {
      if (loggerName.startsWith(prefix)) {
        return true;
      }
    }
    return false;
  }

  /** The trace of the calling thread: its current span's, else its scope's propagation context. */
  public static TraceContext currentTrace() {
    return ScopeStorage.current().getTraceContext();
  }

  /** Turns one line into an event and/or a breadcrumb, as the thresholds say. Never throws. */
  public void capture(LogRecord record) {
    try {
      Scopes scopes = ScopeStorage.current();
      SentryClient client = scopes.getClient();
      if (!client.isEnabled()) {
        return;
      }
      int level = record.getLevel().ordinal();
      if (level >= eventThreshold) {
        Event event = toEvent(record);
        client.captureEvent(event, Hint.of(Hint.LOG_RECORD, record), scopes);
      }
      if (level >= breadcrumbThreshold) {
        // a Hint is a map: make one only when a beforeBreadcrumb callback can read it
        Hint hint =
            client.getOptions().getBeforeBreadcrumb() == null
                ? null
                : Hint.of(Hint.LOG_RECORD, record);
        scopes.addBreadcrumb(toBreadcrumb(record), hint);
      }
    } catch (RuntimeException e) {
      Diagnostics.error(
          "logcapture:" + settings.getIntegration(), "Could not capture a log line; dropped", e);
    }
  }

  /** The breadcrumb for a line: category = logger, level mapped, message formatted. */
  public Breadcrumb toBreadcrumb(LogRecord record) {
    return Breadcrumb.of(
        record.getTimestamp(),
        record.getLoggerName(),
        record.getLevel().toEventLevel(),
        text(record));
  }

  /** The error event for a line. */
  public Event toEvent(LogRecord record) {
    Event event = new Event();
    event.setTimestamp(record.getTimestamp());
    event.setLevel(record.getLevel().toEventLevel());
    event.setLogger(record.getLoggerName());
    event.setThread(record.getThreadId(), record.getThreadName());
    event.setMessage(message(record));
    if (record.getThrowable() != null) {
      event.setThrowable(record.getThrowable());
      event.setMechanismType(mechanism);
      event.setHandled(true);
    }
    Map<String, Object> mdcRest = new LinkedHashMap<>();
    for (Map.Entry<String, String> e : record.getMdc().entrySet()) {
      if (e.getValue() == null) {
        continue;
      }
      if (settings.getContextTags().contains(e.getKey())) {
        event.setTag(e.getKey(), e.getValue());
      } else {
        mdcRest.put(e.getKey(), e.getValue());
      }
    }
    if (!mdcRest.isEmpty()) {
      if (settings.isMdcAsContext()) {
        event.setContext("MDC", mdcRest);
      } else {
        event.getExtras().putAll(mdcRest);
      }
    }
    for (Map.Entry<String, Object> kv : record.getKeyValues().entrySet()) {
      event.setExtra(kv.getKey(), FrozenValues.freeze(kv.getValue()));
    }
    for (Map.Entry<String, Object> d : record.getData().entrySet()) {
      event.setExtra(d.getKey(), FrozenValues.freeze(d.getValue()));
    }
    if (!record.getMarkers().isEmpty()) {
      event.setTag("marker", String.join(",", record.getMarkers()));
    }
    if (record.getThreadName() != null) {
      event.setExtra("thread_name", record.getThreadName());
    }
    if (record.getSource() != null) {
      event.setExtra("source", record.getSource().toString());
    }
    event.setTraceContext(record.getTrace());
    return event;
  }

  private static Message message(LogRecord record) {
    String formatted = record.getFormattedMessage();
    String template = record.getTemplate();
    if (template == null) {
      return formatted == null ? null : Message.of(formatted);
    }
    List<String> params = new ArrayList<>(record.getArguments().size());
    for (Object arg : record.getArguments()) {
      params.add(Strings.safeToString(arg));
    }
    boolean same = formatted == null || formatted.equals(template);
    return new Message(template, params, same ? null : formatted);
  }

  private static String text(LogRecord record) {
    return record.getFormattedMessage() != null ? record.getFormattedMessage() : record.getTemplate();
  }
}
