package dev.sentry4j.jul;

import dev.sentry4j.logs.LogLevel;
import java.util.Locale;
import java.util.logging.Level;

/**
 * Maps JUL levels to the neutral {@link LogLevel} by their integer value, so custom levels land
 * next to the standard level they are closest to from below.
 */
final class JulLevels {
  private static final int SEVERE = Level.SEVERE.intValue();
  private static final int WARNING = Level.WARNING.intValue();
  private static final int INFO_VALUE = Level.INFO.intValue();
  private static final int FINE = Level.FINE.intValue();

  private JulLevels() {}

  /**
   * SEVERE and above: ERROR; WARNING: WARN; INFO: INFO; CONFIG and FINE: DEBUG (as sentry-java maps
   * them, so that an INFO threshold leaves CONFIG out); below: TRACE.
   */
  static LogLevel toLogLevel(int value) {
    if (value >= SEVERE) {
      return LogLevel.ERROR;
    }
    if (value >= WARNING) {
      return LogLevel.WARN;
    }
    if (value >= INFO_VALUE) {
      return LogLevel.INFO;
    }
    if (value >= FINE) {
      return LogLevel.DEBUG;
    }
    return LogLevel.TRACE;
  }

  /**
   * The smallest JUL value that maps to {@code threshold} or above, for the one-comparison early
   * exit. {@code Integer.MAX_VALUE} when no JUL level reaches the threshold (FATAL, OFF): only a
   * record logged at {@code Level.OFF} passes that, and the neutral check drops it.
   */
  static int lowestValue(LogLevel threshold) {
    switch (threshold) {
      case TRACE:
        return Integer.MIN_VALUE;
      case DEBUG:
        return FINE;
      case INFO:
        return INFO_VALUE;
      case WARN:
        return WARNING;
      case ERROR:
        return SEVERE;
      default:
        return Integer.MAX_VALUE;
    }
  }

  /**
   * Parses a Sentry threshold: Logback/Log4j names and JUL names (via {@link LogLevel#parse}), and
   * what {@link Level#parse} knows besides (numbers such as {@code 950}, localized names).
   *
   * @throws IllegalArgumentException naming the value
   */
  static LogLevel parseThreshold(String text) {
    try {
      return LogLevel.parse(text);
    } catch (IllegalArgumentException notNeutral) {
      Level level = parseJul(text);
      if (level == null) {
        throw notNeutral;
      }
      return level.intValue() == Integer.MAX_VALUE ? LogLevel.OFF : toLogLevel(level.intValue());
    }
  }

  /**
   * Parses the handler's own {@code level}: a JUL level ({@code WARNING}, {@code 900}) or a
   * Logback-style name ({@code warn}, {@code debug}) mapped to the JUL level of the same severity.
   *
   * @throws IllegalArgumentException naming the value
   */
  static Level parseHandlerLevel(String text) {
    Level level = parseJul(text);
    if (level != null) {
      return level;
    }
    switch (LogLevel.parse(text)) {
      case TRACE:
        return Level.FINEST;
      case DEBUG:
        return Level.FINE;
      case INFO:
        return Level.INFO;
      case WARN:
        return Level.WARNING;
      case ERROR:
      case FATAL:
        return Level.SEVERE;
      default:
        return Level.OFF;
    }
  }

  private static Level parseJul(String text) {
    if (text == null) {
      return null;
    }
    String trimmed = text.trim();
    for (String candidate : new String[] {trimmed, trimmed.toUpperCase(Locale.ROOT)}) {
      try {
        return Level.parse(candidate);
      } catch (IllegalArgumentException e) {
        // try the next spelling
      }
    }
    return null;
  }
}
