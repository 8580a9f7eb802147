package dev.sentry4j.event;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Extra information for {@code beforeSend}, {@code beforeBreadcrumb} and event processors that is
 * not sent to Sentry: the original exception, the log record, a request object. Not thread-safe; a
 * hint belongs to one capture call.
 *
 * <pre>{@code
 * Hint hint = Hint.of("request", httpRequest);
 * Sentry.captureException(e, hint);
 * }</pre>
 */
public final class Hint {
  /** Key under which capture methods store the captured {@link Throwable}. */
  public static final String THROWABLE = "throwable";

  /** Key under which the logging adapters store their neutral log record. */
  public static final String LOG_RECORD = "log_record";

  private final Map<String, Object> values = new LinkedHashMap<>();

  /** An empty hint. */
  public Hint() {}

  /** A hint holding one value. */
  public static Hint of(String key, Object value) {
    return new Hint().set(key, value);
  }

  /** Stores a value; returns this hint. */
  public Hint set(String key, Object value) {
    values.put(key, value);
    return this;
  }

  /** The value under {@code key}, or {@code null}. */
  public Object get(String key) {
    return values.get(key);
  }

  /** The value under {@code key} if it is a {@code type}, else {@code null}. */
  public <T> T get(String key, Class<T> type) {
    Object v = values.get(key);
    return type.isInstance(v) ? type.cast(v) : null;
  }

  /** The captured throwable, or {@code null}. */
  public Throwable getThrowable() {
    return get(THROWABLE, Throwable.class);
  }

  /** A read-only view of every value. */
  public Map<String, Object> asMap() {
    return Collections.unmodifiableMap(values);
  }
}
