package dev.sentry4j.log4j2;

import dev.sentry4j.logs.LogLevel;
import dev.sentry4j.spi.logging.LogCapture;
import dev.sentry4j.spi.logging.LogRecord;
import dev.sentry4j.tracing.PropagationContext;
import dev.sentry4j.tracing.TraceContext;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.logging.log4j.Marker;
import org.apache.logging.log4j.ThreadContext;
import org.apache.logging.log4j.core.LogEvent;
import org.apache.logging.log4j.core.StringLayout;
import org.apache.logging.log4j.message.MapMessage;
import org.apache.logging.log4j.message.Message;
import org.apache.logging.log4j.message.ParameterizedMessage;
import org.apache.logging.log4j.message.StructuredDataId;
import org.apache.logging.log4j.message.StructuredDataMessage;
import org.apache.logging.log4j.util.ReadOnlyStringMap;

/**
 * Reads a Log4j 2 {@link LogEvent} into the core's neutral {@link LogRecord}. Everything
 * thread-bound comes from the event — thread, context data, and (for async loggers) the trace ids
 * the ThreadContext held (see {@link ThreadContextTraceListener}) when Log4j froze it into the
 * event on the logging thread — never from the thread that runs the appender. Immutable and
 * thread-safe.
 */
final class LogEventMapper {
  /** Data key of the ThreadContext stack (NDC), innermost last. */
  static final String STACK_KEY = "ThreadContext.stack";

  /** Data key of a {@code StructuredDataMessage}'s id. */
  static final String STRUCTURED_DATA_ID_KEY = "StructuredData.id";

  /** Data key of a {@code StructuredDataMessage}'s type. */
  static final String STRUCTURED_DATA_TYPE_KEY = "StructuredData.type";

  private static final int MAX_MARKERS = 32;

  private final TraceKeys keys;
  private final StringLayout formatter;
  private final LogLevel minimumEventLevel;

  /**
   * A mapper.
   *
   * @param keys where the trace ids sit in the context data
   * @param formatter the layout that formats the message, or {@code null} for the message itself
   * @param minimumEventLevel lines from here up become events: only they get the source location
   */
  LogEventMapper(TraceKeys keys, StringLayout formatter, LogLevel minimumEventLevel) {
    this.keys = keys;
    this.formatter = formatter;
    this.minimumEventLevel = minimumEventLevel;
  }

  /**
   * The text of a line that becomes only a breadcrumb: the layout's output when the appender has
   * one, else the message's text (for a structured-data message its human text), as in {@link
   * #toRecord}.
   */
  String text(LogEvent event) {
    if (formatter != null) {
      return withoutTrailingNewline(formatter.toSerializable(event));
    }
    Message message = event.getMessage();
    if (message == null) {
      return null;
    }
    if (message instanceof MapMessage) {
      return mapMessageText((MapMessage<?, ?>) message);
    }
    return message.getFormattedMessage();
  }

  /**
   * The whole record of {@code event}, for an error event or a Sentry Log record: thread, text,
   * template and parameters, exception, context data, trace, markers, structured data and (for
   * events, when Log4j 2 recorded it) the source.
   */
  @SuppressWarnings(
      "deprecation") // getThrownProxy(): all a deserialized event has of its exception
  LogRecord toRecord(LogEvent event, LogLevel level) {
    LogRecord.Builder record =
        LogRecord.builder(level).loggerName(event.getLoggerName()).timestamp(timestamp(event));
    record.thread(event.getThreadName(), event.getThreadId());

    Throwable thrown = event.getThrown();
    if (thrown == null) {
      thrown = ThrowableProxies.standIn(event.getThrownProxy());
    }
    record.throwable(thrown);

    Map<String, Object> data = new LinkedHashMap<>();
    readMessage(event.getMessage(), event.getThrown(), record, data);
    if (formatter != null) {
      record.formattedMessage(withoutTrailingNewline(formatter.toSerializable(event)));
      record.layoutText(true);
    }

    ReadOnlyStringMap contextData = event.getContextData();
    TraceContext trace =
        event.getThreadId() == Thread.currentThread().getId()
            ? LogCapture.currentTrace() // still on the logging thread: its scopes are the truth
            : traceFrom(contextData); // async: only what was frozen into the event counts
    record.trace(trace);
    record.mdc(contextMap(contextData, trace));

    ThreadContext.ContextStack stack = event.getContextStack();
    if (stack != null && stack.getDepth() > 0) {
      data.put(STACK_KEY, new ArrayList<>(stack.asList()));
    }
    if (!data.isEmpty()) {
      record.data(data);
    }

    Marker marker = event.getMarker();
    if (marker != null) {
      record.markers(markerNames(marker));
    }

    // Only read when Log4j was told to include it (getSource() would otherwise walk the stack, on
    // the
    // wrong thread for async loggers), and only for lines that become events.
    if (level.ordinal() >= minimumEventLevel.ordinal() && event.isIncludeLocation()) {
      record.source(event.getSource());
    }
    return record.build();
  }

  /** When the line was logged, from Log4j 2's instant (or its milliseconds). */
  static Instant timestamp(LogEvent event) {
    org.apache.logging.log4j.core.time.Instant instant = event.getInstant();
    if (instant == null) {
      return Instant.ofEpochMilli(event.getTimeMillis());
    }
    return Instant.ofEpochSecond(instant.getEpochSecond(), instant.getNanoOfSecond());
  }

  /** Reads the text, template and parameters, and structured data into {@code data} unless null. */
  @SuppressWarnings("deprecation") // Message.getFormat(): the template, which no other method gives
  private static void readMessage(
      Message message, Throwable thrown, LogRecord.Builder record, Map<String, Object> data) {
    if (message == null) {
      return;
    }
    if (message instanceof MapMessage) {
      readMapMessage((MapMessage<?, ?>) message, record, data);
      return;
    }
    String formatted = message.getFormattedMessage();
    record.formattedMessage(formatted);
    String format = message.getFormat();
    Object[] params = message.getParameters();
    // A template only when it says more than the text: ParameterizedMessage, String.format and
    // MessageFormat messages; an ObjectMessage or SimpleMessage's "format" is the text itself.
    if (data != null
        && format != null
        && params != null
        && params.length > 0
        && !format.equals(formatted)) {
      record.template(format, arguments(format, params, thrown));
    }
  }

  private static void readMapMessage(
      MapMessage<?, ?> message, LogRecord.Builder record, Map<String, Object> data) {
    if (data != null) {
      data.putAll(message.getData());
    }
    if (message instanceof StructuredDataMessage) {
      StructuredDataMessage sd = (StructuredDataMessage) message;
      StructuredDataId id = sd.getId();
      if (data != null && id != null) {
        data.put(STRUCTURED_DATA_ID_KEY, id.toString());
      }
      if (data != null && sd.getType() != null) {
        data.put(STRUCTURED_DATA_TYPE_KEY, sd.getType());
      }
    }
    record.formattedMessage(mapMessageText(message));
  }

  /**
   * A map message's text: for structured data the human text (its formatted message is the whole
   * RFC 5424 structured-data block), else the formatted message.
   */
  private static String mapMessageText(MapMessage<?, ?> message) {
    String text = null;
    if (message instanceof StructuredDataMessage) {
      text = ((StructuredDataMessage) message).getFormat();
    }
    return text == null || text.isEmpty() ? message.getFormattedMessage() : text;
  }

  /** The arguments, less a trailing throwable that fills no placeholder (it is the exception). */
  private static List<Object> arguments(String format, Object[] params, Throwable thrown) {
    int count = params.length;
    if (thrown != null
        && params[count - 1] == thrown
        && ParameterizedMessage.countArgumentPlaceholders(format) < count) {
      count--;
    }
    return Collections.unmodifiableList(Arrays.asList(Arrays.copyOf(params, count)));
  }

  /** The context data as a snapshot, less the trace ids that the event's trace context repeats. */
  private Map<String, String> contextMap(ReadOnlyStringMap contextData, TraceContext trace) {
    if (contextData == null || contextData.isEmpty()) {
      return Collections.emptyMap();
    }
    Map<String, String> map = contextData.toMap();
    if (trace != null) {
      map.remove(keys.traceIdKey, trace.getTraceId());
      map.remove(keys.spanIdKey, trace.getSpanId());
    }
    return map;
  }

  /**
   * The trace of an event handled off its logging thread (async loggers): from the ids frozen into
   * its context data, else a new, unrelated trace, so that lines logged outside spans are not all
   * linked to the background thread's trace (as the Logback appender does behind AsyncAppender).
   */
  private TraceContext traceFrom(ReadOnlyStringMap contextData) {
    if (contextData != null && !contextData.isEmpty()) {
      Object traceId = contextData.getValue(keys.traceIdKey);
      Object spanId = contextData.getValue(keys.spanIdKey);
      if (isHex(traceId, 32) && isHex(spanId, 16)) {
        return new TraceContext((String) traceId, (String) spanId, null, null, null, null);
      }
    }
    return PropagationContext.newTrace().toTraceContext();
  }

  private static boolean isHex(Object value, int length) {
    if (!(value instanceof String) || ((String) value).length() != length) {
      return false;
    }
    String s = (String) value;
    for (int i = 0; i < length; i++) {
      char c = s.charAt(i);
      if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) {
        return false;
      }
    }
    return true;
  }

  /** The marker's name and its parents' names, breadth first, each once. */
  static List<String> markerNames(Marker marker) {
    List<String> names = new ArrayList<>(2);
    Deque<Marker> queue = new ArrayDeque<>();
    queue.add(marker);
    while (!queue.isEmpty() && names.size() < MAX_MARKERS) {
      Marker m = queue.poll();
      if (m.getName() == null || names.contains(m.getName())) {
        continue;
      }
      names.add(m.getName());
      if (m.hasParents()) {
        queue.addAll(Arrays.asList(m.getParents()));
      }
    }
    return names;
  }

  private static String withoutTrailingNewline(String text) {
    if (text == null) {
      return null;
    }
    int end = text.length();
    while (end > 0 && (text.charAt(end - 1) == '\n' || text.charAt(end - 1) == '\r')) {
      end--;
    }
    return end == text.length() ? text : text.substring(0, end);
  }
}
