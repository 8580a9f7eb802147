package dev.sentry4j.mdc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sentry4j.Sentry;
import dev.sentry4j.SentryContext;
import dev.sentry4j.testing.SentryReceiver;
import dev.sentry4j.tracing.Span;
import dev.sentry4j.tracing.Transaction;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.slf4j.MDC;
import org.slf4j.helpers.BasicMDCAdapter;

/**
 * Run by the {@code jdk14} surefire execution: slf4j-jdk14 (SLF4J over java.util.logging), whose
 * MDC is SLF4J's {@code BasicMDCAdapter}. JUL formatters do not print the MDC, so this checks what
 * code (and sentry-jul's handler, which copies the MDC onto events) reads.
 */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class Jdk14MdcTest {
  private SentryReceiver receiver;
  private ExecutorService raw;

  @BeforeEach
  void start() {
    receiver = SentryReceiver.start();
    Sentry.init(
        o -> {
          o.setDsn(receiver.dsn());
          o.setTracesSampleRate(1.0);
        });
    MDC.clear();
    raw = Executors.newSingleThreadExecutor();
  }

  /**
   * BasicMDCAdapter's MDC is inherited by threads when they are made: make the worker now, empty.
   */
  private void startWorker() throws Exception {
    raw.submit(() -> {}).get(10, TimeUnit.SECONDS);
  }

  @AfterEach
  void stop() throws InterruptedException {
    raw.shutdownNow();
    assertThat(raw.awaitTermination(5, TimeUnit.SECONDS)).isTrue();
    Sentry.close();
    receiver.close();
    MDC.clear();
  }

  @Test
  void theKeysFollowTheSpansAndComeBackOnClose() throws Exception {
    assertThat(MDC.getMDCAdapter()).isInstanceOf(BasicMDCAdapter.class);
    startWorker();
    MDC.put("trace_id", "my-trace");
    ExecutorService pool = SentryContext.wrap(raw);
    try (Transaction tx = Sentry.startTransaction("checkout", "task")) {
      try (Span child = Sentry.startSpan("db.query")) {
        assertThat(MDC.get("trace_id")).isEqualTo(tx.getTraceId());
        assertThat(MDC.get("span_id")).isEqualTo(child.getSpanId());
        assertThat(MDC.get("trace_sampled")).isEqualTo("true");
      }
      assertThat(MDC.get("span_id")).isEqualTo(tx.getSpanId());
      MDC.put("tenant", "acme");
      String seen =
          pool.submit(() -> MDC.get("trace_id") + "/" + MDC.get("tenant"))
              .get(10, TimeUnit.SECONDS);
      assertThat(seen).isEqualTo(tx.getTraceId() + "/acme");
    }
    assertThat(MDC.get("trace_id")).isEqualTo("my-trace");
    assertThat(MDC.get("span_id")).isNull();
    assertThat(raw.submit(() -> MDC.get("tenant")).get(10, TimeUnit.SECONDS)).isNull();
  }
}
