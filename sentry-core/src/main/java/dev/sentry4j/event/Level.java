package dev.sentry4j.event;

import java.util.Locale;

/**
 * Severity of an event or breadcrumb, as Sentry names it. Python's {@code critical} is {@link
 * #FATAL}; {@code warn} is read as {@link #WARNING}.
 */
public enum Level {
  /** A crash or unrecoverable error. */
  FATAL("fatal"),
  /** An error. */
  ERROR("error"),
  /** A warning. */
  WARNING("warning"),
  /** Information. */
  INFO("info"),
  /** Debugging detail. */
  DEBUG("debug");

  private final String wireName;

  Level(String wireName) {
    this.wireName = wireName;
  }

  /** The lowercase name written to the wire ({@code "warning"}, not {@code "warn"}). */
  public String wireName() {
    return wireName;
  }

  /**
   * Parses a level name, case-insensitively: {@code fatal}, {@code critical}, {@code error}, {@code
   * warning}, {@code warn}, {@code info}, {@code debug}.
   *
   * @throws IllegalArgumentException naming the value when it is none of these
   */
  public static Level parse(String name) {
    String n = name == null ? "" : name.trim().toLowerCase(Locale.ROOT);
    switch (n) {
      case "fatal":
      case "critical":
        return FATAL;
      case "error":
        return ERROR;
      case "warning":
      case "warn":
        return WARNING;
      case "info":
        return INFO;
      case "debug":
        return DEBUG;
      default:
        throw new IllegalArgumentException(
            "Unknown level '" + name + "' (expected fatal, error, warning, info or debug)");
    }
  }
}
