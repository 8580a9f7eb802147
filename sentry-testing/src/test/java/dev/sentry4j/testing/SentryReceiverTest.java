package dev.sentry4j.testing;

import static dev.sentry4j.testing.Envelopes.EVENT_ID;
import static dev.sentry4j.testing.Envelopes.clientReportEnvelope;
import static dev.sentry4j.testing.Envelopes.envelope;
import static dev.sentry4j.testing.Envelopes.eventEnvelope;
import static dev.sentry4j.testing.Envelopes.item;
import static dev.sentry4j.testing.Envelopes.logEnvelope;
import static dev.sentry4j.testing.Envelopes.logRecord;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.ConnectException;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 20, unit = TimeUnit.SECONDS)
class SentryReceiverTest {

  // what is awaited arrives in milliseconds, but the first request of a cold JVM (HTTP server and
  // client, Jackson) took over 5 s beside busy loops when this class ran first in its fork
  private static final Duration WAIT = Duration.ofSeconds(15);

  private final SentryReceiver receiver = SentryReceiver.start();
  private final EnvelopePoster poster = new EnvelopePoster();

  @AfterEach
  void closeReceiver() {
    receiver.close();
  }

  @Test
  void dsnAndEndpointPointAtTheLoopbackPort() {
    int port = receiver.port();

    assertThat(port).isPositive();
    assertThat(receiver.dsn()).isEqualTo("http://testkey@127.0.0.1:" + port + "/1");
    assertThat(receiver.endpoint()).isEqualTo("http://127.0.0.1:" + port + "/api/1/envelope/");
  }

  @Test
  void keepsAPlainEnvelopeAndAnswersWithTheEventId() {
    HttpResponse<String> response =
        poster.post(receiver.endpoint(), eventEnvelope("Order A-17 failed"));

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.body()).isEqualTo("{\"id\":\"" + EVENT_ID + "\"}");
    assertThat(response.headers().firstValue("content-type")).hasValue("application/json");
    ReceivedEnvelope envelope = receiver.envelopes().get(0);
    assertThat(envelope.path()).isEqualTo("/api/1/envelope/");
    assertThat(envelope.eventId()).isEqualTo(EVENT_ID);
    assertThat(envelope.requestHeader("x-sentry-auth")).isEqualTo(EnvelopePoster.AUTH);
    assertThat(envelope.requestHeader("X-SENTRY-AUTH")).isEqualTo(EnvelopePoster.AUTH);
    assertThat(envelope.requestHeader("Content-Encoding")).isNull();
    assertThat(envelope.responseStatus()).isEqualTo(200);
    assertThat(new String(envelope.body(), java.nio.charset.StandardCharsets.UTF_8))
        .isEqualTo(eventEnvelope("Order A-17 failed"));
    ReceivedEvent event = receiver.events().get(0);
    assertThat(event.message()).isEqualTo("Order A-17 failed");
    assertThat(event.envelope()).isSameAs(envelope);
    assertThat(receiver.requestCount()).isEqualTo(1);
    assertThat(receiver.malformed()).isEmpty();
  }

  @Test
  void gunzipsAndInflatesBodies() {
    byte[] plain = EnvelopePoster.utf8(eventEnvelope("gzipped"));

    assertThat(
            poster
                .post(receiver.endpoint(), EnvelopePoster.gzip(plain), "Content-Encoding", "gzip")
                .statusCode())
        .isEqualTo(200);
    assertThat(
            poster
                .post(
                    receiver.endpoint(),
                    EnvelopePoster.deflate(plain),
                    "Content-Encoding",
                    "deflate")
                .statusCode())
        .isEqualTo(200);

    List<ReceivedEnvelope> envelopes = receiver.envelopes();
    assertThat(envelopes)
        .extracting(e -> e.requestHeader("content-encoding"))
        .containsExactly("gzip", "deflate");
    assertThat(envelopes).allSatisfy(e -> assertThat(e.body()).isEqualTo(plain));
    assertThat(receiver.events())
        .extracting(ReceivedEvent::message)
        .containsExactly("gzipped", "gzipped");
  }

  @Test
  void rejectsABodyThatIsNotGzipDespiteTheHeader() {
    HttpResponse<String> response =
        poster.post(receiver.endpoint(), eventEnvelope("x"), "Content-Encoding", "gzip");

    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(receiver.malformed())
        .singleElement()
        .asString()
        .contains("400 body is not valid gzip");
    assertThat(receiver.envelopes()).isEmpty();
  }

  @Test
  void rejectsEncodingsAndContentTypesItDoesNotRead() {
    assertThat(
            poster
                .post(receiver.endpoint(), eventEnvelope("x"), "Content-Encoding", "br")
                .statusCode())
        .isEqualTo(415);
    assertThat(
            poster
                .post(receiver.endpoint(), eventEnvelope("x"), "Content-Type", "application/json")
                .statusCode())
        .isEqualTo(415);

    assertThat(receiver.malformed())
        .satisfiesExactly(
            first -> assertThat(first).contains("unsupported Content-Encoding: br"),
            second -> assertThat(second).contains("Content-Type is application/json"));
  }

  @Test
  void keepsPayloadsWithNewlinesAndMultiByteCharactersWhenLengthCountsBytes() {
    String text = "Grüße aus Köln € 😀\nzweite Zeile";
    String body =
        envelope(
            "{}",
            item(
                "{\"type\":\"attachment\",\"filename\":\"greeting.txt\",\"content_type\":\"text/plain\"}",
                text));

    assertThat(poster.post(receiver.endpoint(), body).statusCode()).isEqualTo(200);

    ReceivedItem attachment = receiver.envelopes().get(0).items("attachment").get(0);
    assertThat(attachment.payloadText()).isEqualTo(text);
    assertThat(attachment.header().path("filename").asText()).isEqualTo("greeting.txt");
    assertThat(poster.post(receiver.endpoint(), body).body()).isEqualTo("{}");
  }

  @Test
  void readsItemsWithoutLength() {
    String body =
        envelope(
            "{}",
            Envelopes.itemWithoutLength(
                "{\"type\":\"client_report\"}", "{\"discarded_events\":[]}"),
            Envelopes.itemWithoutLength("{\"type\":\"attachment\",\"filename\":\"a\"}", "abc"));

    assertThat(poster.post(receiver.endpoint(), body).statusCode()).isEqualTo(200);

    assertThat(receiver.envelopes().get(0).items())
        .extracting(ReceivedItem::type)
        .containsExactly("client_report", "attachment");
  }

  @Test
  void rejectsALengthCountedInCharactersAndKeepsNothing() {
    String payload = "{\"event_id\":\"" + EVENT_ID + "\",\"logentry\":{\"formatted\":\"naïve €\"}}";
    String body =
        envelope(
            Envelopes.eventHeader(),
            "{\"type\":\"event\",\"length\":" + payload.length() + "}\n" + payload);

    HttpResponse<String> response = poster.post(receiver.endpoint(), body);

    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(response.body()).contains("length must count UTF-8 bytes");
    assertThat(response.headers().firstValue("X-Sentry-Error")).isPresent();
    assertThat(receiver.malformed())
        .singleElement()
        .asString()
        .startsWith("#1 POST /api/1/envelope/: 400 item 0 (event): length " + payload.length());
    assertThat(receiver.envelopes()).isEmpty();
    assertThat(receiver.events()).isEmpty();
    assertThat(receiver.requestCount()).isEqualTo(1);
  }

  @Test
  void refusesAWrongKeyWith401() {
    HttpResponse<String> response =
        poster.post(
            receiver.endpoint(),
            eventEnvelope("x"),
            "X-Sentry-Auth",
            "Sentry sentry_version=7,sentry_client=x/1,sentry_key=otherkey");

    assertThat(response.statusCode()).isEqualTo(401);
    assertThat(receiver.requestCount()).isEqualTo(1);
    assertThat(receiver.malformed())
        .singleElement()
        .asString()
        .contains("401 wrong sentry_key 'otherkey'");
    assertThat(receiver.envelopes()).isEmpty();
  }

  @Test
  void refusesAuthWithoutVersionOrWithoutAnyKey() {
    assertThat(
            poster
                .post(
                    receiver.endpoint(),
                    eventEnvelope("x"),
                    "X-Sentry-Auth",
                    "Sentry sentry_key=testkey")
                .statusCode())
        .isEqualTo(401);
    assertThat(
            poster
                .post(receiver.endpoint(), eventEnvelope("x"), "X-Sentry-Auth", null)
                .statusCode())
        .isEqualTo(401);

    assertThat(receiver.malformed())
        .satisfiesExactly(
            first -> assertThat(first).contains("lacks sentry_version=7"),
            second -> assertThat(second).contains("no sentry_key"));
  }

  @Test
  void acceptsTheKeyInTheQueryString() {
    HttpResponse<String> response =
        poster.post(
            receiver.endpoint() + "?sentry_version=7&sentry_key=testkey",
            eventEnvelope("x"),
            "X-Sentry-Auth",
            null);

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(receiver.events()).hasSize(1);
  }

  @Test
  void acceptsADsnPathPrefixAndAnswers404ElsewhereOrForOtherMethods() {
    String base = "http://127.0.0.1:" + receiver.port();

    assertThat(poster.post(base + "/sentry/api/1/envelope/", eventEnvelope("x")).statusCode())
        .isEqualTo(200);
    assertThat(poster.post(base + "/api/1/store/", eventEnvelope("x")).statusCode()).isEqualTo(404);

    assertThat(receiver.envelopes())
        .extracting(ReceivedEnvelope::path)
        .containsExactly("/sentry/api/1/envelope/");
    assertThat(receiver.malformed()).singleElement().asString().contains("/api/1/store/: 404");
    assertThat(receiver.requestCount()).isEqualTo(2);
  }

  @Test
  void respondsWithAChosenStatusAndHeadersAndStillKeepsTheEnvelope() {
    receiver.respondWith(
        Response.status(429)
            .header("Retry-After", "60")
            .header("X-Sentry-Rate-Limits", "60:error:key"));

    HttpResponse<String> response = poster.post(receiver.endpoint(), eventEnvelope("limited"));

    assertThat(response.statusCode()).isEqualTo(429);
    assertThat(response.headers().firstValue("Retry-After")).hasValue("60");
    assertThat(response.headers().firstValue("X-Sentry-Rate-Limits")).hasValue("60:error:key");
    assertThat(response.body()).isEmpty();
    assertThat(receiver.envelopes())
        .singleElement()
        .extracting(ReceivedEnvelope::responseStatus)
        .isEqualTo(429);
    assertThat(poster.post(receiver.endpoint(), eventEnvelope("again")).statusCode())
        .isEqualTo(429);
  }

  @Test
  void answersQueuedResponsesInOrderThenTheDefault() {
    receiver.enqueueResponses(
        Response.status(500),
        Response.status(413).body("too large"),
        Response.ok().header("X-Sentry-Rate-Limits", "10::org"));

    HttpResponse<String> first = poster.post(receiver.endpoint(), eventEnvelope("1"));
    HttpResponse<String> second = poster.post(receiver.endpoint(), eventEnvelope("2"));
    HttpResponse<String> third = poster.post(receiver.endpoint(), eventEnvelope("3"));
    HttpResponse<String> fourth = poster.post(receiver.endpoint(), eventEnvelope("4"));

    assertThat(List.of(first, second, third, fourth))
        .extracting(HttpResponse::statusCode)
        .containsExactly(500, 413, 200, 200);
    assertThat(second.body()).isEqualTo("too large");
    assertThat(third.headers().firstValue("X-Sentry-Rate-Limits")).hasValue("10::org");
    assertThat(fourth.headers().firstValue("X-Sentry-Rate-Limits")).isEmpty();
    assertThat(receiver.envelopes())
        .extracting(ReceivedEnvelope::responseStatus)
        .containsExactly(500, 413, 200, 200);
  }

  @Test
  void stallHoldsRequestsUntilUnstalled() throws Exception {
    receiver.stall();
    CompletableFuture<HttpResponse<String>> pending =
        poster.postAsync(receiver.endpoint(), eventEnvelope("held"));

    receiver.awaitCondition("the request arrived", WAIT, () -> receiver.requestCount() == 1);
    assertThat(pending).isNotDone();
    assertThat(receiver.envelopes()).isEmpty();

    receiver.unstall();

    assertThat(pending.get(5, TimeUnit.SECONDS).statusCode()).isEqualTo(200);
    assertThat(receiver.events()).extracting(ReceivedEvent::message).containsExactly("held");
  }

  @Test
  void trickleKeepsTheEnvelopeAtOnceAndDribblesTheAnswerUntilClosed() {
    receiver.trickle(Duration.ofSeconds(1));
    CompletableFuture<HttpResponse<String>> pending =
        poster.postAsync(receiver.endpoint(), eventEnvelope("slow"));

    receiver.awaitCondition("the envelope is kept", WAIT, () -> receiver.events().size() == 1);
    assertThat(pending).as("a 41-byte answer takes 41 s").isNotDone();

    receiver.close();

    assertThatThrownBy(() -> pending.get(5, TimeUnit.SECONDS))
        .as("the answer was cut")
        .isInstanceOf(ExecutionException.class);
    assertThat(receiver.events()).extracting(ReceivedEvent::message).containsExactly("slow");
  }

  @Test
  void closeReleasesStalledRequestsWithoutAnAnswer() {
    receiver.stall();
    CompletableFuture<HttpResponse<String>> pending =
        poster.postAsync(receiver.endpoint(), eventEnvelope("held"));
    receiver.awaitCondition("the request arrived", WAIT, () -> receiver.requestCount() == 1);

    receiver.close();

    assertThatThrownBy(() -> pending.get(5, TimeUnit.SECONDS))
        .isInstanceOf(ExecutionException.class);
    assertThat(receiver.envelopes()).isEmpty();
    assertThatThrownBy(() -> poster.post(receiver.endpoint(), eventEnvelope("late")))
        .isInstanceOf(java.io.UncheckedIOException.class)
        .hasCauseInstanceOf(ConnectException.class);
  }

  @Test
  void awaitEventsReturnsOnceEnoughArrived() {
    CompletableFuture<Void> sending =
        CompletableFuture.runAsync(
            () -> {
              poster.post(receiver.endpoint(), eventEnvelope("one"));
              poster.post(receiver.endpoint(), eventEnvelope("two"));
            });

    List<ReceivedEvent> events = receiver.awaitEvents(2, WAIT);

    assertThat(events).extracting(ReceivedEvent::message).containsExactly("one", "two");
    sending.join();
  }

  @Test
  void awaitEventsTimesOutSayingWhatArrived() {
    poster.post(receiver.endpoint(), logEnvelope(1, logRecord("info", "only a log")));
    poster.post(receiver.endpoint(), "not an envelope");

    assertThatThrownBy(() -> receiver.awaitEvents(1, Duration.ofMillis(50)))
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("expected at least 1 events within 50 ms, but 0 arrived")
        .hasMessageContaining(
            "received 2 requests, 1 envelopes (0 events, 0 transactions, 1 logs, 0 client reports)")
        .hasMessageContaining("#1 envelope[log] -> 200")
        .hasMessageContaining("log[info 'only a log']")
        .hasMessageContaining("malformed:")
        .hasMessageContaining(
            "#2 POST /api/1/envelope/: 400 envelope header: not one compact JSON line");
  }

  @Test
  void awaitConditionNamesTheConditionOnTimeout() {
    assertThatThrownBy(
            () ->
                receiver.awaitCondition("three client reports", Duration.ofMillis(30), () -> false))
        .isInstanceOf(AssertionError.class)
        .hasMessageStartingWith(
            "condition not met within 30 ms: three client reports\nreceived 0 requests");
  }

  @Test
  void flattensTheRecordsOfEveryLogItem() {
    poster.post(
        receiver.endpoint(),
        logEnvelope(2, logRecord("info", "first"), logRecord("warn", "second")));
    poster.post(receiver.endpoint(), logEnvelope(1, logRecord("error", "third")));

    List<ReceivedLog> logs = receiver.awaitLogs(3, WAIT);

    assertThat(logs).extracting(ReceivedLog::body).containsExactly("first", "second", "third");
    assertThat(logs).extracting(ReceivedLog::level).containsExactly("info", "warn", "error");
    ReceivedLog first = logs.get(0);
    assertThat(first.traceId()).isEqualTo(Envelopes.TRACE_ID);
    assertThat(first.spanId()).isEqualTo(Envelopes.SPAN_ID);
    assertThat(first.severityNumber()).isEqualTo(9);
    assertThat(first.timestamp()).isEqualTo(1748779200.123456);
    assertThat(first.attribute("sentry.origin").asText()).isEqualTo("auto.log.logback");
    assertThat(first.attributeType("sentry.message.parameter.0")).isEqualTo("integer");
    assertThat(first.attribute("sentry.message.parameter.0").asLong()).isEqualTo(17);
    assertThat(first.attributes()).containsOnlyKeys("sentry.origin", "sentry.message.parameter.0");
    assertThat(first.attribute("missing")).isNull();
    assertThat(logs.get(2).envelope()).isSameAs(receiver.envelopes().get(1));
    assertThat(receiver.malformed()).isEmpty();
  }

  @Test
  void keepsLogsWithAWrongItemCountButReportsIt() {
    poster.post(
        receiver.endpoint(), logEnvelope(5, logRecord("info", "a"), logRecord("info", "b")));

    assertThat(receiver.logs()).hasSize(2);
    assertThat(receiver.malformed())
        .containsExactly(
            "#1 POST /api/1/envelope/ (kept): item 0 (log): item_count 5 but 2 records");
  }

  @Test
  void sumsDiscardedQuantitiesOverAllClientReports() {
    poster.post(
        receiver.endpoint(),
        clientReportEnvelope(
            "{\"reason\":\"queue_overflow\",\"category\":\"error\",\"quantity\":2},"
                + "{\"reason\":\"ratelimit_backoff\",\"category\":\"transaction\",\"quantity\":1}"));
    poster.post(
        receiver.endpoint(),
        clientReportEnvelope(
            "{\"reason\":\"queue_overflow\",\"category\":\"error\",\"quantity\":3}"));

    assertThat(receiver.discarded("queue_overflow", "error")).isEqualTo(5);
    assertThat(receiver.discarded("ratelimit_backoff", "transaction")).isEqualTo(1);
    assertThat(receiver.discarded("ratelimit_backoff", "error")).isZero();
    assertThat(receiver.clientReports()).hasSize(2);
    assertThat(receiver.clientReports().get(0).discarded())
        .containsExactly(
            new ReceivedClientReport.Discard("queue_overflow", "error", 2),
            new ReceivedClientReport.Discard("ratelimit_backoff", "transaction", 1));
  }

  @Test
  void separatesEventsFromTransactions() {
    String tx =
        "{\"type\":\"transaction\",\"event_id\":\""
            + EVENT_ID
            + "\",\"transaction\":\"GET /orders/{id}\","
            + "\"start_timestamp\":1748779200.0,\"timestamp\":1748779200.25,"
            + "\"contexts\":{\"trace\":{\"trace_id\":\""
            + Envelopes.TRACE_ID
            + "\",\"span_id\":\"a0cfbde2bdff3adc\"}},"
            + "\"spans\":[{\"span_id\":\"b01b9f6349558cd1\",\"op\":\"db.query\"}]}";
    poster.post(
        receiver.endpoint(),
        envelope(Envelopes.eventHeader(), item("{\"type\":\"transaction\"}", tx)));
    poster.post(receiver.endpoint(), eventEnvelope("error"));

    List<ReceivedEvent> transactions = receiver.awaitTransactions(1, WAIT);

    assertThat(transactions)
        .singleElement()
        .satisfies(
            t -> {
              assertThat(t.transaction()).isEqualTo("GET /orders/{id}");
              assertThat(t.spanId()).isEqualTo("a0cfbde2bdff3adc");
              assertThat(t.spans())
                  .extracting(s -> s.path("op").asText())
                  .containsExactly("db.query");
            });
    assertThat(receiver.events()).extracting(ReceivedEvent::message).containsExactly("error");
    assertThat(receiver.awaitEnvelopes(2, WAIT)).hasSize(2);
  }

  @Test
  void snapshotsCannotChangeWhatWasStored() {
    poster.post(receiver.endpoint(), eventEnvelope("original"));

    ReceivedEvent event = receiver.events().get(0);
    ((com.fasterxml.jackson.databind.node.ObjectNode) event.json()).remove("logentry");

    assertThat(receiver.events().get(0).message()).isEqualTo("original");
    assertThatThrownBy(() -> receiver.events().add(event))
        .isInstanceOf(UnsupportedOperationException.class);
  }

  @Test
  void clearForgetsEverything() {
    poster.post(receiver.endpoint(), eventEnvelope("x"));
    poster.post(receiver.endpoint(), "broken");
    receiver.clear();

    assertThat(receiver.envelopes()).isEmpty();
    assertThat(receiver.events()).isEmpty();
    assertThat(receiver.malformed()).isEmpty();
    assertThat(receiver.requestCount()).isZero();
  }

  @Test
  void runsOnDaemonThreads() {
    poster.post(receiver.endpoint(), eventEnvelope("x"));

    assertThat(Thread.getAllStackTraces().keySet())
        .filteredOn(
            t ->
                t.getName().startsWith("sentry-receiver-") || t.getName().equals("HTTP-Dispatcher"))
        .isNotEmpty()
        .allSatisfy(t -> assertThat(t.isDaemon()).as(t.getName()).isTrue());
  }
}
