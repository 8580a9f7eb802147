package dev.sentry4j;

import dev.sentry4j.logs.LogItem;
import dev.sentry4j.logs.LogLevel;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One Sentry Log record in the making, with attributes: from {@link SentryLogger#atInfo()} and its
 * siblings, ended by {@link #log}. Attribute values keep their JSON type: integers are sent as
 * {@code integer}, floating point as {@code double}, booleans as {@code boolean}, anything else as
 * text.
 *
 * <pre>{@code
 * Sentry.logger().atInfo().attribute("order", 7).attribute("express", true).log("shipped %s", id);
 * }</pre>
 *
 * <p>Not thread-safe: use it on one thread, for one record. When logs are off, {@code atInfo()}
 * returns a shared builder that ignores everything.
 */
public final class LogBuilder {
  static final LogBuilder NO_OP = new LogBuilder(null);

  private final LogLevel level;
  private Map<String, Object> attributes;

  LogBuilder(LogLevel level) {
    this.level = level;
  }

  /** Adds a {@code string} attribute ({@code null} is ignored). */
  public LogBuilder attribute(String name, String value) {
    return put(name, value);
  }

  /** Adds an {@code integer} attribute. */
  public LogBuilder attribute(String name, long value) {
    return put(name, value);
  }

  /** Adds a {@code double} attribute. */
  public LogBuilder attribute(String name, double value) {
    return put(name, value);
  }

  /** Adds a {@code boolean} attribute. */
  public LogBuilder attribute(String name, boolean value) {
    return put(name, value);
  }

  /** Adds an attribute from any value, keeping its JSON type where it has one. */
  public LogBuilder attribute(String name, Object value) {
    return put(name, value);
  }

  /**
   * Sends the record.
   *
   * @param template a {@link String#format} template such as {@code "shipped %s"}
   * @param args its arguments
   */
  public void log(String template, Object... args) {
    if (level != null) {
      SentryLogger.capture(level, attributes, template, args);
    }
  }

  private LogBuilder put(String name, Object value) {
    if (level == null || name == null) {
      return this;
    }
    Object v = LogItem.toAttributeValue(value); // frozen now: later changes to value do not show
    if (v == null) {
      return this;
    }
    if (attributes == null) {
      attributes = new LinkedHashMap<>();
    }
    attributes.put(name, v);
    return this;
  }
}
