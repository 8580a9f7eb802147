package dev.sentry4j.mdc;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import org.apache.logging.log4j.ThreadContext;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * The scenarios with Log4j 2 as the SLF4J backend (log4j-slf4j2-impl; log4j2-test.xml, a
 * PatternLayout writing a file that the test reads back).
 */
class Log4j2MdcTest extends MdcScenarios {
  private static final Path FILE = Paths.get(System.getProperty("mdc.test.log4j2.file"));
  private long offset;

  @Override
  List<String> printedLines() {
    try {
      byte[] all = Files.readAllBytes(FILE);
      String text =
          new String(all, (int) offset, all.length - (int) offset, StandardCharsets.UTF_8);
      return Arrays.stream(text.split("\\R"))
          .filter(l -> !l.isEmpty())
          .collect(Collectors.toList());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  void forgetPrintedLines() {
    try {
      offset = Files.exists(FILE) ? Files.size(FILE) : 0;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Test
  void runsOnLog4j2WhereTheMdcIsTheThreadContext() {
    assertThat(LoggerFactory.getILoggerFactory().getClass().getName())
        .startsWith("org.apache.logging.slf4j.");
    try (var ignored = dev.sentry4j.Sentry.startTransaction("checkout", "task")) {
      assertThat(ThreadContext.get("trace_id")).isEqualTo(MDC.get("trace_id")).isNotNull();
    }
  }
}
