package dev.sentry4j;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sentry4j.clientreport.DataCategory;
import dev.sentry4j.clientreport.DiscardReason;
import dev.sentry4j.event.User;
import dev.sentry4j.internal.client.DefaultSentryClient;
import dev.sentry4j.logs.FakeSpan;
import dev.sentry4j.options.SentryOptions;
import dev.sentry4j.scope.ScopeToken;
import dev.sentry4j.spi.config.OptionSources;
import dev.sentry4j.testing.ReceivedLog;
import dev.sentry4j.testing.SentryReceiver;
import java.math.BigInteger;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(30)
class SentryLoggerTest {
  private static final Duration WAIT = Duration.ofSeconds(10);
  private SentryReceiver receiver;

  @BeforeEach
  void start() {
    receiver = SentryReceiver.start();
  }

  @AfterEach
  void stop() {
    Sentry.close();
    receiver.close();
  }

  private void init(Consumer<SentryOptions.Builder> more) {
    Sentry.init(
        options -> {
          options.setDsn(receiver.dsn());
          options.setEnableLogs(true);
          more.accept(options);
        });
  }

  private List<ReceivedLog> flushAndAwait(int count) {
    assertThat(Sentry.flush(WAIT)).isTrue();
    List<ReceivedLog> logs = receiver.awaitLogs(count, WAIT);
    assertThat(receiver.malformed()).isEmpty();
    return logs;
  }

  @Test
  void sendsTheFormattedBodyTemplateTypedParametersAndDefaultAttributes() {
    init(o -> o.setEnvironment("staging").setRelease("shop@1.4.2").setServerName("web-1"));
    Instant before = Instant.now();

    Sentry.logger()
        .info("order %s shipped in %d days (%.1f%% on time, express=%b)", "A-17", 3, 99.5, true);

    ReceivedLog log = flushAndAwait(1).get(0);
    assertThat(log.body()).isEqualTo("order A-17 shipped in 3 days (99.5% on time, express=true)");
    assertThat(log.level()).isEqualTo("info");
    assertThat(log.severityNumber()).isEqualTo(9);
    assertThat(log.timestamp())
        .isBetween(before.getEpochSecond() - 1.0, Instant.now().getEpochSecond() + 1.0);
    assertThat(log.traceId()).isEqualTo(Sentry.scopes().getTraceContext().getTraceId());
    assertThat(log.spanId()).matches("[0-9a-f]{16}");
    Map<String, JsonNode> attributes = log.attributes();
    assertThat(attributes.get("sentry.message.template").asText())
        .isEqualTo("order %s shipped in %d days (%.1f%% on time, express=%b)");
    assertThat(attributes.get("sentry.message.parameter.0").asText()).isEqualTo("A-17");
    assertThat(log.attributeType("sentry.message.parameter.0")).isEqualTo("string");
    assertThat(attributes.get("sentry.message.parameter.1").asLong()).isEqualTo(3);
    assertThat(log.attributeType("sentry.message.parameter.1")).isEqualTo("integer");
    assertThat(attributes.get("sentry.message.parameter.2").asDouble()).isEqualTo(99.5);
    assertThat(log.attributeType("sentry.message.parameter.2")).isEqualTo("double");
    assertThat(attributes.get("sentry.message.parameter.3").asBoolean()).isTrue();
    assertThat(log.attributeType("sentry.message.parameter.3")).isEqualTo("boolean");
    assertThat(attributes.get("sentry.environment").asText()).isEqualTo("staging");
    assertThat(attributes.get("sentry.release").asText()).isEqualTo("shop@1.4.2");
    assertThat(attributes.get("sentry.sdk.name").asText()).isEqualTo("sentry4j.java");
    assertThat(attributes.get("sentry.sdk.version").asText()).isNotBlank();
    assertThat(attributes.get("server.address").asText()).isEqualTo("web-1");
    assertThat(attributes).doesNotContainKeys("sentry.origin", "logger.name", "user.id");
  }

  @Test
  void aMessageWithoutArgumentsHasNoTemplateAndNoReleaseWhenUnset() {
    init(o -> {});
    Sentry.logger().warn("low stock: 5%");

    ReceivedLog log = flushAndAwait(1).get(0);
    assertThat(log.body()).isEqualTo("low stock: 5%");
    assertThat(log.level()).isEqualTo("warn");
    assertThat(log.attributes())
        .doesNotContainKeys(
            "sentry.message.template", "sentry.message.parameter.0", "sentry.release")
        .containsKeys("sentry.environment", "server.address");
  }

  @Test
  void mapsEveryLevelToItsNameAndSeverityNumber() {
    init(o -> {});
    Sentry.logger().trace("t");
    Sentry.logger().debug("d");
    Sentry.logger().info("i");
    Sentry.logger().warn("w");
    Sentry.logger().error("e");
    Sentry.logger().fatal("f");

    List<ReceivedLog> logs = flushAndAwait(6);
    assertThat(logs)
        .extracting(ReceivedLog::level)
        .containsExactly("trace", "debug", "info", "warn", "error", "fatal");
    assertThat(logs).extracting(ReceivedLog::severityNumber).containsExactly(1, 5, 9, 13, 17, 21);
  }

  @Test
  void theBuilderAddsTypedAttributes() {
    init(o -> {});
    Sentry.logger()
        .atError()
        .attribute("order", 7)
        .attribute("express", true)
        .attribute("ratio", 0.25)
        .attribute("note", "fragile")
        .attribute("huge", new BigInteger("18446744073709551615"))
        .attribute("tags", List.of("a", "b"))
        .attribute("ignored", (String) null)
        .log("shipped %s", "A-17");

    ReceivedLog log = flushAndAwait(1).get(0);
    assertThat(log.body()).isEqualTo("shipped A-17");
    assertThat(log.level()).isEqualTo("error");
    assertThat(log.attribute("order").asLong()).isEqualTo(7);
    assertThat(log.attributeType("order")).isEqualTo("integer");
    assertThat(log.attributeType("express")).isEqualTo("boolean");
    assertThat(log.attribute("ratio").asDouble()).isEqualTo(0.25);
    assertThat(log.attributeType("ratio")).isEqualTo("double");
    assertThat(log.attributeType("note")).isEqualTo("string");
    assertThat(log.attribute("huge").asText()).isEqualTo("18446744073709551615");
    assertThat(log.attributeType("huge")).isEqualTo("string");
    assertThat(log.attribute("tags").asText()).isEqualTo("[a, b]");
    assertThat(log.attributes()).doesNotContainKey("ignored");
    assertThat(log.attribute("sentry.message.parameter.0").asText()).isEqualTo("A-17");
  }

  @Test
  void carriesTheTraceAndSpanActiveWhereItWasLogged() {
    init(o -> {});
    try (ScopeToken ignored = Sentry.newScope()) {
      Sentry.getCurrentScope().setSpan(new FakeSpan());
      Sentry.logger().info("inside");
    }
    Sentry.logger().info("outside");

    List<ReceivedLog> logs = flushAndAwait(2);
    ReceivedLog inside = find(logs, "inside");
    ReceivedLog outside = find(logs, "outside");
    assertThat(inside.traceId()).isEqualTo(FakeSpan.TRACE_ID);
    assertThat(inside.spanId()).isEqualTo(FakeSpan.SPAN_ID);
    assertThat(outside.traceId())
        .isNotEqualTo(FakeSpan.TRACE_ID)
        .isEqualTo(Sentry.scopes().getPropagationContext().getTraceId());
  }

  @Test
  void addsTheScopeUserOnlyWithSendDefaultPii() {
    init(o -> o.setSendDefaultPii(true));
    Sentry.setUser(User.builder().id("u-17").username("jane").email("jane@example.com").build());
    Sentry.logger().info("with pii");

    ReceivedLog log = flushAndAwait(1).get(0);
    assertThat(log.attribute("user.id").asText()).isEqualTo("u-17");
    assertThat(log.attribute("user.name").asText()).isEqualTo("jane");
    assertThat(log.attribute("user.email").asText()).isEqualTo("jane@example.com");
  }

  @Test
  void leavesTheUserOutByDefault() {
    init(o -> {});
    Sentry.setUser(User.builder().id("u-17").email("jane@example.com").build());
    Sentry.logger().info("without pii");

    ReceivedLog log = flushAndAwait(1).get(0);
    assertThat(log.attributes()).doesNotContainKeys("user.id", "user.name", "user.email");
  }

  @Test
  void isANoOpWithoutEnableLogs() {
    Sentry.init(receiver.dsn());
    assertThat(Sentry.logger().isEnabled()).isFalse();
    assertThat(Sentry.logger().atInfo()).isSameAs(Sentry.logger().atError());

    Sentry.logger().info("not sent %s", 1);
    Sentry.logger().atInfo().attribute("k", 1).log("not sent either");
    Sentry.captureMessage("an event still is");

    assertThat(Sentry.flush(WAIT)).isTrue();
    receiver.awaitEvents(1, WAIT);
    assertThat(receiver.logs()).isEmpty();
    assertThat(((DefaultSentryClient) Sentry.getClient()).getLogBatcher()).isNull();
  }

  @Test
  void isANoOpBeforeInit() {
    assertThat(Sentry.logger().isEnabled()).isFalse();
    Sentry.logger().info("nobody listens");
    Sentry.logger().atWarn().attribute("k", "v").log("nobody");
    assertThat(receiver.requestCount()).isZero();
  }

  @Test
  void aTemplateThatDoesNotFitItsArgumentsIsSentAsIs() {
    init(o -> {});
    Sentry.logger().info("count %d", "not a number");

    ReceivedLog log = flushAndAwait(1).get(0);
    assertThat(log.body()).isEqualTo("count %d");
    assertThat(log.attribute("sentry.message.parameter.0").asText()).isEqualTo("not a number");
  }

  @Test
  void ignoresALogCallMadeByAnArgumentsToString() {
    init(o -> {});
    Object sneaky =
        new Object() {
          @Override
          public String toString() {
            Sentry.logger().error("re-entered");
            return "sneaky";
          }
        };
    Sentry.logger().info("value %s", sneaky);

    List<ReceivedLog> logs = flushAndAwait(1);
    assertThat(logs).extracting(ReceivedLog::body).containsExactly("value sneaky");
  }

  @Test
  void beforeSendLogDropsAreCountedAsBeforeSend() {
    init(o -> o.setBeforeSendLog(log -> log.getBody().startsWith("health") ? null : log));
    Sentry.logger().info("health check ok");
    Sentry.logger().info("order shipped");

    List<ReceivedLog> logs = flushAndAwait(1);
    assertThat(logs).extracting(ReceivedLog::body).containsExactly("order shipped");
    DefaultSentryClient client = (DefaultSentryClient) Sentry.getClient();
    assertThat(client.getDiscards().total(DiscardReason.BEFORE_SEND, DataCategory.LOG_ITEM))
        .isEqualTo(1);
  }

  @Test
  void aLogCallInsideBeforeSendLogIsIgnored() {
    init(
        o ->
            o.setBeforeSendLog(
                log -> {
                  Sentry.logger().warn("from the callback");
                  return log;
                }));
    Sentry.logger().info("original");
    assertThat(flushAndAwait(1)).extracting(ReceivedLog::body).containsExactly("original");
    assertThat(Sentry.flush(WAIT)).isTrue();
    assertThat(receiver.logs()).extracting(ReceivedLog::body).containsExactly("original");
  }

  @Test
  void closeSendsTheBufferedRecords() {
    init(o -> {});
    for (int i = 0; i < 5; i++) {
      Sentry.logger().info("line %d", i);
    }
    Sentry.close();

    assertThat(receiver.awaitLogs(5, WAIT))
        .extracting(ReceivedLog::body)
        .containsExactly("line 0", "line 1", "line 2", "line 3", "line 4");
    assertThat(receiver.malformed()).isEmpty();
  }

  @Test
  void sendsAfterTheFlushIntervalWithoutAnExplicitFlush() {
    init(o -> o.setLogsFlushInterval(Duration.ofMillis(50)));
    Sentry.logger().info("on its own");
    assertThat(receiver.awaitLogs(1, WAIT))
        .extracting(ReceivedLog::body)
        .containsExactly("on its own");
  }

  @Test
  void enableLogsComesFromTheSentryEnableLogsEnvironmentVariable() {
    Map<String, String> env = Map.of("SENTRY_ENABLE_LOGS", "true", "SENTRY_DSN", receiver.dsn());
    SentryOptions.Builder builder = SentryOptions.builder();
    builder.apply(new OptionSources(env, new Properties(), getClass().getClassLoader()).read());
    SentryOptions options = builder.build();
    assertThat(options.isEnableLogs()).isTrue();

    Sentry.init(options);
    Sentry.logger().info("from env");
    assertThat(flushAndAwait(1)).extracting(ReceivedLog::body).containsExactly("from env");
  }

  private static ReceivedLog find(List<ReceivedLog> logs, String body) {
    return logs.stream().filter(l -> body.equals(l.body())).findFirst().orElseThrow();
  }
}
