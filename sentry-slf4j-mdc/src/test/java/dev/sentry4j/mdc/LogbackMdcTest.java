package dev.sentry4j.mdc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/** The scenarios with Logback (logback-test.xml, a PatternLayoutEncoder) as the SLF4J backend. */
class LogbackMdcTest extends MdcScenarios {
  @Override
  List<String> printedLines() {
    return MemoryAppender.lines();
  }

  @Override
  void forgetPrintedLines() {
    MemoryAppender.clear();
  }

  @Test
  void aBadSettingFailsInitWithAMessageNamingIt() {
    System.setProperty("sentry.mdc.propagation-ids", "maybe");
    try {
      assertThatThrownBy(() -> init(o -> {}))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessage(
              "sentry-slf4j-mdc: Invalid value for system property sentry.mdc.propagation-ids (option"
                  + " mdc.propagationIds): 'maybe' is not a boolean (expected true/false, yes/no, on/off"
                  + " or 1/0)");
    } finally {
      System.clearProperty("sentry.mdc.propagation-ids");
    }
  }

  @Test
  void runsOnLogback() {
    assertThat(LoggerFactory.getILoggerFactory().getClass().getName())
        .startsWith("ch.qos.logback.");
  }
}
