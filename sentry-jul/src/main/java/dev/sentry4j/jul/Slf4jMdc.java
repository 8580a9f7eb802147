package dev.sentry4j.jul;

import java.util.Map;
import org.slf4j.MDC;

/** The one place that names SLF4J; loaded only after {@link Mdc} saw SLF4J on the class path. */
final class Slf4jMdc {
  private Slf4jMdc() {}

  /** SLF4J's copy of the calling thread's MDC; {@code null} when empty or unsupported. */
  static Map<String, String> copy() {
    return MDC.getCopyOfContextMap();
  }
}
