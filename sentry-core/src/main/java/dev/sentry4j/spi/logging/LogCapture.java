package dev.sentry4j.spi.logging;

import dev.sentry4j.client.SentryClient;
import dev.sentry4j.event.Breadcrumb;
import dev.sentry4j.event.Event;
import dev.sentry4j.event.Hint;
import dev.sentry4j.event.Level;
import dev.sentry4j.event.Message;
import dev.sentry4j.internal.FrozenValues;
import dev.sentry4j.internal.Ids;
import dev.sentry4j.internal.SdkThread;
import dev.sentry4j.internal.Strings;
import dev.sentry4j.internal.client.DefaultSentryClient;
import dev.sentry4j.internal.privacy.Scrubber;
import dev.sentry4j.internal.scope.ScopeStorage;
import dev.sentry4j.internal.scope.Scopes;
import dev.sentry4j.logs.LogAttributes;
import dev.sentry4j.logs.LogItem;
import dev.sentry4j.logs.LogLevel;
import dev.sentry4j.options.SentryOptions;
import dev.sentry4j.spi.Diagnostics;
import dev.sentry4j.tracing.PropagationContext;
import dev.sentry4j.tracing.Span;
import dev.sentry4j.tracing.TraceContext;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The one mapping from log lines to Sentry data, shared by every adapter: thresholds, level
 * mapping, breadcrumbs, error events (message template and parameters, MDC to tags and extras,
 * markers, key-value pairs, exception, trace context). Adapters only read their framework's record
 * into a {@link LogRecord}.
 *
 * <p>Typical adapter code:
 *
 * <pre>{@code
 * if (!capture.isEnabledFor(level) || LogCapture.isIgnoredLogger(name)) return; // no allocation
 * Object entry = ReentryGuard.tryEnter();
 * if (entry == null) return;
 * try {
 *   if (capture.isEventLevel(level)) {
 *     if (Sentry.getClient().isEnabled()) capture.capture(toRecord(frameworkEvent)); // an event
 *   } else if (!capture.captureBreadcrumbOnly(level, name, seconds, nanos, text, template, args)) {
 *     capture.capture(toRecord(frameworkEvent));      // a Sentry Log record too (enableLogs)
 *   }                                                 // else just the breadcrumb, one scope lookup
 * } finally { ReentryGuard.exit(entry); }
 * }</pre>
 *
 * Thread-safe; {@link #capture} and {@link #captureBreadcrumb} never throw.
 */
public final class LogCapture {
  /**
   * The SDK's own loggers, and the JDK HTTP client's (the SDK sends with it; its selector thread
   * logs through JUL at FINE and below, which a JUL handler at level ALL would turn into events).
   */
  private static final String[] IGNORED_LOGGER_PREFIXES = {
    "dev.sentry4j.", "jdk.internal.httpclient.", "jdk.httpclient."
  };

  /** Whether an ASCII character starts one of {@link #IGNORED_LOGGER_PREFIXES}. */
  private static final boolean[] IGNORED_FIRST_CHARS = new boolean[128];

  static {
    for (String prefix : IGNORED_LOGGER_PREFIXES) {
      IGNORED_FIRST_CHARS[prefix.charAt(0)] = true;
    }
  }

  private final LogCaptureSettings settings;
  private final int eventThreshold;
  private final int breadcrumbThreshold;
  private final int logsThreshold;
  private final int lowestThreshold;
  private final String mechanism;
  private final String origin;

  /** A capture with the given settings. */
  public LogCapture(LogCaptureSettings settings) {
    this.settings = settings;
    this.eventThreshold = settings.getMinimumEventLevel().ordinal();
    this.breadcrumbThreshold = settings.getMinimumBreadcrumbLevel().ordinal();
    this.logsThreshold = settings.getMinimumLevel().ordinal();
    this.lowestThreshold = Math.min(Math.min(eventThreshold, breadcrumbThreshold), logsThreshold);
    this.mechanism = "auto.log." + settings.getIntegration();
    this.origin = mechanism;
  }

  /**
   * Log lines whose MDC, key-value pairs or data passed the capture limits (100 entries, 16 KiB a
   * value, 256 KiB in all, tags 200 characters) and were cut, since the process started.
   */
  public static long getTruncatedLines() {
    return CaptureLimits.TRUNCATED_LINES.get();
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
   * Whether lines from this logger, or from an SDK thread, must never be captured (the SDK's own,
   * which would loop).
   */
  public static boolean isIgnoredLogger(String loggerName) {
    if (SdkThread.isCurrent()) {
      return true;
    }
    if (loggerName == null || loggerName.isEmpty()) {
      return false;
    }
    char first = loggerName.charAt(0);
    if (first >= IGNORED_FIRST_CHARS.length || !IGNORED_FIRST_CHARS[first]) {
      return false; // most names stop here, at one array read
    }
    for (String prefix : IGNORED_LOGGER_PREFIXES) {
      if (loggerName.startsWith(prefix)) {
        return true;
      }
    }
    return false;
  }

  /**
   * Whether an MDC key only repeats the trace the record already carries: the keys that {@code
   * sentry-slf4j-mdc} and {@code sentry-log4j2} write by default ({@code trace_id}, {@code
   * span_id}, {@code trace_sampled}). They are not sent again as extras or {@code mdc.*}
   * attributes.
   */
  static boolean isTraceKey(String key) {
    return TraceKeys.configured().isTraceKey(key);
  }

  /**
   * The trace id of a line logged now on this thread: the current span's, else the propagation
   * context's (the trace that errors captured here carry, also without tracing configured). For
   * pattern converters and context providers: reads two references, allocates nothing.
   *
   * @return 32 lowercase hex digits, or {@code ""} if unknown; never throws
   */
  public static String currentTraceId() {
    try {
      Scopes scopes = ScopeStorage.current();
      Span span = scopes.getSpan();
      if (span != null) {
        return orEmpty(span.getTraceId());
      }
      PropagationContext p = scopes.getPropagationContext();
      return p == null ? "" : orEmpty(p.getTraceId());
    } catch (RuntimeException e) {
      return "";
    }
  }

  /**
   * The span id of a line logged now on this thread: the current span's, else the propagation
   * context's (the {@code span_id} of errors captured here).
   *
   * @return 16 lowercase hex digits, or {@code ""} if unknown; never throws
   */
  public static String currentSpanId() {
    try {
      Scopes scopes = ScopeStorage.current();
      Span span = scopes.getSpan();
      if (span != null) {
        return orEmpty(span.getSpanId());
      }
      PropagationContext p = scopes.getPropagationContext();
      return p == null ? "" : orEmpty(p.getSpanId());
    } catch (RuntimeException e) {
      return "";
    }
  }

  private static String orEmpty(String s) {
    return s == null ? "" : s;
  }

  /** The trace of the calling thread: its current span's, else its scope's propagation context. */
  public static TraceContext currentTrace() {
    return ScopeStorage.current().getTraceContext();
  }

  /**
   * Turns one line into an error event, a breadcrumb and/or a Sentry Log record (with {@code
   * enableLogs}), as the thresholds say. Never throws.
   */
  public void capture(LogRecord record) {
    try {
      Scopes scopes = ScopeStorage.current();
      SentryClient client = scopes.getClient();
      if (!client.isEnabled()) {
        return;
      }
      int level = record.getLevel().ordinal();
      if (level >= logsThreshold && client.getOptions().isEnableLogs()) {
        captureLog(record, scopes, client);
      }
      if (level >= eventThreshold) {
        Event event = toEvent(record, client);
        client.captureEvent(event, Hint.of(Hint.LOG_RECORD, record), scopes);
      }
      if (level >= breadcrumbThreshold) {
        // a Hint is a map: make one only when a beforeBreadcrumb callback can read it
        Hint hint =
            client.getOptions().getBeforeBreadcrumb() == null
                ? null
                : Hint.of(Hint.LOG_RECORD, record);
        scopes.addBreadcrumb(toBreadcrumb(record, client), hint);
      }
    } catch (RuntimeException e) {
      Diagnostics.error(
          "logcapture:" + settings.getIntegration(), "Could not capture a log line; dropped", e);
    } catch (OutOfMemoryError e) { // never into the application's log call
      Diagnostics.outOfMemory("a log capture", e);
    }
  }

  /**
   * Whether a line at {@code level} needs the whole {@link LogRecord}: it becomes an error event,
   * or a Sentry Log record ({@code enableLogs}). Otherwise it can at most be a breadcrumb, and the
   * adapter hands {@link #captureBreadcrumb} just the four values a breadcrumb keeps.
   */
  public boolean needsRecord(LogLevel level, SentryClient client) {
    return needsRecord(level.ordinal(), client.getOptions());
  }

  /**
   * {@link #needsRecord(LogLevel, SentryClient)} for a level's ordinal and the client's options.
   */
  private boolean needsRecord(int level, SentryOptions options) {
    return level >= eventThreshold || (level >= logsThreshold && options.isEnableLogs());
  }

  /**
   * Whether every line at {@code level} needs the whole {@link LogRecord}: it becomes an error
   * event. One comparison; lines below may still need it for Sentry Logs, which {@link
   * #captureBreadcrumbOnly} finds out.
   */
  public boolean isEventLevel(LogLevel level) {
    return level.ordinal() >= eventThreshold;
  }

  /**
   * A line that can only become a breadcrumb ({@link #needsRecord} is false): adds it as {@link
   * #capture} would (category = logger, level mapped, the text), without a {@link LogRecord}. One
   * is made only when a {@code beforeBreadcrumb} callback can read it in its hint. The common case
   * allocates just the breadcrumb. Never throws.
   *
   * @param level the line's level; below {@code minimumBreadcrumbLevel} nothing is added
   * @param loggerName the logger, the breadcrumb's category
   * @param timestamp when it was logged; {@code null}: now
   * @param text the formatted message (or the template when there is no formatted message)
   */
  public void captureBreadcrumb(LogLevel level, String loggerName, Instant timestamp, String text) {
    captureBreadcrumb(level, loggerName, timestamp, text, null, null);
  }

  /**
   * {@link #captureBreadcrumb(LogLevel, String, Instant, String)} for a line logged with a
   * template: a parameter that follows a deny-listed key ({@code password={}}) is filtered in the
   * text.
   *
   * @param template the line's template, or {@code null}
   * @param args its arguments, or {@code null}
   */
  public void captureBreadcrumb(
      LogLevel level,
      String loggerName,
      Instant timestamp,
      String text,
      String template,
      Object[] args) {
    Instant at = timestamp != null ? timestamp : Instant.now();
    addLineBreadcrumb(false, level, loggerName, at, 0, 0, text, template, args);
  }

  /**
   * Like {@link #captureBreadcrumb(LogLevel, String, Instant, String)}, with the text made only
   * when the breadcrumb is read (when an event carrying it is serialized, on the SDK's worker), so
   * that a line that never reaches Sentry is never formatted. {@code text} must be callable from
   * any thread and always give the same text: adapters pass it only when the message's arguments
   * are immutable ({@link #isImmutable}). With a {@code beforeBreadcrumb} callback the text is made
   * at once.
   */
  public void captureBreadcrumb(
      LogLevel level, String loggerName, Instant timestamp, Supplier<String> text) {
    captureBreadcrumb(level, loggerName, timestamp, text, null, null);
  }

  /**
   * {@link #captureBreadcrumb(LogLevel, String, Instant, Supplier)} for a line logged with a
   * template: a parameter that follows a deny-listed key ({@code password={}}) is filtered in the
   * text when the text is made. {@code args} must be immutable ({@link #isImmutable}).
   *
   * @param template the line's template, or {@code null}
   * @param args its arguments, or {@code null}
   */
  public void captureBreadcrumb(
      LogLevel level,
      String loggerName,
      Instant timestamp,
      Supplier<String> text,
      String template,
      Object[] args) {
    Instant at = timestamp != null ? timestamp : Instant.now();
    addLineBreadcrumb(false, level, loggerName, at, 0, 0, text, template, args);
  }

  /**
   * The adapters' hot path for a line below {@link #isEventLevel}: if it can only become a
   * breadcrumb ({@link #needsRecord} is false for the calling thread's client), adds it as {@link
   * #captureBreadcrumb(LogLevel, String, Instant, String, String, Object[])} does and returns
   * {@code true}; if it needs the whole record (a Sentry Log record, with {@code enableLogs}), adds
   * nothing and returns {@code false}: then hand the record to {@link #capture}. With no enabled
   * client, {@code true} (nothing to do). One scope lookup and one client read per line, and no
   * {@link Instant}: the breadcrumb keeps the time as given. Never throws.
   *
   * @param level the line's level; below {@code minimumBreadcrumbLevel} nothing is added
   * @param loggerName the logger, the breadcrumb's category
   * @param epochSecond when it was logged: seconds since the epoch
   * @param nanoOfSecond and the nanosecond within that second (0 to 999,999,999)
   * @param text the formatted message (or the template when there is no formatted message)
   * @param template the line's template, or {@code null}
   * @param args its arguments, or {@code null} ({@link #argumentsMatterFor})
   * @return {@code false} when the line needs {@link #capture} instead
   */
  public boolean captureBreadcrumbOnly(
      LogLevel level,
      String loggerName,
      long epochSecond,
      int nanoOfSecond,
      String text,
      String template,
      Object[] args) {
    return addLineBreadcrumb(
        true, level, loggerName, null, epochSecond, nanoOfSecond, text, template, args);
  }

  /**
   * {@link #captureBreadcrumbOnly(LogLevel, String, long, int, String, String, Object[])} with the
   * text made only when the breadcrumb is read, as {@link #captureBreadcrumb(LogLevel, String,
   * Instant, Supplier, String, Object[])} does: {@code text} must be callable from any thread and
   * always give the same text, and {@code args} must be immutable ({@link #isImmutable}).
   */
  public boolean captureBreadcrumbOnly(
      LogLevel level,
      String loggerName,
      long epochSecond,
      int nanoOfSecond,
      Supplier<String> text,
      String template,
      Object[] args) {
    return addLineBreadcrumb(
        true, level, loggerName, null, epochSecond, nanoOfSecond, text, template, args);
  }

  /**
   * {@link #captureBreadcrumbOnly(LogLevel, String, long, int, Supplier, String, Object[])} with
   * the text made by the framework's own {@code format} from {@code template} and {@code args} when
   * the breadcrumb is read: no lambda, and nothing but the breadcrumb allocated. {@code format}
   * must give the same text whenever it is called, and {@code args} must be immutable ({@link
   * #isImmutable}) and not change afterwards.
   */
  public boolean captureBreadcrumbOnly(
      LogLevel level,
      String loggerName,
      long epochSecond,
      int nanoOfSecond,
      Breadcrumb.TextFormat format,
      String template,
      Object[] args) {
    return addLineBreadcrumb(
        true, level, loggerName, null, epochSecond, nanoOfSecond, format, template, args);
  }

  /**
   * {@link #captureBreadcrumbOnly(LogLevel, String, long, int, Breadcrumb.TextFormat, String,
   * Object[])} for a line with exactly one argument, which then needs no array: {@code arg} must be
   * immutable ({@link #isImmutable}), not an array.
   */
  public boolean captureBreadcrumbOnly(
      LogLevel level,
      String loggerName,
      long epochSecond,
      int nanoOfSecond,
      Breadcrumb.TextFormat format,
      String template,
      Object arg) {
    // a null argument travels in an array: below, a bare null means "no arguments"
    Object one = arg == null ? new Object[] {null} : arg;
    return addLineBreadcrumb(
        true, level, loggerName, null, epochSecond, nanoOfSecond, format, template, one);
  }

  /**
   * Adds a line's breadcrumb: one scope lookup, one client read. The time is {@code timestamp}, or
   * when that is {@code null}, {@code epochSecond} and {@code nano}.
   *
   * @param unlessRecord return {@code false}, adding nothing, when the line needs the whole record
   * @param text the text: a {@code String}, or made when read by a {@code Supplier<String>} or,
   *     from {@code template} and {@code args}, a {@link Breadcrumb.TextFormat}
   * @param args the arguments: an {@code Object[]}, one argument (not an array), or {@code null}
   * @return {@code false} only with {@code unlessRecord}, when the line needs the whole record
   */
  private boolean addLineBreadcrumb(
      boolean unlessRecord,
      LogLevel level,
      String loggerName,
      Instant timestamp,
      long epochSecond,
      int nano,
      Object text,
      String template,
      Object args) {
    try {
      int l = level.ordinal();
      if (!unlessRecord && l < breadcrumbThreshold) {
        return true;
      }
      Scopes scopes = ScopeStorage.current();
      SentryClient client = scopes.getClient();
      if (!client.isEnabled()) {
        return true;
      }
      SentryOptions options = client.getOptions();
      if (unlessRecord && needsRecord(l, options)) {
        return false;
      }
      if (l < breadcrumbThreshold) {
        return true;
      }
      // the deny-list can filter parameters only of such a template (its scrubber's first test):
      // else no wrapper, no list, no scrubber call
      List<Object> params = argumentsMatterFor(template) ? asList(args) : null;
      if (params != null && params.isEmpty()) {
        params = null;
      }
      boolean templated = params != null;
      Level eventLevel = level.toEventLevel();
      if (options.getBeforeBreadcrumb() == null) {
        long seconds = timestamp != null ? timestamp.getEpochSecond() : epochSecond;
        int nanos = timestamp != null ? timestamp.getNano() : nano;
        Breadcrumb crumb =
            lineCrumb(client, seconds, nanos, loggerName, eventLevel, text, template, args, params);
        scopes.addBreadcrumb(crumb, null, options);
        return true;
      }
      // a beforeBreadcrumb callback reads the text and the record in its hint: both made now
      Instant at = timestamp != null ? timestamp : Instant.ofEpochSecond(epochSecond, nano);
      String t =
          text instanceof String || text == null ? (String) text : lazy(text, template, args).get();
      if (templated) {
        t = filtered(client, template, params, t);
      }
      Hint hint =
          Hint.of(
              Hint.LOG_RECORD,
              LogRecord.builder(level)
                  .loggerName(loggerName)
                  .timestamp(at)
                  .formattedMessage(t)
                  .build());
      scopes.addBreadcrumb(Breadcrumb.of(at, loggerName, eventLevel, t), hint, options);
    } catch (RuntimeException e) {
      Diagnostics.error(
          "logcapture:" + settings.getIntegration(), "Could not add a breadcrumb; dropped", e);
    } catch (OutOfMemoryError e) {
      Diagnostics.outOfMemory("a breadcrumb capture", e);
    }
    return true;
  }

  /**
   * A line's breadcrumb without a {@code beforeBreadcrumb} callback: its text as given, or made
   * when read; {@code params} are the arguments when the deny-list may filter one ({@link
   * #argumentsMatterFor}), else {@code null}.
   */
  private static Breadcrumb lineCrumb(
      SentryClient client,
      long seconds,
      int nanos,
      String loggerName,
      Level level,
      Object text,
      String template,
      Object args,
      List<Object> params) {
    boolean eager = text == null || text instanceof String;
    if (params != null) { // the deny-list filters the text, now or when it is made
      if (eager) {
        String t = filtered(client, template, params, (String) text);
        return Breadcrumb.of(seconds, nanos, loggerName, level, t);
      }
      Supplier<String> made = lazy(text, template, args);
      return Breadcrumb.of(
          seconds, nanos, loggerName, level, () -> filtered(client, template, params, made.get()));
    }
    if (eager) {
      return Breadcrumb.of(seconds, nanos, loggerName, level, (String) text);
    }
    if (text instanceof Breadcrumb.TextFormat) { // the hot path: nothing but the breadcrumb made
      Breadcrumb.TextFormat format = (Breadcrumb.TextFormat) text;
      return args instanceof Object[]
          ? Breadcrumb.of(seconds, nanos, loggerName, level, format, template, (Object[]) args)
          : Breadcrumb.of(seconds, nanos, loggerName, level, format, template, args);
    }
    return Breadcrumb.of(seconds, nanos, loggerName, level, lazy(text, template, args));
  }

  /** {@code args} (an {@code Object[]}, one argument, or {@code null}) as a list. */
  private static List<Object> asList(Object args) {
    if (args == null) {
      return Collections.emptyList();
    }
    return args instanceof Object[]
        ? Arrays.asList((Object[]) args)
        : Collections.singletonList(args);
  }

  /** The text a {@code Supplier} or a {@link Breadcrumb.TextFormat} makes, as a supplier. */
  @SuppressWarnings("unchecked") // only a Supplier<String> is ever passed
  private static Supplier<String> lazy(Object text, String template, Object args) {
    if (text instanceof Breadcrumb.TextFormat) {
      Breadcrumb.TextFormat format = (Breadcrumb.TextFormat) text;
      if (template == null || args == null) {
        return () -> template;
      }
      Object[] array = args instanceof Object[] ? (Object[]) args : new Object[] {args};
      return () -> array.length == 0 ? template : format.format(template, array);
    }
    return (Supplier<String>) text;
  }

  /**
   * Whether a line's arguments can change the text of its breadcrumb: only a template with a
   * placeholder and a key before it ({@code password={}}, {@code token: {}}) has parameters the
   * deny-list filters (the same first test the scrubber makes). Otherwise an adapter may pass
   * {@code null} arguments to {@link #captureBreadcrumb(LogLevel, String, Instant, String, String,
   * Object[])} and skip copying them out of the framework's event.
   *
   * @param template the line's template, or {@code null}
   * @return {@code false} when the arguments cannot matter
   */
  public static boolean argumentsMatterFor(String template) {
    return TemplateTraits.argumentsMatter(template);
  }

  /**
   * Whether a template has a {@code {}} placeholder (SLF4J's and Log4j 2's), remembered per
   * template object so that a line from the same call site does not scan its text again.
   *
   * @param template the line's template, or {@code null}
   */
  public static boolean hasBracePlaceholder(String template) {
    return TemplateTraits.hasBracePair(template);
  }

  /**
   * Whether every argument is of an immutable type whose text cannot change later or depend on the
   * thread ({@code null}, {@code String}, boxed primitives, {@code Enum}): then a message can be
   * formatted later, on another thread, with the same result.
   */
  public static boolean isImmutable(Object[] args) {
    if (args == null) {
      return true;
    }
    for (Object a : args) {
      if (!isImmutableValue(a)) {
        return false;
      }
    }
    return true;
  }

  /** {@link #isImmutable(Object[])} for one argument. */
  public static boolean isImmutableValue(Object a) {
    return a == null
        || a instanceof String
        || a instanceof Integer
        || a instanceof Long
        || a instanceof Boolean
        || a instanceof Character
        || a instanceof Short
        || a instanceof Byte
        || a instanceof Double
        || a instanceof Float
        || a instanceof Enum;
  }

  private void captureLog(LogRecord record, Scopes scopes, SentryClient client) {
    try {
      client.captureLog(toLogItem(record, scopes), scopes);
    } catch (RuntimeException e) {
      Diagnostics.error(
          "logcapture-log:" + settings.getIntegration(),
          "Could not make a Sentry Log record; dropped",
          e);
    }
  }

  /**
   * The Sentry Log record for a line, frozen on the calling thread: body = formatted message; trace
   * of the record (else the calling thread's); attributes {@code sentry.origin} ({@code
   * auto.log.<integration>}), the template and each parameter (only with at least one parameter),
   * {@code logger.name}, {@code thread.name}, {@code thread.id}, the caller ({@code code.*}) when
   * known, the throwable's {@code exception.type} and {@code exception.message}, {@code marker},
   * every MDC entry as {@code mdc.<key>}, and the key-value pairs and structured data under their
   * own names with their JSON types. The SDK's own names win over a key-value pair of the same
   * name.
   */
  public LogItem toLogItem(LogRecord record) {
    return toLogItem(record, ScopeStorage.current());
  }

  private static boolean hasValidTrace(LogRecord record) {
    return record.getTrace() != null && Ids.isLowerHex(record.getTrace().getTraceId(), 32);
  }

  private LogItem toLogItem(LogRecord record, Scopes scopes) {
    String body =
        record.getFormattedMessage() != null ? record.getFormattedMessage() : record.getTemplate();
    SentryClient client = scopes.getClient();
    boolean encodedOnly = encodedOnly(record, client);
    if (encodedOnly) {
      body = filtered(client, record.getTemplate(), record.getArguments(), body);
    }
    LogItem.Builder b =
        LogItem.builder(record.getLevel(), body)
            .timestamp(record.getTimestamp())
            .trace(hasValidTrace(record) ? record.getTrace() : scopes.getTraceContext());
    CaptureLimits.Budget budget = new CaptureLimits.Budget();
    for (Map.Entry<String, String> e : record.getMdc().entrySet()) {
      if (e.getKey() != null && e.getValue() != null && !isTraceKey(e.getKey())) {
        String value = budget.takeEntry() ? budget.value(e.getValue()) : null;
        if (value == null) {
          break;
        }
        b.attribute(
            LogAttributes.MDC_PREFIX + budget.cut(e.getKey(), CaptureLimits.MAX_KEY_CHARS), value);
      }
    }
    for (Map<String, Object> values : List.of(record.getKeyValues(), record.getData())) {
      for (Map.Entry<String, Object> kv : values.entrySet()) {
        if (!budget.takeEntry()) {
          break;
        }
        Object v = kv.getValue();
        Object bounded = v instanceof String ? budget.value((String) v) : v;
        if (bounded == null) {
          break;
        }
        b.attribute(budget.cut(kv.getKey(), CaptureLimits.MAX_KEY_CHARS), bounded);
      }
    }
    budget.count();
    b.attribute(LogAttributes.ORIGIN, origin);
    List<Object> args = record.getArguments();
    if (record.getTemplate() != null && !args.isEmpty() && !encodedOnly) {
      b.attribute(LogAttributes.MESSAGE_TEMPLATE, record.getTemplate());
      for (int i = 0; i < args.size(); i++) {
        b.attribute(LogAttributes.messageParameter(i), args.get(i));
      }
    }
    b.attribute(LogAttributes.LOGGER_NAME, record.getLoggerName());
    b.attribute(LogAttributes.THREAD_NAME, record.getThreadName());
    if (record.getThreadId() >= 0) {
      b.attribute(LogAttributes.THREAD_ID, record.getThreadId());
    }
    StackTraceElement source = record.getSource();
    if (source != null) {
      b.attribute(
          LogAttributes.CODE_FUNCTION_NAME, source.getClassName() + "." + source.getMethodName());
      b.attribute(LogAttributes.CODE_FILE_PATH, source.getFileName());
      if (source.getLineNumber() > 0) {
        b.attribute(LogAttributes.CODE_LINE_NUMBER, source.getLineNumber());
      }
    }
    Throwable t = record.getThrowable();
    if (t != null) {
      b.attribute(LogAttributes.EXCEPTION_TYPE, t.getClass().getName());
      b.attribute(LogAttributes.EXCEPTION_MESSAGE, safeMessage(t));
    }
    if (!record.getMarkers().isEmpty()) {
      b.attribute(LogAttributes.MARKER, String.join(",", record.getMarkers()));
    }
    return b.build();
  }

  private static String safeMessage(Throwable t) {
    try {
      return t.getMessage();
    } catch (RuntimeException e) { // a hostile getMessage()
      return "[" + t.getClass().getName() + ".getMessage() threw " + e.getClass().getName() + "]";
    }
  }

  /**
   * The breadcrumb for a line: category = logger, level mapped, message formatted (a parameter
   * after a deny-listed key filtered).
   */
  public Breadcrumb toBreadcrumb(LogRecord record) {
    return toBreadcrumb(record, ScopeStorage.current().getClient());
  }

  private Breadcrumb toBreadcrumb(LogRecord record, SentryClient client) {
    return Breadcrumb.of(
        record.getTimestamp(),
        record.getLoggerName(),
        record.getLevel().toEventLevel(),
        filtered(client, record.getTemplate(), record.getArguments(), text(record)));
  }

  /**
   * Whether only a line's encoded text may be sent: an encoder or layout made it and {@code
   * sendDefaultPii} is off (as sentry-java does: the template and raw parameters only with PII).
   */
  private static boolean encodedOnly(LogRecord record, SentryClient client) {
    return record.isLayoutText()
        && record.getFormattedMessage() != null
        && !client.getOptions().isSendDefaultPii();
  }

  /** {@code text} with the template's parameters after deny-listed keys filtered. */
  private static String filtered(SentryClient client, String template, List<?> args, String text) {
    if (template == null || args.isEmpty() || !(client instanceof DefaultSentryClient)) {
      return text;
    }
    Scrubber scrubber = ((DefaultSentryClient) client).getScrubber();
    return scrubber == null ? text : scrubber.filterParameters(template, args, text);
  }

  /** The error event for a line. */
  public Event toEvent(LogRecord record) {
    return toEvent(record, ScopeStorage.current().getClient());
  }

  private Event toEvent(LogRecord record, SentryClient client) {
    Event event = new Event();
    event.setTimestamp(record.getTimestamp());
    event.setLevel(record.getLevel().toEventLevel());
    event.setLogger(record.getLoggerName());
    if (record.getThreadId() >= 0) { // else keep the capturing thread's: Relay needs an id >= 0
      event.setThread(record.getThreadId(), record.getThreadName());
    }
    event.setMessage(
        encodedOnly(record, client)
            ? Message.of(
                filtered(
                    client,
                    record.getTemplate(),
                    record.getArguments(),
                    record.getFormattedMessage()))
            : message(record));
    if (record.getThrowable() != null) {
      event.setThrowable(record.getThrowable());
      event.setMechanismType(mechanism);
      event.setHandled(true);
    }
    CaptureLimits.Budget budget = new CaptureLimits.Budget();
    Map<String, Object> mdcRest = new LinkedHashMap<>();
    for (Map.Entry<String, String> e : record.getMdc().entrySet()) {
      if (e.getKey() == null || e.getValue() == null || isTraceKey(e.getKey())) {
        continue;
      }
      if (!budget.takeEntry()) {
        break;
      }
      if (settings.getContextTags().contains(e.getKey())) {
        event.setTag(
            budget.cut(e.getKey(), CaptureLimits.MAX_TAG_CHARS),
            budget.cut(e.getValue(), CaptureLimits.MAX_TAG_CHARS));
      } else {
        String value = budget.value(e.getValue());
        if (value == null) {
          break;
        }
        mdcRest.put(budget.cut(e.getKey(), CaptureLimits.MAX_KEY_CHARS), value);
      }
    }
    if (!mdcRest.isEmpty()) {
      if (settings.isMdcAsContext()) {
        event.setContext("MDC", mdcRest);
      } else {
        event.getExtras().putAll(mdcRest);
      }
    }
    putExtras(event, record.getKeyValues(), budget);
    putExtras(event, record.getData(), budget);
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
    budget.markOn(event);
    return event;
  }

  private static void putExtras(
      Event event, Map<String, Object> values, CaptureLimits.Budget budget) {
    for (Map.Entry<String, Object> kv : values.entrySet()) {
      if (!budget.takeEntry()) {
        return;
      }
      Object frozen = FrozenValues.freeze(kv.getValue());
      if (!budget.takeChars(CaptureLimits.estimate(frozen))) {
        return;
      }
      event.setExtra(budget.cut(kv.getKey(), CaptureLimits.MAX_KEY_CHARS), frozen);
    }
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
    return record.getFormattedMessage() != null
        ? record.getFormattedMessage()
        : record.getTemplate();
  }
}
