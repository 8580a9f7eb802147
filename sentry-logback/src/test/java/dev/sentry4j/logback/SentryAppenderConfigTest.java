package dev.sentry4j.logback;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.core.status.Status;
import dev.sentry4j.Sentry;
import dev.sentry4j.options.SentryOptions;
import dev.sentry4j.spi.Diagnostics;
import dev.sentry4j.testing.ReceivedEvent;
import dev.sentry4j.testing.RelaySchema;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.slf4j.MDC;

/** Reading logback.xml: flat properties, sentry-java's {@code <options>}, and mistakes. */
@Timeout(30)
class SentryAppenderConfigTest extends LogbackReceiverTest {
  @Test
  void aLogbackXmlWrittenForSentryJavaWorksAfterChangingTheClassName() {
    load("logback-sentry-java-style.xml");
    SentryAppender appender = logback.appender("Sentry");
    assertThat(appender.isStarted()).as("status: %s", logback.statuses()).isTrue();
    assertThat(logback.statusLines(Status.ERROR)).isEmpty();
    assertThat(logback.statusLines(Status.WARN))
        .anySatisfy(line -> assertThat(line).contains("<attachThreads>").contains("ignored"));

    SentryOptions options = Sentry.getClient().getOptions();
    assertThat(options.getTracesSampleRate()).isEqualTo(0.2);
    assertThat(options.isSendDefaultPii()).isTrue();
    assertThat(options.getFlushTimeout()).isEqualTo(Duration.ofSeconds(15));
    assertThat(options.getShutdownTimeout()).isEqualTo(Duration.ofSeconds(2));
    assertThat(options.getConnectTimeout()).isEqualTo(Duration.ofSeconds(5));
    assertThat(options.getReadTimeout()).isEqualTo(Duration.ofSeconds(7));
    assertThat(options.getMaxBreadcrumbs()).isEqualTo(50);
    assertThat(options.isAttachStacktrace()).isFalse();
    assertThat(options.isEnableLogs()).isTrue();
    assertThat(options.getInAppIncludes()).containsExactly("com.shop", "dev.sentry4j.logback");

    MDC.put("tenant", "acme");
    MDC.put("region", "eu");
    logback.logger("com.shop.Checkout").debug("a debug breadcrumb");
    logback.logger("com.shop.Checkout").warn("a warning event");

    ReceivedEvent event = receiver.awaitEvents(1, Duration.ofSeconds(10)).get(0);
    RelaySchema.assertValid(event);
    assertThat(event.level()).isEqualTo("warning");
    assertThat(event.json().path("environment").asText()).isEqualTo("staging");
    assertThat(event.json().path("release").asText()).isEqualTo("my-project-name@2.3.12");
    assertThat(event.json().path("server_name").asText()).isEqualTo("host-4");
    assertThat(event.tags()).containsEntry("tenant", "acme").containsEntry("region", "eu");
    assertThat(event.breadcrumbs())
        .extracting(b -> b.path("message").asText())
        .containsExactly("a debug breadcrumb");
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "logback-bad-level.xml        | 'LOUD'         | <minimumEventLevel>",
        "logback-bad-sample-rate.xml  | '7'            | <sampleRate>",
        "logback-bad-dsn.xml          | '<9 characters, not a URL>' | <dsn>",
        "logback-bad-option-value.xml | 'lots'         | <options><tracesSampleRate>",
        "logback-unknown-option.xml   | <enviroment>   | <options>",
        "logback-unknown-property.xml | <minimumEventLevl> | the appender",
      })
  void aBadValueIsReportedByNameTheAppenderStaysStoppedAndLoggingGoesOn(
      String resource, String value, String where) {
    load(resource);

    List<String> errors = logback.statusLines(Status.ERROR);
    assertThat(errors)
        .as("status: %s", logback.statuses())
        .anySatisfy(
            line ->
                assertThat(line)
                    .contains("Sentry appender [SENTRY] not started")
                    .contains(value)
                    .contains(where));
    assertThat(logback.<SentryAppender>appender("SENTRY").isStarted()).isFalse();
    assertThat(Sentry.isInitialized()).isFalse();

    logback.logger("com.shop.Checkout").error("the application goes on");
    MemoryAppender memory = logback.appender("MEMORY");
    assertThat(memory.lines()).containsExactly("ERROR the application goes on");
  }

  @Test
  void withoutADsnTheAppenderStartsAsACheapNoOp() {
    load("logback-no-dsn.xml");
    SentryAppender appender = logback.appender("SENTRY");
    assertThat(appender.isStarted()).isTrue();
    assertThat(logback.statusLines(Status.ERROR)).isEmpty();
    assertThat(Sentry.isInitialized()).isFalse();

    logback.logger("com.shop.Checkout").error("goes nowhere");
    logback.close();
    logback = null;

    assertThat(receiver.requestCount()).isZero();
  }

  @Test
  void theSdksWarningsAndErrorsShowInLogbacksStatusWhileTheAppenderRuns() {
    load("logback-basic.xml");

    Diagnostics.warn("the SDK had a problem");
    logback.close();
    Diagnostics.warn("after the appender stopped");

    List<String> warnings = logback.statusLines(Status.WARN);
    logback = null;
    assertThat(warnings).contains("sentry4j: the SDK had a problem");
    assertThat(warnings).noneMatch(line -> line.contains("after the appender stopped"));
  }
}
