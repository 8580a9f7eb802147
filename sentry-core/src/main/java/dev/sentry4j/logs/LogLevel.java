package dev.sentry4j.logs;

import dev.sentry4j.event.Level;
import java.util.Locale;

/**
 * A log line's level in neutral form, ordered from least to most severe. {@link #OFF} is only a
 * threshold: it disables a path.
 */
public enum LogLevel {
  /** Finest detail (Logback/Log4j TRACE, JUL FINER and FINEST). */
  TRACE(Level.DEBUG, "trace", 1),
  /** Debugging (DEBUG, JUL CONFIG and FINE, as sentry-java maps them). */
  DEBUG(Level.DEBUG, "debug", 5),
  /** Information (INFO, JUL INFO). */
  INFO(Level.INFO, "info", 9),
  /** Warnings (WARN, JUL WARNING). */
  WARN(Level.WARNING, "warn", 13),
  /** Errors (ERROR, JUL SEVERE). */
  ERROR(Level.ERROR, "error", 17),
  /** Fatal errors (Log4j FATAL). */
  FATAL(Level.FATAL, "fatal", 21),
  /** Threshold only: nothing passes. */
  OFF(Level.FATAL, "fatal", 24);

  private final Level eventLevel;
  private final String logsName;
  private final int severityNumber;

  LogLevel(Level eventLevel, String logsName, int severityNumber) {
    this.eventLevel = eventLevel;
    this.logsName = logsName;
    this.severityNumber = severityNumber;
  }

  /** The level of events and breadcrumbs: TRACE and DEBUG are debug, WARN is warning. */
  public Level toEventLevel() {
    return eventLevel;
  }

  /** The level name of Sentry Logs ({@code warn}, not {@code warning}). */
  public String logsName() {
    return logsName;
  }

  /** The OpenTelemetry severity number of Sentry Logs. */
  public int severityNumber() {
    return severityNumber;
  }

  /**
   * Parses a threshold: Logback/Log4j names (TRACE, DEBUG, INFO, WARN, ERROR, FATAL, OFF, ALL), JUL
   * names (FINEST, FINER, FINE, CONFIG, INFO, WARNING, SEVERE) and Sentry's ({@code warning}),
   * case-insensitively.
   *
   * @throws IllegalArgumentException naming the value when it is none of these
   */
  public static LogLevel parse(String name) {
    String n = name == null ? "" : name.trim().toUpperCase(Locale.ROOT);
    switch (n) {
      case "ALL":
      case "TRACE":
      case "FINER":
      case "FINEST":
        return TRACE;
      case "DEBUG":
      case "CONFIG":
      case "FINE":
        return DEBUG;
      case "INFO":
        return INFO;
      case "WARN":
      case "WARNING":
        return WARN;
      case "ERROR":
      case "SEVERE":
        return ERROR;
      case "FATAL":
      case "CRITICAL":
        return FATAL;
      case "OFF":
        return OFF;
      default:
        throw new IllegalArgumentException(
            "Unknown log level '"
                + name
                + "' (expected TRACE, DEBUG, INFO, WARN, ERROR, FATAL, OFF or a JUL level name)");
    }
  }
}
