package dev.sentry4j.log4j2;

import dev.sentry4j.logs.LogLevel;
import org.apache.logging.log4j.Level;

/**
 * Log4j 2 levels, standard and custom, to neutral levels by their {@code intLevel}: a custom level
 * falls in with the first standard level at or below which it lies ({@code NOTICE} at 350 is INFO).
 */
final class LevelMapping {
  private LevelMapping() {}

  /** The neutral level of {@code level}: a few int comparisons, no allocation. */
  static LogLevel toLogLevel(Level level) {
    int value = level.intLevel();
    if (value <= Level.FATAL.intLevel()) {
      return LogLevel.FATAL;
    }
    if (value <= Level.ERROR.intLevel()) {
      return LogLevel.ERROR;
    }
    if (value <= Level.WARN.intLevel()) {
      return LogLevel.WARN;
    }
    if (value <= Level.INFO.intLevel()) {
      return LogLevel.INFO;
    }
    if (value <= Level.DEBUG.intLevel()) {
      return LogLevel.DEBUG;
    }
    return LogLevel.TRACE;
  }
}
