package dev.sentry4j.internal.transport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.sentry4j.internal.SdkInfo;
import dev.sentry4j.internal.json.EnvelopeWriter;
import dev.sentry4j.options.Dsn;
import dev.sentry4j.testing.ChildJvm;
import dev.sentry4j.testing.ReceivedEnvelope;
import dev.sentry4j.testing.Response;
import dev.sentry4j.testing.SentryReceiver;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * {@link Http11Sender} against the real {@link SentryReceiver} (the JDK's HTTP/1.1 server) and its
 * fault modes: what Sentry received, over how many connections, and what the SDK was told.
 */
@Timeout(120)
class Http11SenderTest {
  private static final Duration WAIT = Duration.ofSeconds(30);
  private static final String SECRET = "s3cr3tpart";

  private SentryReceiver receiver;
  private final List<HttpSender> senders = new ArrayList<>();

  @BeforeEach
  void start() {
    receiver = SentryReceiver.start();
  }

  @AfterEach
  void stop() {
    senders.forEach(HttpSender::close);
    receiver.close();
  }

  @Test
  void manyEnvelopesGoOverFewKeptAliveConnections() throws Exception {
    Http11Sender sender = sender(4, Duration.ofSeconds(10));
    for (int round = 0; round < 50; round++) { // 4 at a time, as the SDK's sender would
      List<CompletableFuture<HttpResult>> answers = new ArrayList<>();
      for (int i = 0; i < 4; i++) {
        answers.add(sender.sendAsync(envelope("event " + round + "/" + i)));
      }
      for (CompletableFuture<HttpResult> answer : answers) {
        assertThat(answer.get(30, TimeUnit.SECONDS).getStatus()).isEqualTo(200);
      }
    }

    assertThat(receiver.awaitEvents(200, WAIT)).hasSize(200);
    assertThat(receiver.malformed()).isEmpty();
    assertThat(receiver.connectionCount()).isBetween(1, 4);
    assertThat(sender.connectionsOpened()).isEqualTo(receiver.connectionCount());
    assertThat(sender.connectionsOpen()).isBetween(1, 4);
    ReceivedEnvelope first = receiver.envelopes().get(0);
    assertThat(first.requestHeader("Content-Encoding")).isEqualTo("gzip");
    assertThat(first.requestHeader("Content-Type")).isEqualTo("application/x-sentry-envelope");
    assertThat(first.requestHeader("User-Agent")).isEqualTo(SdkInfo.USER_AGENT);
    assertThat(first.requestHeader("X-Sentry-Auth"))
        .startsWith("Sentry sentry_version=7,sentry_client=" + SdkInfo.USER_AGENT)
        .contains("sentry_key=" + SentryReceiver.PUBLIC_KEY);
  }

  @Test
  void aChunkedAnswerIsReadAndTheConnectionKept() throws Exception {
    receiver.respondWith(Response.status(200).body("{\"id\":\"chunked\"}").chunked());
    Http11Sender sender = sender(2, Duration.ofSeconds(10));
    for (int i = 0; i < 5; i++) {
      assertThat(sender.send(envelope("chunked " + i)).getStatus()).isEqualTo(200);
    }
    assertThat(receiver.awaitEvents(5, WAIT)).hasSize(5);
    assertThat(receiver.connectionCount()).isEqualTo(1);

    receiver.respondWith(
        Response.status(413).body("{\"detail\":\"envelope exceeded size limits\"}").chunked());
    HttpResult refused = sender.send(envelope("too big"));
    assertThat(refused.getStatus()).isEqualTo(413);
    assertThat(refused.getBody()).isEqualTo("{\"detail\":\"envelope exceeded size limits\"}");
    assertThat(receiver.connectionCount()).isEqualTo(1);
  }

  @Test
  void anAnswerSayingConnectionCloseIsNotReused() throws Exception {
    receiver.respondWith(Response.status(200).header("Connection", "close"));
    Http11Sender sender = sender(2, Duration.ofSeconds(10));
    for (int i = 0; i < 3; i++) {
      assertThat(sender.send(envelope("closing " + i)).getStatus()).isEqualTo(200);
    }
    assertThat(receiver.awaitEvents(3, WAIT)).hasSize(3);
    assertThat(receiver.connectionCount()).isEqualTo(3);
    assertThat(sender.connectionsOpen()).isZero();
  }

  @Test
  void aPooledConnectionTheServerClosedIsRetriedOnceOnANewOne() throws Exception {
    Http11Sender sender = sender(2, Duration.ofSeconds(10));
    assertThat(sender.send(envelope("before the restart")).getStatus()).isEqualTo(200);
    assertThat(sender.connectionsOpen()).isEqualTo(1);
    int port = receiver.port();
    receiver.close(); // closes the idle connection the sender keeps
    receiver = SentryReceiver.start(port);

    HttpResult result = sender.send(envelope("after the restart"));

    assertThat(result.getStatus()).isEqualTo(200);
    assertThat(receiver.awaitEvents(1, WAIT).get(0).message()).isEqualTo("after the restart");
    assertThat(receiver.requestCount()).isEqualTo(1); // not sent twice
    assertThat(sender.connectionsOpened()).isEqualTo(2);
  }

  @Test
  void idleConnectionsAreClosedAfterTheIdleTimeout() throws Exception {
    Http11Sender sender =
        track(
            new Http11Sender(
                receiver.endpoint(),
                JdkHttpSender.authHeader(Dsn.parse(receiver.dsn())),
                Duration.ofSeconds(5),
                Duration.ofSeconds(10),
                true,
                4,
                Duration.ofMillis(200)));
    assertThat(sender.send(envelope("one")).getStatus()).isEqualTo(200);
    await().atMost(WAIT).until(() -> sender.connectionsOpen() == 0);
    assertThat(sender.send(envelope("two")).getStatus()).isEqualTo(200);
    assertThat(receiver.connectionCount()).isEqualTo(2);
  }

  @Test
  void aTricklingSuccessHitsTheDeadlineCountsAsDeliveredAndFreesTheConnection() throws Exception {
    receiver.trickle(Duration.ofSeconds(1)); // a 41-byte {"id":...} would take 41 s
    Http11Sender sender = sender(1, Duration.ofSeconds(3)); // headers in time on a busy machine
    long start = System.nanoTime();

    HttpResult result = sender.sendAsync(envelope("trickled")).get(30, TimeUnit.SECONDS);

    long tookMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
    assertThat(result.getStatus()).isEqualTo(200); // Sentry stored it: not sent again
    assertThat(tookMillis).isLessThan(20_000); // the deadline (3 s), not the trickle (41 s)
    assertThat(sender.connectionsOpen()).isZero(); // the half-read connection is dropped
    assertThat(receiver.awaitEvents(1, WAIT)).hasSize(1);

    receiver.trickle(Duration.ZERO); // the slot is free: the next one goes through at once
    assertThat(sender.send(envelope("next")).getStatus()).isEqualTo(200);
    assertThat(receiver.awaitEvents(2, WAIT)).hasSize(2);
  }

  @Test
  void theJdkSenderCutsATricklingBodyAtTheDeadlineToo() throws Exception {
    receiver.trickle(Duration.ofSeconds(1));
    JdkHttpSender sender =
        track(
            new JdkHttpSender(
                receiver.endpoint(),
                JdkHttpSender.authHeader(Dsn.parse(receiver.dsn())),
                Duration.ofSeconds(5),
                Duration.ofSeconds(3), // the cold JDK client needs time for the headers
                true));
    long start = System.nanoTime();

    HttpResult result = sender.sendAsync(envelope("trickled")).get(30, TimeUnit.SECONDS);

    assertThat(result.getStatus()).isEqualTo(200);
    assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start)).isLessThan(20_000);
    assertThat(receiver.awaitEvents(1, WAIT)).hasSize(1);
  }

  @Test
  void refusalsKeepTheirHeadersAndTheStartOfTheirBody() throws Exception {
    receiver.enqueueResponses(
        Response.status(429)
            .header("Retry-After", "60")
            .header("X-Sentry-Rate-Limits", "60:error:key"),
        Response.status(413).body("{\"detail\":\"" + "x".repeat(2000) + "\"}"),
        Response.status(503));
    Http11Sender sender = sender(1, Duration.ofSeconds(10));

    HttpResult limited = sender.send(envelope("limited"));
    HttpResult tooLarge = sender.send(envelope("too large"));
    HttpResult down = sender.send(envelope("down"));

    assertThat(limited.getStatus()).isEqualTo(429);
    assertThat(limited.getRetryAfter()).isEqualTo("60");
    assertThat(limited.getRateLimits()).isEqualTo("60:error:key");
    assertThat(tooLarge.getStatus()).isEqualTo(413);
    assertThat(tooLarge.getBody()).hasSize(512).startsWith("{\"detail\":\"xxx");
    assertThat(down.getStatus()).isEqualTo(503);
    assertThat(down.isSuccess()).isFalse();
    assertThat(receiver.connectionCount()).isEqualTo(1); // refusals keep the connection too
  }

  @Test
  void closeCutsARequestInFlightAndEndsTheThreads() throws Exception {
    receiver.stall();
    Set<Thread> before = httpThreads();
    Http11Sender sender = sender(2, Duration.ofSeconds(60));
    CompletableFuture<HttpResult> answer = sender.sendAsync(envelope("stalled"));
    await().atMost(WAIT).until(() -> receiver.requestCount() >= 1);
    long start = System.nanoTime();

    sender.close();

    assertThat(answer)
        .failsWithin(Duration.ofSeconds(5))
        .withThrowableOfType(ExecutionException.class)
        .withCauseInstanceOf(IOException.class)
        .withMessageContaining("closed");
    assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start)).isLessThan(5_000);
    await().atMost(WAIT).until(() -> before.containsAll(httpThreads()));
    assertThat(sender.connectionsOpen()).isZero();
    assertThat(sender.sendAsync(envelope("after close"))).isCompletedExceptionally();
  }

  @Test
  void aReadTimeoutFailsTheRequestWithoutARetry() {
    receiver.stall();
    Http11Sender sender = sender(1, Duration.ofMillis(300));

    assertThat(sender.sendAsync(envelope("stalled")))
        .failsWithin(WAIT)
        .withThrowableOfType(ExecutionException.class)
        .withCauseInstanceOf(java.net.SocketTimeoutException.class);
    receiver.unstall();
    assertThat(receiver.requestCount()).isEqualTo(1);
  }

  @Test
  void aWriteToAServerThatDoesNotReadEndsAtTheDeadline() throws Exception {
    try (ServerSocket deaf = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
      Http11Sender sender =
          track(
              new Http11Sender(
                  "http://127.0.0.1:" + deaf.getLocalPort() + "/api/1/envelope/",
                  null,
                  ms(5000),
                  ms(500),
                  false,
                  1));
      byte[] large = new byte[64 * 1024 * 1024]; // more than any socket buffers take
      long start = System.nanoTime();

      assertThat(sender.sendAsync(large))
          .failsWithin(WAIT)
          .withThrowableOfType(ExecutionException.class)
          .withCauseInstanceOf(java.net.SocketTimeoutException.class);
      assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start)).isLessThan(20_000);
      assertThat(sender.connectionsOpen()).isZero();
    }
  }

  @Test
  void noFailureNamesTheDsnKeyOrSecret() {
    String dsn = "http://" + SentryReceiver.PUBLIC_KEY + ":" + SECRET + "@127.0.0.1:";
    List<Throwable> failures = new ArrayList<>();
    // refused
    Http11Sender refused =
        track(new Http11Sender(Dsn.parse(dsn + ChildJvm.freePort() + "/1"), ms(2000), ms(2000), 1));
    failures.add(failure(refused.sendAsync(envelope("refused"))));
    // timed out
    receiver.stall();
    Http11Sender slow =
        track(new Http11Sender(Dsn.parse(dsn + receiver.port() + "/1"), ms(2000), ms(300), 1));
    failures.add(failure(slow.sendAsync(envelope("timed out"))));
    // cut by close
    CompletableFuture<HttpResult> cut = slow.sendAsync(envelope("cut"));
    await().atMost(WAIT).until(() -> receiver.requestCount() >= 2);
    slow.close();
    failures.add(failure(cut));

    assertThat(failures).hasSize(3).doesNotContainNull();
    for (Throwable failure : failures) {
      StringWriter text = new StringWriter();
      failure.printStackTrace(new PrintWriter(text));
      assertThat(text.toString()).doesNotContain(SECRET).doesNotContain("sentry_key");
    }
  }

  @Test
  void theFactoryPicksHttp11ForHttpAndTheJdkClientForHttps() {
    HttpSender plain =
        track(HttpSenders.forUrl(receiver.endpoint(), null, ms(1000), ms(1000), true, 2));
    HttpSender tls =
        track(
            HttpSenders.forUrl(
                "https://127.0.0.1:1/api/1/envelope/", null, ms(1000), ms(1000), true, 2));
    assertThat(plain).isInstanceOf(Http11Sender.class);
    assertThat(tls).isInstanceOf(JdkHttpSender.class);
  }

  private static Throwable failure(CompletableFuture<HttpResult> answer) {
    try {
      answer.get(30, TimeUnit.SECONDS);
      return null;
    } catch (ExecutionException e) {
      return e.getCause();
    } catch (Exception e) {
      return e;
    }
  }

  private static Set<Thread> httpThreads() {
    return Thread.getAllStackTraces().keySet().stream()
        .filter(t -> t.isAlive() && t.getName().startsWith("sentry4j-http-"))
        .collect(Collectors.toSet());
  }

  private Http11Sender sender(int maxConnections, Duration readTimeout) {
    return track(
        new Http11Sender(
            Dsn.parse(receiver.dsn()), Duration.ofSeconds(5), readTimeout, maxConnections));
  }

  private <T extends HttpSender> T track(T sender) {
    senders.add(sender);
    return sender;
  }

  private static Duration ms(long millis) {
    return Duration.ofMillis(millis);
  }

  private static byte[] envelope(String message) {
    return EnvelopeWriter.write(Envelopes.event(message), null);
  }
}
