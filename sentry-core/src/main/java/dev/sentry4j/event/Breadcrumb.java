package dev.sentry4j.event;

import dev.sentry4j.internal.FrozenValues;
import dev.sentry4j.internal.Strings;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;

/**
 * A trail entry recorded before an event: a log line, an HTTP call, a user action. Immutable; its
 * data is frozen when built, so later changes to the caller's map do not show.
 *
 * <pre>{@code
 * Sentry.addBreadcrumb(Breadcrumb.builder().category("cart").message("cart loaded")
 *     .data("items", 3).build());
 * }</pre>
 */
public final class Breadcrumb {
  /**
   * Characters of a message kept (Relay cuts messages there); a longer one is cut when the
   * breadcrumb is made, so a scope never holds more than about 100 × 8 K characters of messages.
   */
  public static final int MAX_MESSAGE_CHARS = 8192;

  private static final VarHandle MESSAGE;

  static {
    try {
      MESSAGE = MethodHandles.lookup().findVarHandle(Breadcrumb.class, "message", Object.class);
    } catch (ReflectiveOperationException e) {
      throw new ExceptionInInitializerError(e);
    }
  }

  /** Characters of a category or type kept. */
  public static final int MAX_CATEGORY_CHARS = 256;

  /** Characters of data kept (estimated as JSON text); entries beyond are left out. */
  public static final int MAX_DATA_CHARS = 8192;

  /** When it happened, as epoch seconds and the nanosecond within that second. */
  private final long epochSecond;

  private final int nano;

  /**
   * The same time as an {@link Instant}: the one given, else made on first read (usually on the
   * SDK's worker, when an event carrying it is serialized). A benign race: an {@code Instant} is
   * immutable, so a thread that sees none makes an equal one.
   */
  private Instant timestamp;

  private final String type;
  private final String category;
  private final Level level;

  /**
   * The message: a {@code String} (or {@code null}), or for a lazy one the {@code Supplier} that
   * makes it, replaced by its text on first read (a release store, read with acquire: the text is
   * published with it). Written plainly when built: the breadcrumb reaches other threads only
   * through a scope's lock, which publishes it.
   */
  private Object message;

  private final Map<String, Object> data;

  private Breadcrumb(Builder b) {
    this.timestamp = b.timestamp == null ? Instant.now() : b.timestamp;
    this.epochSecond = timestamp.getEpochSecond();
    this.nano = timestamp.getNano();
    this.type = b.type == null ? "default" : Strings.truncate(b.type, MAX_CATEGORY_CHARS);
    this.category = Strings.truncate(b.category, MAX_CATEGORY_CHARS);
    this.level = b.level == null ? Level.INFO : b.level;
    this.message = Strings.truncate(b.message, MAX_MESSAGE_CHARS);
    this.data = b.data == null ? Collections.emptyMap() : boundedData(b.data);
  }

  private Breadcrumb(
      long epochSecond, int nano, Instant timestamp, String category, Level level, String message) {
    this.epochSecond = epochSecond;
    this.nano = nano;
    this.timestamp = timestamp;
    this.type = "default";
    this.category = Strings.truncate(category, MAX_CATEGORY_CHARS);
    this.level = level;
    this.message = Strings.truncate(message, MAX_MESSAGE_CHARS);
    this.data = Collections.emptyMap();
  }

  private Breadcrumb(
      long epochSecond,
      int nano,
      Instant timestamp,
      String category,
      Level level,
      Supplier<String> message) {
    this(epochSecond, nano, timestamp, category, level, (String) null);
    this.message = message;
  }

  /**
   * A {@code default}-type breadcrumb without data whose message is made when first read, usually
   * on the SDK's worker when an event carrying it is serialized (the logging adapters' hot path: a
   * log line's text is formatted only if it is ever sent). {@code message} must be callable from
   * any thread and give the same text whenever it is called: use it only over immutable values (a
   * template and {@code String}/number arguments). If it throws, the message says so.
   */
  public static Breadcrumb of(
      Instant timestamp, String category, Level level, Supplier<String> message) {
    Instant at = timestamp == null ? Instant.now() : timestamp;
    return new Breadcrumb(at.getEpochSecond(), at.getNano(), at, category, orInfo(level), message);
  }

  /**
   * {@link #of(Instant, String, Level, Supplier)} with the time as epoch seconds and the nanosecond
   * within that second, as logging frameworks keep it: no {@link Instant} is made unless {@link
   * #getTimestamp()} is called.
   */
  public static Breadcrumb of(
      long epochSecond, int nanoOfSecond, String category, Level level, Supplier<String> message) {
    return new Breadcrumb(
        epochSecond, checkNano(nanoOfSecond), null, category, orInfo(level), message);
  }

  /**
   * A {@code default}-type breadcrumb without data, made without a builder (the logging adapters'
   * hot path).
   */
  public static Breadcrumb of(Instant timestamp, String category, Level level, String message) {
    Instant at = timestamp == null ? Instant.now() : timestamp;
    return new Breadcrumb(at.getEpochSecond(), at.getNano(), at, category, orInfo(level), message);
  }

  /**
   * {@link #of(Instant, String, Level, String)} with the time as epoch seconds and the nanosecond
   * within that second, as logging frameworks keep it: no {@link Instant} is made unless {@link
   * #getTimestamp()} is called.
   */
  public static Breadcrumb of(
      long epochSecond, int nanoOfSecond, String category, Level level, String message) {
    return new Breadcrumb(
        epochSecond, checkNano(nanoOfSecond), null, category, orInfo(level), message);
  }

  private static Level orInfo(Level level) {
    return level == null ? Level.INFO : level;
  }

  private static int checkNano(int nanoOfSecond) {
    if (nanoOfSecond < 0 || nanoOfSecond > 999_999_999) {
      throw new IllegalArgumentException("nanoOfSecond out of range: " + nanoOfSecond);
    }
    return nanoOfSecond;
  }

  /** A {@code default}-type, {@code info}-level breadcrumb with a message. */
  public static Breadcrumb of(String message) {
    return builder().message(message).build();
  }

  /** The data frozen and cut to about {@link #MAX_DATA_CHARS} characters, whole entries first. */
  private static Map<String, Object> boundedData(Map<String, Object> raw) {
    Map<String, Object> frozen = FrozenValues.freezeMap(raw);
    long total = 0;
    Map<String, Object> kept = null;
    for (Map.Entry<String, Object> e : frozen.entrySet()) {
      Object value = e.getValue();
      long size = e.getKey().length() + size(value, MAX_DATA_CHARS);
      if (total + size > MAX_DATA_CHARS) {
        if (kept == null) {
          kept = new LinkedHashMap<>();
          for (Map.Entry<String, Object> k : frozen.entrySet()) {
            if (k.getKey().equals(e.getKey())) {
              break;
            }
            kept.put(k.getKey(), k.getValue());
          }
        }
        if (value instanceof String && total + e.getKey().length() + 16 < MAX_DATA_CHARS) {
          int room = (int) (MAX_DATA_CHARS - total - e.getKey().length());
          kept.put(e.getKey(), Strings.truncate((String) value, room));
          total = MAX_DATA_CHARS;
        }
        continue;
      }
      total += size;
      if (kept != null) {
        kept.put(e.getKey(), value);
      }
    }
    return kept == null ? frozen : Collections.unmodifiableMap(kept);
  }

  /** Rough JSON characters of a frozen value, stopping once past {@code limit}. */
  private static long size(Object value, long limit) {
    if (value instanceof String) {
      return ((String) value).length() + 2;
    }
    long n = 2;
    if (value instanceof Map) {
      for (Map.Entry<?, ?> e : ((Map<?, ?>) value).entrySet()) {
        n += String.valueOf(e.getKey()).length() + 3 + size(e.getValue(), limit - n);
        if (n > limit) {
          return n;
        }
      }
      return n;
    }
    if (value instanceof Iterable) {
      for (Object o : (Iterable<?>) value) {
        n += 1 + size(o, limit - n);
        if (n > limit) {
          return n;
        }
      }
      return n;
    }
    return 24;
  }

  /** A new builder. */
  public static Builder builder() {
    return new Builder();
  }

  /** A builder with this breadcrumb's values, for {@code beforeBreadcrumb} edits. */
  public Builder toBuilder() {
    Builder b = new Builder();
    b.timestamp = getTimestamp();
    b.type = type;
    b.category = category;
    b.level = level;
    b.message = getMessage();
    b.data = new java.util.LinkedHashMap<>(data);
    return b;
  }

  /** When it happened. */
  public Instant getTimestamp() {
    Instant t = timestamp;
    if (t == null) {
      t = Instant.ofEpochSecond(epochSecond, nano);
      timestamp = t;
    }
    return t;
  }

  /** Its type ({@code default}, {@code http}, {@code query}, ...). */
  public String getType() {
    return type;
  }

  /** Its category, such as a logger name; may be {@code null}. */
  public String getCategory() {
    return category;
  }

  /** Its level. */
  public Level getLevel() {
    return level;
  }

  /** Its message; may be {@code null}. */
  public String getMessage() {
    Object current = MESSAGE.getAcquire(this);
    if (current instanceof Supplier) {
      String m;
      try {
        // cut when made, like an eager one
        @SuppressWarnings("unchecked") // only a Supplier<String> is ever stored
        Supplier<String> lazy = (Supplier<String>) current;
        m = Strings.truncate(lazy.get(), MAX_MESSAGE_CHARS);
      } catch (RuntimeException e) {
        m = "[message could not be formatted: " + e.getClass().getName() + "]";
      }
      MESSAGE.setRelease(this, m); // another thread may make the same text meanwhile: harmless
      return m;
    }
    return (String) current;
  }

  /** Its data (frozen, read-only). */
  public Map<String, Object> getData() {
    return data;
  }

  @Override
  public String toString() {
    return "Breadcrumb{" + category + ": " + getMessage() + "}";
  }

  /** Builds a {@link Breadcrumb}. Not thread-safe. */
  public static final class Builder {
    private Instant timestamp;
    private String type;
    private String category;
    private Level level;
    private String message;
    private Map<String, Object> data;

    private Builder() {}

    /** Sets the time (default: when built). */
    public Builder timestamp(Instant timestamp) {
      this.timestamp = timestamp;
      return this;
    }

    /** Sets the type (default {@code default}). */
    public Builder type(String type) {
      this.type = type;
      return this;
    }

    /** Sets the category. */
    public Builder category(String category) {
      this.category = category;
      return this;
    }

    /** Sets the level (default {@link Level#INFO}). */
    public Builder level(Level level) {
      this.level = level;
      return this;
    }

    /** Sets the message. */
    public Builder message(String message) {
      this.message = message;
      return this;
    }

    /** Adds one data entry. */
    public Builder data(String key, Object value) {
      if (data == null) {
        data = new java.util.LinkedHashMap<>();
      }
      data.put(key, value);
      return this;
    }

    /** Replaces all data entries. */
    public Builder data(Map<String, ?> values) {
      data = values == null ? null : new java.util.LinkedHashMap<>(values);
      return this;
    }

    /** The breadcrumb. */
    public Breadcrumb build() {
      return new Breadcrumb(this);
    }
  }
}
