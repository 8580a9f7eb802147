package dev.sentry4j.jul;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.sentry4j.Sentry;
import dev.sentry4j.options.SentryOptions;
import dev.sentry4j.spi.Diagnostics;
import dev.sentry4j.testing.Response;
import dev.sentry4j.testing.SentryReceiver;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * An outage's warning reaches a JUL user's console once: the SDK prints it on stderr, and the
 * handler's default {@code ErrorManager} (which prints on stderr too) does not print it again.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class OutageLineTest {
  @Test
  void aRefusingSentryIsOneLineOnStderr() throws Exception {
    Diagnostics.resetRateLimits();
    PrintStream stderr = System.err;
    ByteArrayOutputStream captured = new ByteArrayOutputStream();
    PrintStream capture = new PrintStream(captured, true, StandardCharsets.UTF_8);
    List<String> seen = new CopyOnWriteArrayList<>();
    try (SentryReceiver receiver = SentryReceiver.start()) {
      receiver.respondWith(Response.status(401));
      System.setErr(capture);
      Diagnostics.setOutput(capture);
      SentryHandler handler = new SentryHandler(SentryOptions.builder().setDsn(receiver.dsn()));
      // registered after the handler's: called after it, so the handler has had its say
      try (AutoCloseable listening = Diagnostics.addListener((s, m) -> seen.add(m))) {
        LogRecord record = new LogRecord(Level.SEVERE, "payment failed");
        record.setLoggerName("shop");
        record.setThrown(new IllegalStateException("card declined"));
        handler.publish(record);
        await()
            .atMost(Duration.ofSeconds(30))
            .until(() -> seen.stream().anyMatch(m -> m.contains("refuses envelopes")));
      } finally {
        handler.close();
        Sentry.awaitBackgroundClose(Duration.ofSeconds(10));
        System.setErr(stderr);
        Diagnostics.setOutput(null);
      }
    }
    String printed = captured.toString(StandardCharsets.UTF_8);
    assertThat(printed.lines().filter(line -> line.contains("refuses envelopes with HTTP 401")))
        .as(printed)
        .hasSize(1)
        .allMatch(line -> line.contains("[sentry4j] WARN"));
  }
}
