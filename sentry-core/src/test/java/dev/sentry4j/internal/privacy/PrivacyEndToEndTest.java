package dev.sentry4j.internal.privacy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sentry4j.Sentry;
import dev.sentry4j.event.Breadcrumb;
import dev.sentry4j.event.User;
import dev.sentry4j.logs.LogLevel;
import dev.sentry4j.options.SentryOptions;
import dev.sentry4j.spi.PiiPolicy;
import dev.sentry4j.spi.logging.LogCapture;
import dev.sentry4j.spi.logging.LogCaptureSettings;
import dev.sentry4j.spi.logging.LogRecord;
import dev.sentry4j.testing.ReceivedEvent;
import dev.sentry4j.testing.RelaySchema;
import dev.sentry4j.testing.SentryReceiver;
import dev.sentry4j.tracing.Span;
import dev.sentry4j.tracing.Transaction;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** What reaches a Sentry server (the local receiver) from the core API and the log mapping. */
@Timeout(30)
class PrivacyEndToEndTest {
  private static final Duration WAIT = Duration.ofSeconds(10);
  private static final String F = Scrubber.FILTERED;

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
          more.accept(options);
        });
  }

  @Test
  void noDenyListedValueReachesTheServerByDefault() {
    init(o -> {});
    Map<String, Object> headers = new LinkedHashMap<>();
    headers.put("Accept", "application/json");
    headers.put("Authorization", "Bearer SECRET-1");
    headers.put("Cookie", "sid=SECRET-2");
    Map<String, Object> request = new LinkedHashMap<>();
    request.put("url", "/login");
    request.put("headers", headers);
    Sentry.setContext("request", request);
    Sentry.setContext("credentials", Map.of("user", "bob", "value", "SECRET-3"));
    Sentry.setExtra(
        "attempts",
        List.of(Map.of("api_key", "SECRET-4", "n", 1), List.of("X-Api-Key", "SECRET-5")));
    Sentry.setTag("session_id", "SECRET-6");
    Sentry.setTag("tenant", "acme");
    Sentry.addBreadcrumb(
        Breadcrumb.builder()
            .category("http")
            .message("POST /login")
            .data("token", "SECRET-7")
            .data("status", 401)
            .build());
    Sentry.setUser(
        User.builder()
            .id("u-17")
            .username("jane")
            .email("jane@example.com")
            .data(Map.of("refresh_token", "SECRET-8", "plan", "pro"))
            .build());

    Sentry.captureMessage("checkout failed");

    ReceivedEvent event = receiver.awaitEvents(1, WAIT).get(0);
    assertThat(event.json().toString()).doesNotContain("SECRET-");
    RelaySchema.assertValid(event);
    JsonNode ctx = event.contexts();
    assertThat(ctx.at("/request/headers/Authorization").asText()).isEqualTo(F);
    assertThat(ctx.at("/request/headers/Cookie").asText()).isEqualTo(F);
    assertThat(ctx.at("/request/headers/Accept").asText()).isEqualTo("application/json");
    assertThat(ctx.at("/request/url").asText()).isEqualTo("/login");
    assertThat(ctx.at("/credentials/user").asText()).isEqualTo(F);
    assertThat(event.extra().at("/attempts/0/api_key").asText()).isEqualTo(F);
    assertThat(event.extra().at("/attempts/0/n").asInt()).isEqualTo(1);
    assertThat(event.extra().at("/attempts/1/0").asText()).isEqualTo("X-Api-Key");
    assertThat(event.extra().at("/attempts/1/1").asText()).isEqualTo(F);
    assertThat(event.tags()).containsEntry("session_id", F).containsEntry("tenant", "acme");
    JsonNode crumb = event.breadcrumbs().get(0);
    assertThat(crumb.at("/data/token").asText()).isEqualTo(F);
    assertThat(crumb.at("/data/status").asInt()).isEqualTo(401);
    assertThat(crumb.get("message").asText()).isEqualTo("POST /login");
    assertThat(event.user().get("id").asText()).isEqualTo("u-17");
    assertThat(event.user().get("username").asText()).isEqualTo("jane");
    assertThat(event.user().get("email").asText()).isEqualTo("jane@example.com");
    assertThat(event.user().at("/data/refresh_token").asText()).isEqualTo(F);
    assertThat(event.user().at("/data/plan").asText()).isEqualTo("pro");

    // the application's own objects are untouched
    assertThat(headers)
        .containsEntry("Authorization", "Bearer SECRET-1")
        .containsEntry("Cookie", "sid=SECRET-2");
    assertThat(request.get("headers")).isSameAs(headers);
  }

  @Test
  void mdcPasswordIsFilteredAsExtraAndInTheMdcContext() {
    init(o -> {});
    Map<String, String> mdc =
        Map.of("password", "SECRET-1", "requestId", "r-1", "userToken", "SECRET-2");
    LogRecord line =
        LogRecord.builder(LogLevel.ERROR)
            .loggerName("com.shop.Login")
            .thread("main", 1)
            .template("login failed for {}", List.of("bob"))
            .formattedMessage("login failed for bob")
            .mdc(mdc)
            .keyValues(Map.of("apiKey", "SECRET-3", "attempt", 2))
            .build();

    new LogCapture(LogCaptureSettings.builder("test").build()).capture(line);
    new LogCapture(
            LogCaptureSettings.builder("test")
                .mdcAsContext(true)
                .contextTags(java.util.Set.of("userToken"))
                .build())
        .capture(line);

    List<ReceivedEvent> events = receiver.awaitEvents(2, WAIT);
    for (ReceivedEvent e : events) {
      assertThat(e.json().toString()).doesNotContain("SECRET-");
      RelaySchema.assertValid(e);
      assertThat(e.extra().get("apiKey").asText()).isEqualTo(F);
      assertThat(e.extra().get("attempt").asInt()).isEqualTo(2);
      assertThat(e.message()).isEqualTo("login failed for bob");
    }
    ReceivedEvent asExtras =
        events.stream().filter(e -> e.contexts().get("MDC") == null).findFirst().orElseThrow();
    ReceivedEvent asContext =
        events.stream().filter(e -> e.contexts().get("MDC") != null).findFirst().orElseThrow();
    assertThat(asExtras.extra().get("password").asText()).isEqualTo(F);
    assertThat(asExtras.extra().get("userToken").asText()).isEqualTo(F);
    assertThat(asExtras.extra().get("requestId").asText()).isEqualTo("r-1");
    assertThat(asContext.contexts().at("/MDC/password").asText()).isEqualTo(F);
    assertThat(asContext.contexts().at("/MDC/requestId").asText()).isEqualTo("r-1");
    assertThat(asContext.tags()).containsEntry("userToken", F);
  }

  @Test
  void allowedKeysPassAndAddedKeysAreFiltered() {
    init(
        o -> {
          o.setScrubAllowKeys(List.of("session_id", "max_tokens"));
          o.setScrubKeys(List.of("ssn"));
        });
    Sentry.setTag("session_id", "s-1");
    Sentry.setExtra("maxTokens", 512);
    Sentry.setExtra("token", "SECRET-1");
    Sentry.setContext("customer", Map.of("user_ssn", "SECRET-2", "lessons", 3));

    Sentry.captureMessage("allowed");

    ReceivedEvent event = receiver.awaitEvents(1, WAIT).get(0);
    assertThat(event.json().toString()).doesNotContain("SECRET-");
    assertThat(event.tags()).containsEntry("session_id", "s-1");
    assertThat(event.extra().get("maxTokens").asInt()).isEqualTo(512);
    assertThat(event.extra().get("token").asText()).isEqualTo(F);
    assertThat(event.contexts().at("/customer/user_ssn").asText()).isEqualTo(F);
    assertThat(event.contexts().at("/customer/lessons").asInt()).isEqualTo(3);
  }

  @Test
  void scrubbingOffSendsValuesAsGiven() {
    init(o -> o.setScrubbing(false));
    Sentry.setExtra("password", "hunter2");
    Sentry.setContext("request", Map.of("headers", Map.of("Authorization", "Bearer abc")));
    Sentry.addBreadcrumb(Breadcrumb.builder().message("m").data("token", "t-1").build());

    Sentry.captureMessage("raw");

    ReceivedEvent event = receiver.awaitEvents(1, WAIT).get(0);
    assertThat(event.extra().get("password").asText()).isEqualTo("hunter2");
    assertThat(event.contexts().at("/request/headers/Authorization").asText())
        .isEqualTo("Bearer abc");
    assertThat(event.breadcrumbs().get(0).at("/data/token").asText()).isEqualTo("t-1");
  }

  @Test
  void withoutSendDefaultPiiNoUserIsAddedAndAnExplicitUserIsKept() {
    init(o -> {});
    Sentry.captureMessage("anonymous");
    Sentry.setUser(User.builder().id("u-1").email("a@example.com").build());
    Sentry.captureMessage("known");

    List<ReceivedEvent> events = receiver.awaitEvents(2, WAIT);
    ReceivedEvent anonymous = find(events, "anonymous");
    ReceivedEvent known = find(events, "known");
    assertThat(anonymous.user()).isNull();
    assertThat(known.user().get("email").asText()).isEqualTo("a@example.com");
    assertThat(known.user().has("ip_address")).isFalse();
    RelaySchema.assertValid(known);
  }

  @Test
  void withSendDefaultPiiSentryIsAskedToInferTheIpAddress() {
    init(o -> o.setSendDefaultPii(true).setTracesSampleRate(1.0));
    Sentry.startTransaction("job", "task").finish();
    Sentry.captureMessage("anonymous");
    Sentry.setUser(User.builder().id("u-1").email("a@example.com").build());
    Sentry.captureMessage("known");
    Sentry.setUser(User.builder().id("u-2").ipAddress("10.1.2.3").build());
    Sentry.captureMessage("explicit ip");

    List<ReceivedEvent> events = receiver.awaitEvents(3, WAIT);
    assertThat(find(events, "anonymous").user().get("ip_address").asText())
        .isEqualTo(PiiPolicy.AUTO_IP);
    ReceivedEvent known = find(events, "known");
    assertThat(known.user().get("ip_address").asText()).isEqualTo(PiiPolicy.AUTO_IP);
    assertThat(known.user().get("email").asText()).isEqualTo("a@example.com");
    assertThat(find(events, "explicit ip").user().get("ip_address").asText()).isEqualTo("10.1.2.3");
    ReceivedEvent transaction = receiver.awaitTransactions(1, WAIT).get(0);
    assertThat(transaction.user().get("ip_address").asText()).isEqualTo(PiiPolicy.AUTO_IP);
    for (ReceivedEvent e : events) {
      RelaySchema.assertValid(e);
    }
  }

  @Test
  void processorsRunBeforeTheScrubberAndBeforeSendAfterIt() {
    AtomicReference<Object> seenByBeforeSend = new AtomicReference<>();
    init(
        o -> {
          o.addEventProcessor(
              (event, hint) -> {
                event.setExtra("db_password", "SECRET-1");
                return event;
              });
          o.setBeforeSend(
              (event, hint) -> {
                seenByBeforeSend.set(event.getExtras().get("password"));
                event.setExtra("token", "restored-by-before-send");
                return event;
              });
        });
    Sentry.setExtra("password", "SECRET-2");

    Sentry.captureMessage("ordered");

    ReceivedEvent event = receiver.awaitEvents(1, WAIT).get(0);
    assertThat(seenByBeforeSend.get()).isEqualTo(F);
    assertThat(event.extra().get("db_password").asText()).isEqualTo(F);
    assertThat(event.extra().get("password").asText()).isEqualTo(F);
    assertThat(event.extra().get("token").asText()).isEqualTo("restored-by-before-send");
  }

  @Test
  void scrubMessagesFiltersSecretsInMessagesBreadcrumbsAndExceptions() {
    init(o -> o.setScrubMessages(true));
    Sentry.addBreadcrumb("connecting with password=SECRET-1");
    LogRecord line =
        LogRecord.builder(LogLevel.ERROR)
            .loggerName("com.shop.Pay")
            .thread("main", 1)
            .template("card {} declined", List.of("4111 1111 1111 1111"))
            .formattedMessage("card 4111 1111 1111 1111 declined")
            .throwable(new IllegalStateException("upstream rejected token=SECRET-2"))
            .build();

    new LogCapture(LogCaptureSettings.builder("test").build()).capture(line);

    ReceivedEvent event = receiver.awaitEvents(1, WAIT).get(0);
    assertThat(event.json().toString()).doesNotContain("SECRET-").doesNotContain("4111 1111");
    assertThat(event.message()).isEqualTo("card [Filtered] declined");
    assertThat(event.json().at("/logentry/params/0").asText()).isEqualTo(F);
    assertThat(event.json().at("/logentry/message").asText()).isEqualTo("card {} declined");
    assertThat(event.exceptions().get(0).get("value").asText())
        .isEqualTo("upstream rejected token=[Filtered]");
    assertThat(event.breadcrumbs().get(0).get("message").asText())
        .isEqualTo("connecting with password=[Filtered]");
    RelaySchema.assertValid(event);
  }

  @Test
  void messagesAreSentAsWrittenByDefault() {
    init(o -> {});
    Sentry.captureException(new IllegalStateException("rejected token=abc"));

    ReceivedEvent event = receiver.awaitEvents(1, WAIT).get(0);
    assertThat(event.exceptions().get(0).get("value").asText()).isEqualTo("rejected token=abc");
  }

  @Test
  void spanDataAndTagsOfEveryTransactionSpanAreFilteredBeforeBeforeSendTransaction() {
    AtomicReference<Object> seenByCallback = new AtomicReference<>();
    init(
        o -> {
          o.setTracesSampleRate(1.0);
          o.setBeforeSendTransaction(
              (tx, hint) -> {
                seenByCallback.set(tx.getRootSpan().getData().get("auth_token"));
                return tx;
              });
        });
    Sentry.setExtra("password", "SECRET-1");
    try (Transaction tx = Sentry.startTransaction("POST /login", "http.server")) {
      tx.setData("auth_token", "SECRET-2");
      tx.setData("http.method", "POST");
      tx.setTag("session", "SECRET-3");
      try (Span call =
          Sentry.startSpan("http.client", "GET https://api.example.com/me?access_token=abc")) {
        call.setData("headers", Map.of("Cookie", "SECRET-4", "Accept", "application/json"));
        call.setData("db.password", "SECRET-5");
        call.setData("http.status_code", 200);
        call.setTag("api_key", "SECRET-6");
      }
    }

    ReceivedEvent t = receiver.awaitTransactions(1, WAIT).get(0);
    assertThat(t.json().toString()).doesNotContain("SECRET-");
    assertThat(seenByCallback.get()).isEqualTo(F);
    assertThat(t.contexts().at("/trace/data/auth_token").asText()).isEqualTo(F);
    assertThat(t.contexts().at("/trace/data/http.method").asText()).isEqualTo("POST");
    assertThat(t.tags()).containsEntry("session", F);
    assertThat(t.extra().get("password").asText()).isEqualTo(F);
    JsonNode span = t.spans().get(0);
    assertThat(span.at("/data/headers/Cookie").asText()).isEqualTo(F);
    assertThat(span.at("/data/headers/Accept").asText()).isEqualTo("application/json");
    assertThat(span.at("/data/db.password").asText()).isEqualTo(F);
    assertThat(span.at("/data/http.status_code").asInt()).isEqualTo(200);
    assertThat(span.at("/tags/api_key").asText()).isEqualTo(F);
    // descriptions are free text: left alone unless scrubMessages is on
    assertThat(span.get("description").asText())
        .isEqualTo("GET https://api.example.com/me?access_token=abc");
    RelaySchema.assertValidTransaction(t.json());
  }

  @Test
  @SuppressWarnings("try") // the transaction is only closed
  void scrubMessagesAlsoCoversSpanDescriptions() {
    init(
        o -> {
          o.setTracesSampleRate(1.0);
          o.setScrubMessages(true);
        });
    try (Transaction tx = Sentry.startTransaction("sync", "task")) {
      Sentry.startSpan("http.client", "GET https://api.example.com/me?access_token=SECRET-1&page=2")
          .finish();
    }

    ReceivedEvent t = receiver.awaitTransactions(1, WAIT).get(0);
    assertThat(t.spans().get(0).get("description").asText())
        .isEqualTo("GET https://api.example.com/me?access_token=[Filtered]&page=2");
  }

  private static ReceivedEvent find(List<ReceivedEvent> events, String message) {
    return events.stream()
        .filter(e -> message.equals(e.message()))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no event '" + message + "' in " + events));
  }
}
