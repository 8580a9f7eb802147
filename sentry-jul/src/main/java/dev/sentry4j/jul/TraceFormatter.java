package dev.sentry4j.jul;

import dev.sentry4j.spi.logging.LogCapture;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.IllegalFormatException;
import java.util.Objects;
import java.util.logging.ErrorManager;
import java.util.logging.Formatter;
import java.util.logging.LogManager;
import java.util.logging.LogRecord;
import java.util.logging.SimpleFormatter;

/**
 * A {@link SimpleFormatter} that also offers the active Sentry trace: the same {@code
 * String.format} arguments 1 to 6 (time, source, logger, level, message, thrown), plus {@code %7$s}
 * the trace id and {@code %8$s} the span id of the logging thread: the current span's, else its
 * propagation context's, which are the ids of an event captured there (so they are printed also
 * without tracing configured).
 *
 * <pre>{@code
 * java.util.logging.ConsoleHandler.formatter=dev.sentry4j.jul.TraceFormatter
 * dev.sentry4j.jul.TraceFormatter.format=%1$tF %1$tT %4$s [%7$s] %3$s - %5$s%6$s%n
 * }</pre>
 *
 * Without {@value #FORMAT_PROPERTY} it uses what a {@code SimpleFormatter} would: {@code
 * java.util.logging.SimpleFormatter.format}, else the JDK's default. As with {@code
 * SimpleFormatter}, a system property of the same name wins over {@code logging.properties}, and an
 * invalid format is replaced by the default (and reported on standard error through an {@link
 * ErrorManager}).
 *
 * <p>The ids are those of the thread that calls {@link #format}: put this formatter on handlers
 * that format on the logging thread (console, file, stream handlers), not behind an asynchronous
 * one. Immutable and thread-safe.
 */
public final class TraceFormatter extends Formatter {
  /** The key of the format in {@code logging.properties} or the system properties. */
  public static final String FORMAT_PROPERTY = "dev.sentry4j.jul.TraceFormatter.format";

  /** The key SimpleFormatter reads; used when {@value #FORMAT_PROPERTY} is unset. */
  static final String SIMPLE_FORMAT_PROPERTY = "java.util.logging.SimpleFormatter.format";

  /** The JDK's default SimpleFormatter format. */
  static final String JDK_DEFAULT_FORMAT =
      "%1$tb %1$td, %1$tY %1$tl:%1$tM:%1$tS %1$Tp %2$s%n%4$s: %5$s%6$s%n";

  private final String format;

  /** A formatter configured from {@value #FORMAT_PROPERTY}; used by JUL for {@code .formatter=}. */
  public TraceFormatter() {
    String configured = property(FORMAT_PROPERTY);
    String chosen = configured != null ? configured : simpleFormatterFormat();
    IllegalArgumentException problem = validate(chosen);
    if (problem != null && configured != null) {
      new ErrorManager()
          .error(
              "Invalid "
                  + FORMAT_PROPERTY
                  + " '"
                  + configured
                  + "': "
                  + problem.getMessage()
                  + "; using SimpleFormatter's format",
              problem,
              ErrorManager.FORMAT_FAILURE);
      chosen = simpleFormatterFormat();
      problem = validate(chosen);
    }
    this.format = problem == null ? chosen : JDK_DEFAULT_FORMAT;
  }

  /**
   * A formatter with this format.
   *
   * @param format a {@code String.format} pattern over arguments 1 to 8
   * @throws IllegalArgumentException naming the format when it is invalid
   */
  public TraceFormatter(String format) {
    Objects.requireNonNull(format, "format");
    IllegalArgumentException problem = validate(format);
    if (problem != null) {
      throw new IllegalArgumentException(
          "Invalid TraceFormatter format '" + format + "': " + problem.getMessage(), problem);
    }
    this.format = format;
  }

  /** The format in use. */
  public String getFormat() {
    return format;
  }

  /** Formats the record as {@link SimpleFormatter} does, plus the trace and span ids. */
  @Override
  public String format(LogRecord record) {
    ZonedDateTime time = ZonedDateTime.ofInstant(record.getInstant(), ZoneId.systemDefault());
    String source;
    if (record.getSourceClassName() != null) {
      source = record.getSourceClassName();
      if (record.getSourceMethodName() != null) {
        source += " " + record.getSourceMethodName();
      }
    } else {
      source = record.getLoggerName();
    }
    String message = formatMessage(record);
    String thrown = "";
    if (record.getThrown() != null) {
      StringWriter text = new StringWriter();
      PrintWriter out = new PrintWriter(text);
      out.println();
      record.getThrown().printStackTrace(out);
      out.close();
      thrown = text.toString();
    }
    return String.format(
        format,
        time,
        source,
        record.getLoggerName(),
        record.getLevel().getLocalizedName(),
        message,
        thrown,
        LogCapture.currentTraceId(),
        LogCapture.currentSpanId());
  }

  private static IllegalArgumentException validate(String format) {
    try {
      String.format(format, ZonedDateTime.now(), "", "", "", "", "", "", "");
      return null;
    } catch (IllegalFormatException e) {
      return e;
    }
  }

  /** SimpleFormatter's own check: its format may only use arguments 1 to 6. */
  private static boolean isValidSimpleFormat(String format) {
    try {
      String.format(format, ZonedDateTime.now(), "", "", "", "", "");
      return true;
    } catch (IllegalFormatException e) {
      return false;
    }
  }

  /** What SimpleFormatter would use: its property if valid, else the JDK default. */
  private static String simpleFormatterFormat() {
    String configured = property(SIMPLE_FORMAT_PROPERTY);
    return configured != null && isValidSimpleFormat(configured) ? configured : JDK_DEFAULT_FORMAT;
  }

  private static String property(String key) {
    String value = System.getProperty(key);
    if (value == null) {
      value = LogManager.getLogManager().getProperty(key);
    }
    return value;
  }
}
