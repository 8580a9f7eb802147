package dev.sentry4j.log4j2;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import dev.sentry4j.Sentry;
import dev.sentry4j.testing.ReceivedEvent;
import dev.sentry4j.tracing.Transaction;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.Logger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * What a user of the README's log4j2.xml sees without tracing configured: {@code %X{trace_id}} is
 * empty outside spans and, inside a continued trace, the trace id of the event an error logged
 * there becomes; events outside spans still carry a trace id of their own; a layout throwing an
 * Error never reaches {@code logger.error(...)}; an undefined {@code ${env:...}} DSN means no DSN,
 * said in one INFO status line; events name sentry-log4j2 in {@code sdk.packages}.
 */
@Timeout(30)
class FidelityTest extends ReceiverSupport {

  @Test
  void withoutTracingLinesPrintATraceIdOnlyInsideAContinuedTraceWhoseEventsCarryIt()
      throws Exception {
    TestContext ctx = start("log4j2-readme-trace.xml");
    Logger log = ctx.logger("com.acme.Orders");

    log.info("checkout started");
    log.error("payment failed", new IllegalStateException("declined"));
    String incoming = "771a43a4192642f0b136d5159a501700";
    try (Transaction request =
        Sentry.continueTrace(
            Map.of("sentry-trace", incoming + "-b0e6f15b45c36b12-1"),
            "http.server",
            "POST /checkout")) {
      assertThat(request.getTraceId()).isEqualTo(incoming);
      log.error("card declined");
    }
    ExecutorService pool = Executors.newSingleThreadExecutor();
    try {
      pool.submit(
              () -> {
                log.error("worker failed");
                log.info("worker goes on");
              })
          .get(10, TimeUnit.SECONDS);
    } finally {
      pool.shutdown();
    }

    ReceivedEvent main = event("payment failed");
    ReceivedEvent continued = event("card declined");
    ReceivedEvent worker = event("worker failed");
    // outside spans no ids (sentry.mdc.propagation-ids is off by default), on every thread alike;
    // inside continueTrace's transaction (current also with tracing off) the incoming trace
    assertThat(ctx.lines())
        .containsExactly(
            "INFO  [] Orders - checkout started",
            "ERROR [] Orders - payment failed",
            "ERROR [" + incoming + "] Orders - card declined",
            "ERROR [] Orders - worker failed",
            "INFO  [] Orders - worker goes on");
    assertThat(continued.traceId()).isEqualTo(incoming);
    assertThat(main.traceId()).matches("[0-9a-f]{32}").isNotIn(worker.traceId(), incoming);
    assertThat(main.json().get("sdk").get("packages").toString())
        .contains("maven:dev.sentry4j:sentry-log4j2");
  }

  @Test
  void aLayoutThrowingAnErrorNeverReachesTheApplication() {
    List<String> errors;
    try (StatusMessages status = StatusMessages.listen()) {
      Logger log = start("log4j2-error-layout.xml").logger("com.acme.Orders");
      for (int i = 0; i < 3; i++) {
        int n = i;
        assertThatCode(() -> log.error("line {}", n)).doesNotThrowAnyException();
      }
      errors = status.at(Level.ERROR);
    }
    assertThat(errors).anySatisfy(m -> assertThat(m).contains("could not capture a log event"));
  }

  @Test
  void anUndefinedDsnVariableMeansNoDsnWithOneInfoLine() {
    List<String> errors;
    List<String> infos;
    TestContext ctx;
    try (StatusMessages status = StatusMessages.listen()) {
      ctx = start("log4j2-undefined-dsn.xml");
      errors = status.at(Level.ERROR);
      infos = status.at(Level.INFO);
    }
    assertThat(ctx.sentry()).isNotNull();
    assertThat(Sentry.isInitialized()).isFalse();
    assertThat(errors).isEmpty();
    assertThat(infos)
        .filteredOn(m -> m.contains("names a variable that is not defined"))
        .containsExactly(
            "Sentry appender 'sentry': No DSN: the dsn setting"
                + " '${env:SENTRY4J_TEST_DSN_DEFINED_NOWHERE}' names a variable that is not defined;"
                + " the SDK is disabled");
    assertThatCode(() -> ctx.logger("x").error("no SDK, no exception")).doesNotThrowAnyException();
  }
}
