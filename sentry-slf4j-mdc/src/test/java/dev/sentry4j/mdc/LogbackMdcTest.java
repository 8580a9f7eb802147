package dev.sentry4j.mdc;

import static org.assertj.core.api.Assertions.assertThat;

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
  void runsOnLogback() {
    assertThat(LoggerFactory.getILoggerFactory().getClass().getName()).startsWith("ch.qos.logback.");
  }
}
