package dev.sentry4j.mdc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sentry4j.Sentry;
import dev.sentry4j.SentryContext;
import dev.sentry4j.event.EventProcessor;
import dev.sentry4j.spi.ContextCarrier;
import dev.sentry4j.spi.SpanListener;
import dev.sentry4j.testing.ReceivedEvent;
import dev.sentry4j.testing.RelaySchema;
import dev.sentry4j.testing.SentryReceiver;
import dev.sentry4j.tracing.Span;
import dev.sentry4j.tracing.Transaction;
import java.time.Duration;
import java.util.ServiceLoader;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * Run by the {@code disabled} surefire execution: environment {@code SENTRY_MDC_ENABLED=false}, and
 * {@code sentry.mdc.tags=tenant} that must then do nothing either.
 */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class DisabledSwitchTest {
  private final Logger log = LoggerFactory.getLogger("orders");
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
    MemoryAppender.clear();
    raw = Executors.newSingleThreadExecutor();
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
  void theModuleIsRegisteredButTheSwitchIsOff() {
    assertThat(System.getenv("SENTRY_MDC_ENABLED")).isEqualTo("false");
    assertThat(ServiceLoader.load(SpanListener.class)).anyMatch(l -> l instanceof MdcTraceListener);
    assertThat(ServiceLoader.load(ContextCarrier.class))
        .anyMatch(c -> c instanceof MdcContextCarrier);
    assertThat(ServiceLoader.load(EventProcessor.class))
        .anyMatch(p -> p instanceof MdcTagsProcessor);
    assertThat(MdcSettings.fromEnvironment().enabled).isFalse();
  }

  @Test
  void spansLeaveTheMdcAlone() {
    MDC.put("trace_id", "my-trace");
    try (Transaction tx = Sentry.startTransaction("checkout", "task")) {
      try (Span child = Sentry.startSpan("db.query")) {
        log.info("in child");
      }
    }
    assertThat(PrintedLines.line(MemoryAppender.lines(), "in child"))
        .containsEntry("trace", "my-trace")
        .containsEntry("span", "")
        .containsEntry("sampled", "");
  }

  @Test
  void wrappedTasksGetTheScopesButNotTheMdc() throws Exception {
    ExecutorService pool = SentryContext.wrap(raw);
    MDC.put("tenant", "acme");
    try (Transaction tx = Sentry.startTransaction("checkout", "task")) {
      Span seen =
          pool.submit(
                  () -> {
                    log.info("task");
                    return Sentry.getCurrentSpan();
                  })
              .get(10, TimeUnit.SECONDS);
      assertThat(seen).isSameAs(tx);
    }
    assertThat(PrintedLines.line(MemoryAppender.lines(), "task"))
        .containsEntry("tenant", "")
        .containsEntry("trace", "");
  }

  @Test
  void mdcKeysDoNotBecomeTags() {
    MDC.put("tenant", "acme");
    Sentry.captureException(new IllegalStateException("boom"));
    ReceivedEvent event = receiver.awaitEvents(1, Duration.ofSeconds(10)).get(0);
    RelaySchema.assertValid(event);
    assertThat(event.tags()).doesNotContainKey("tenant");
  }
}
