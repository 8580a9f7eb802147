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
   * The type and data when either is not the default ({@code default}, none), else {@code null}: a
   * log line's breadcrumb, the common kind, is 48 bytes.
   */
  private final Details details;

  private final String category;
  private final Level level;

  /**
   * The message: a {@code String} (or {@code null}), or for a lazy one the {@code Supplier} or
   * {@link TextFormat} that makes it, replaced by its text on first read (a release store, read
   * with acquire: the text is published with it). Written plainly when built: the breadcrumb
   * reaches other threads only through a scope's lock, which publishes it.
   */
  private Object message;

  /** For a {@link TextFormat} message: the template it formats, else {@code null}. */
  private final String template;

  /**
   * For a {@link TextFormat} message: its arguments, an {@code Object[]}, or the one argument
   * itself (never an array: arguments are immutable values), so that a line with one argument needs
   * no array.
   */
  private final Object arguments;

  /** A breadcrumb's type and data, kept apart from the fields every breadcrumb has. */
  private static final class Details {
    final String type;
    final Map<String, Object> data;

    Details(String type, Map<String, Object> data) {
      this.type = type;
      this.data = data;
    }
  }

  private Breadcrumb(Builder b) {
    Instant at = b.timestamp == null ? Instant.now() : b.timestamp;
    this.epochSecond = at.getEpochSecond();
    this.nano = at.getNano();
    String type = b.type == null ? "default" : Strings.truncate(b.type, MAX_CATEGORY_CHARS);
    Map<String, Object> data = b.data == null ? Collections.emptyMap() : boundedData(b.data);
    this.details = "default".equals(type) && data.isEmpty() ? null : new Details(type, data);
    this.category = Strings.truncate(b.category, MAX_CATEGORY_CHARS);
    this.level = b.level == null ? Level.INFO : b.level;
    this.message = Strings.truncate(b.message, MAX_MESSAGE_CHARS);
    this.template = null;
    this.arguments = null;
  }

  /** A {@code default}-type breadcrumb without data; {@code message} is cut if a String. */
  private Breadcrumb(
      long epochSecond,
      int nano,
      String category,
      Level level,
      Object message,
      String template,
      Object arguments) {
    this.epochSecond = epochSecond;
    this.nano = nano;
    this.details = null;
    this.category = Strings.truncate(category, MAX_CATEGORY_CHARS);
    this.level = level;
    this.message =
        message instanceof String ? Strings.truncate((String) message, MAX_MESSAGE_CHARS) : message;
    this.template = template;
    this.arguments = arguments;
  }

  /**
   * Makes a log line's text from its template and arguments: a logging framework's own formatter
   * (Log4j's {@code ParameterizedMessage::format}, SLF4J's {@code {}} rules, JUL's {@code
   * MessageFormat}). Called on whichever thread first reads the breadcrumb's message, usually the
   * SDK's worker; it must give the same text whenever it is called and may throw (the message then
   * says so).
   */
  @FunctionalInterface
  public interface TextFormat {
    /**
     * The text of {@code template} with {@code arguments}.
     *
     * @param template the line's template
     * @param arguments its arguments, never {@code null}
     */
    String format(String template, Object[] arguments);
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
    return new Breadcrumb(
        at.getEpochSecond(), at.getNano(), category, orInfo(level), message, null, null);
  }

  /**
   * {@link #of(Instant, String, Level, Supplier)} with the time as epoch seconds and the nanosecond
   * within that second, as logging frameworks keep it: no {@link Instant} is made unless {@link
   * #getTimestamp()} is called.
   */
  public static Breadcrumb of(
      long epochSecond, int nanoOfSecond, String category, Level level, Supplier<String> message) {
    return new Breadcrumb(
        epochSecond, checkNano(nanoOfSecond), category, orInfo(level), message, null, null);
  }

  /**
   * {@link #of(long, int, String, Level, Supplier)} whose message is {@code format} applied to
   * {@code template} and {@code arguments} when first read: the logging adapters' hot path, which
   * allocates only the breadcrumb. The arguments must be immutable values (a {@code String}, a
   * number, an enum) and the array must not change afterwards.
   *
   * @param format the framework's formatter; {@code null}: the message is the template
   * @param template the line's template; {@code null}: no message
   * @param arguments its arguments; {@code null} or empty: the message is the template
   */
  public static Breadcrumb of(
      long epochSecond,
      int nanoOfSecond,
      String category,
      Level level,
      TextFormat format,
      String template,
      Object[] arguments) {
    boolean none = arguments == null || arguments.length == 0;
    Object args =
        none || arguments.length > 1 || arguments[0] instanceof Object[] ? arguments : arguments[0];
    return formatted(
        epochSecond, nanoOfSecond, category, level, none ? null : format, template, args);
  }

  /**
   * {@link #of(long, int, String, Level, TextFormat, String, Object[])} for a line with exactly one
   * argument, which needs no array: {@code argument} must be an immutable value, not an array.
   */
  public static Breadcrumb of(
      long epochSecond,
      int nanoOfSecond,
      String category,
      Level level,
      TextFormat format,
      String template,
      Object argument) {
    if (argument instanceof Object[]) {
      return of(epochSecond, nanoOfSecond, category, level, format, template, (Object[]) argument);
    }
    return formatted(epochSecond, nanoOfSecond, category, level, format, template, argument);
  }

  /** A breadcrumb whose message {@code format} makes from {@code template} and {@code args}. */
  private static Breadcrumb formatted(
      long epochSecond,
      int nanoOfSecond,
      String category,
      Level level,
      TextFormat format,
      String template,
      Object args) {
    boolean none = format == null || template == null;
    return new Breadcrumb(
        epochSecond,
        checkNano(nanoOfSecond),
        category,
        orInfo(level),
        none ? template : format,
        none ? null : template,
        none ? null : args);
  }

  /**
   * A {@code default}-type breadcrumb without data, made without a builder (the logging adapters'
   * hot path).
   */
  public static Breadcrumb of(Instant timestamp, String category, Level level, String message) {
    Instant at = timestamp == null ? Instant.now() : timestamp;
    return new Breadcrumb(
        at.getEpochSecond(), at.getNano(), category, orInfo(level), message, null, null);
  }

  /**
   * {@link #of(Instant, String, Level, String)} with the time as epoch seconds and the nanosecond
   * within that second, as logging frameworks keep it: no {@link Instant} is made unless {@link
   * #getTimestamp()} is called.
   */
  public static Breadcrumb of(
      long epochSecond, int nanoOfSecond, String category, Level level, String message) {
    return new Breadcrumb(
        epochSecond, checkNano(nanoOfSecond), category, orInfo(level), message, null, null);
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
    b.type = getType();
    b.category = category;
    b.level = level;
    b.message = getMessage();
    b.data = new java.util.LinkedHashMap<>(getData());
    return b;
  }

  /** When it happened. */
  public Instant getTimestamp() {
    return Instant.ofEpochSecond(epochSecond, nano);
  }

  /** Its type ({@code default}, {@code http}, {@code query}, ...). */
  public String getType() {
    Details d = details;
    return d == null ? "default" : d.type;
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
    if (current != null && !(current instanceof String)) {
      String m;
      try {
        // cut when made, like an eager one
        m = Strings.truncate(make(current), MAX_MESSAGE_CHARS);
      } catch (RuntimeException e) {
        m = "[message could not be formatted: " + e.getClass().getName() + "]";
      }
      MESSAGE.setRelease(this, m); // another thread may make the same text meanwhile: harmless
      return m;
    }
    return (String) current;
  }

  private String make(Object lazy) {
    if (lazy instanceof TextFormat) {
      Object a = arguments;
      return ((TextFormat) lazy)
          .format(template, a instanceof Object[] ? (Object[]) a : new Object[] {a});
    }
    @SuppressWarnings("unchecked") // only a Supplier<String> is ever stored
    Supplier<String> supplier = (Supplier<String>) lazy;
    return supplier.get();
  }

  /** Its data (frozen, read-only). */
  public Map<String, Object> getData() {
    Details d = details;
    return d == null ? Collections.emptyMap() : d.data;
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
