package dev.sentry4j.jul;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sentry4j.options.SentryOptions;
import dev.sentry4j.spi.Diagnostics;
import dev.sentry4j.testing.SentryReceiver;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.slf4j.MDC;
import org.slf4j.helpers.NOPMDCAdapter;

/**
 * slf4j-api without a backend (its own surefire execution: the class path lacks slf4j-jdk14): the
 * handler says once, at start, that MDC values will not reach Sentry; JUL's default ErrorManager
 * prints it on stderr.
 */
@Timeout(value = 20, unit = TimeUnit.SECONDS)
class NoSlf4jBackendTest {
  @Test
  void saysOnceAtStartThatTheMdcIsANoOp() throws Exception {
    assertThat(MDC.getMDCAdapter()).as("no SLF4J backend here").isInstanceOf(NOPMDCAdapter.class);
    Diagnostics.resetRateLimits();
    List<String> diagnostics = new CopyOnWriteArrayList<>();
    PrintStream stderr = System.err;
    ByteArrayOutputStream captured = new ByteArrayOutputStream();
    try (SentryReceiver receiver = SentryReceiver.start();
        AutoCloseable listening = Diagnostics.addListener((s, m) -> diagnostics.add(s + " " + m))) {
      System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
      SentryHandler handler;
      try {
        handler = new SentryHandler(SentryOptions.builder().setDsn(receiver.dsn()));
      } finally {
        System.setErr(stderr);
      }
      try {
        assertThat(handler.isOn()).isTrue();
        MDC.put("tenant", "acme"); // what the user does, and what is lost
        assertThat(MDC.get("tenant")).isNull();
      } finally {
        handler.close();
      }
    }
    assertThat(diagnostics)
        .filteredOn(line -> line.contains("MDC"))
        .containsExactly("WARN " + SentryHandler.NO_MDC_BACKEND);
    // JUL's default ErrorManager: "java.util.logging.ErrorManager: 0: sentry4j: SLF4J's MDC ..."
    String printed = captured.toString(StandardCharsets.UTF_8);
    assertThat(printed.lines().filter(line -> line.contains("SLF4J's MDC is a no-op")))
        .containsExactly(
            "java.util.logging.ErrorManager: 0: sentry4j: " + SentryHandler.NO_MDC_BACKEND);
  }
}
