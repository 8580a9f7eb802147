package dev.sentry4j.jul;

import java.util.Map;
import org.slf4j.MDC;
import org.slf4j.helpers.NOPMDCAdapter;
import org.slf4j.spi.MDCAdapter;

/** The one place that names SLF4J; loaded only after {@link Mdc} saw SLF4J on the class path. */
final class Slf4jMdc {
  private Slf4jMdc() {}

  /** SLF4J's copy of the calling thread's MDC; {@code null} when empty or unsupported. */
  static Map<String, String> copy() {
    return MDC.getCopyOfContextMap();
  }

  /**
   * Whether SLF4J's MDC drops what it is given: slf4j-api without a backend (SLF4J 2's "no
   * providers", 1.7's missing binder) gives a {@link NOPMDCAdapter}.
   */
  static boolean isNoOp() {
    MDCAdapter adapter = MDC.getMDCAdapter();
    return adapter == null || adapter instanceof NOPMDCAdapter;
  }
}
