package dev.sentry4j.spi.logging;

import dev.sentry4j.logs.LogLevel;
import dev.sentry4j.tracing.TraceContext;
import java.time.Instant;
import java.util.Collections;
import java.util.List;
import java.util.Map;

/**
 * One log line in neutral form, read by an adapter from its framework's record on the logging
 * thread: level, logger, thread, time, template and arguments, formatted text, throwable, MDC,
 * markers, key-value pairs, extra structured data, source location and the trace it belongs to.
 * Immutable as far as it goes: the adapter passes maps and lists that nobody changes afterwards
 * (frameworks' snapshots or its own copies).
 */
public final class LogRecord {
  private final LogLevel level;
  private final String loggerName;
  private final String threadName;
  private final long threadId;
  private final Instant timestamp;
  private final String template;
  private final List<Object> arguments;
  private final String formattedMessage;
  private final boolean layoutText;
  private final Throwable throwable;
  private final Map<String, String> mdc;
  private final List<String> markers;
  private final Map<String, Object> keyValues;
  private final Map<String, Object> data;
  private final StackTraceElement source;
  private final TraceContext trace;

  private LogRecord(Builder b) {
    this.level = b.level;
    this.loggerName = b.loggerName;
    this.threadName = b.threadName;
    this.threadId = b.threadId;
    this.timestamp = b.timestamp != null ? b.timestamp : Instant.now();
    this.template = b.template;
    this.arguments = b.arguments;
    this.formattedMessage = b.formattedMessage;
    this.layoutText = b.layoutText;
    this.throwable = b.throwable;
    this.mdc = b.mdc;
    this.markers = b.markers;
    this.keyValues = b.keyValues;
    this.data = b.data;
    this.source = b.source;
    this.trace = b.trace;
  }

  /** A builder for a line at {@code level}. */
  public static Builder builder(LogLevel level) {
    return new Builder(level);
  }

  /** The level. */
  public LogLevel getLevel() {
    return level;
  }

  /** The logger's name; may be {@code null}. */
  public String getLoggerName() {
    return loggerName;
  }

  /** The name of the thread that logged. */
  public String getThreadName() {
    return threadName;
  }

  /**
   * The id of the thread that logged, or -1 when the framework did not record it (then left out).
   */
  public long getThreadId() {
    return threadId;
  }

  /** When it was logged. */
  public Instant getTimestamp() {
    return timestamp;
  }

  /** The message template ({@code "Order {} failed"}), or {@code null}. */
  public String getTemplate() {
    return template;
  }

  /** The template's arguments (the framework's values; not copied). */
  public List<Object> getArguments() {
    return arguments;
  }

  /**
   * The message text: the framework's formatted message, or the output of the formatting hook the
   * user configured on the adapter (Logback encoder, Log4j 2 layout, JUL formatter); may be {@code
   * null}. It is the breadcrumb's message and the event's {@code logentry.formatted}.
   */
  public String getFormattedMessage() {
    return formattedMessage;
  }

  /** The throwable, or {@code null}. */
  public Throwable getThrowable() {
    return throwable;
  }

  /** The MDC / ThreadContext entries. */
  public Map<String, String> getMdc() {
    return mdc;
  }

  /** Marker names. */
  public List<String> getMarkers() {
    return markers;
  }

  /** SLF4J 2 key-value pairs (values keep their type). */
  public Map<String, Object> getKeyValues() {
    return keyValues;
  }

  /** Other structured data (Log4j 2 MapMessage entries, the NDC stack...). */
  public Map<String, Object> getData() {
    return data;
  }

  /** Where the line was logged, or {@code null} when the framework did not compute it. */
  public StackTraceElement getSource() {
    return source;
  }

  /**
   * Whether {@link #getFormattedMessage()} is an encoder's or layout's output: then, unless {@code
   * sendDefaultPii} is on, only that text is sent (no template, no raw parameters), so what the
   * encoder masks stays masked.
   */
  public boolean isLayoutText() {
    return layoutText;
  }

  /** The trace active where the line was logged, or {@code null}. */
  public TraceContext getTrace() {
    return trace;
  }

  /** Builds a {@link LogRecord}. Not thread-safe. */
  public static final class Builder {
    private final LogLevel level;
    private String loggerName;
    private String threadName;
    private long threadId = -1;
    private Instant timestamp;
    private String template;
    private List<Object> arguments = Collections.emptyList();
    private String formattedMessage;
    private boolean layoutText;
    private Throwable throwable;
    private Map<String, String> mdc = Collections.emptyMap();
    private List<String> markers = Collections.emptyList();
    private Map<String, Object> keyValues = Collections.emptyMap();
    private Map<String, Object> data = Collections.emptyMap();
    private StackTraceElement source;
    private TraceContext trace;

    private Builder(LogLevel level) {
      this.level = level;
    }

    /** Sets the logger name. */
    public Builder loggerName(String value) {
      this.loggerName = value;
      return this;
    }

    /** Sets the thread that logged; {@code id} -1 when unknown. */
    public Builder thread(String name, long id) {
      this.threadName = name;
      this.threadId = id;
      return this;
    }

    /** Sets when it was logged (default now). */
    public Builder timestamp(Instant value) {
      this.timestamp = value;
      return this;
    }

    /** Sets the template and its arguments. */
    public Builder template(String value, List<Object> args) {
      this.template = value;
      this.arguments = args == null ? Collections.emptyList() : args;
      return this;
    }

    /** Sets the formatted message. */
    public Builder formattedMessage(String value) {
      this.formattedMessage = value;
      return this;
    }

    /**
     * Says that the formatted message is an encoder's or layout's output ({@link #isLayoutText}).
     */
    public Builder layoutText(boolean value) {
      this.layoutText = value;
      return this;
    }

    /** Sets the throwable. */
    public Builder throwable(Throwable value) {
      this.throwable = value;
      return this;
    }

    /** Sets the MDC entries (not copied: pass a snapshot). */
    public Builder mdc(Map<String, String> value) {
      this.mdc = value == null ? Collections.emptyMap() : value;
      return this;
    }

    /** Sets the marker names. */
    public Builder markers(List<String> value) {
      this.markers = value == null ? Collections.emptyList() : value;
      return this;
    }

    /** Sets the key-value pairs (not copied). */
    public Builder keyValues(Map<String, Object> value) {
      this.keyValues = value == null ? Collections.emptyMap() : value;
      return this;
    }

    /** Sets other structured data (not copied). */
    public Builder data(Map<String, Object> value) {
      this.data = value == null ? Collections.emptyMap() : value;
      return this;
    }

    /** Sets the source location. */
    public Builder source(StackTraceElement value) {
      this.source = value;
      return this;
    }

    /** Sets the trace active where the line was logged. */
    public Builder trace(TraceContext value) {
      this.trace = value;
      return this;
    }

    /** The record. */
    public LogRecord build() {
      return new LogRecord(this);
    }
  }
}
