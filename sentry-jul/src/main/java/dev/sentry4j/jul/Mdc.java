package dev.sentry4j.jul;

import java.util.Collections;
import java.util.Map;

/**
 * SLF4J's MDC when the application has SLF4J, nothing otherwise. Whether SLF4J is there is checked
 * once; {@link Slf4jMdc}, the only class that names SLF4J, is loaded only then. Thread-safe.
 */
final class Mdc {
  private static volatile boolean available = detect();

  private Mdc() {}

  /** Whether SLF4J's MDC class is visible to this module. */
  static boolean isAvailable() {
    return available;
  }

  /** A copy of the calling thread's MDC, or an empty map (no SLF4J, no MDC adapter, a failure). */
  static Map<String, String> snapshot() {
    if (!available) {
      return Collections.emptyMap();
    }
    try {
      Map<String, String> copy = Slf4jMdc.copy();
      return copy == null ? Collections.<String, String>emptyMap() : copy;
    } catch (LinkageError e) {
      available = false; // SLF4J present but unusable (a broken or half-present jar): stop asking
      return Collections.emptyMap();
    } catch (RuntimeException e) {
      return Collections.emptyMap();
    }
  }

  /**
   * Whether SLF4J is on the class path but its MDC is a no-op (no SLF4J backend), so that {@code
   * MDC.put} values never reach an event. False without SLF4J, or when asking fails.
   */
  static boolean isNoOpAdapter() {
    if (!available) {
      return false;
    }
    try {
      return Slf4jMdc.isNoOp();
    } catch (LinkageError | RuntimeException e) {
      return false;
    }
  }

  private static boolean detect() {
    try {
      Class.forName("org.slf4j.MDC", false, Mdc.class.getClassLoader());
      return true;
    } catch (ClassNotFoundException | LinkageError e) {
      return false;
    }
  }
}
