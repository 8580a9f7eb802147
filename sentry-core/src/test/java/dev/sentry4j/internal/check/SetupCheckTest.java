package dev.sentry4j.internal.check;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import dev.sentry4j.options.SentryOptions;
import dev.sentry4j.testing.ReceivedEvent;
import dev.sentry4j.testing.Response;
import dev.sentry4j.testing.SentryReceiver;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The setup check against a real loopback receiver: what it prints for a sent event, a refused key,
 * a rate limit, a port nobody listens on, a malformed DSN, no DSN, and Spotlight; never the key.
 */
class SetupCheckTest {
  private SentryReceiver receiver;
  private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
  private final PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);

  @BeforeEach
  void start() {
    receiver = SentryReceiver.start();
  }

  @AfterEach
  void stop() {
    receiver.close();
  }

  /** The check with the options a user would have: none but the arguments. */
  private int check(String... args) {
    return SetupCheck.run(List.of(args), SentryOptions::builder, out);
  }

  private String printed() {
    return bytes.toString(StandardCharsets.UTF_8);
  }

  @Test
  void aDsnThatWorksSendsOneEventAndSaysItsId() {
    int status = check("--dsn", receiver.dsn());

    List<ReceivedEvent> events = receiver.awaitEvents(1, Duration.ofSeconds(10));
    assertThat(events).hasSize(1);
    ReceivedEvent event = events.get(0);
    assertThat(event.level()).isEqualTo("info");
    assertThat(event.message()).startsWith("sentry4j setup check from ");
    assertThat(event.tags()).containsEntry("sentry4j.check", "true");
    // sent as the SDK sends: compressed, with the SDK's auth header
    assertThat(event.envelope().requestHeader("Content-Encoding")).isEqualTo("gzip");
    assertThat(event.envelope().requestHeader("X-Sentry-Auth"))
        .contains("sentry_client=sentry4j.java/");
    assertThat(receiver.malformed()).isEmpty();

    assertThat(status).isEqualTo(SetupCheck.SENT);
    assertThat(printed())
        .contains("OK: Sentry accepted the test event " + event.eventId() + " (HTTP 200, ")
        .contains("project " + SentryReceiver.PROJECT_ID)
        .contains("http://***@127.0.0.1:" + receiver.port() + "/" + SentryReceiver.PROJECT_ID)
        .doesNotContain(SentryReceiver.PUBLIC_KEY);
  }

  @Test
  void aWrongKeyIsRefusedWithRelaysReasonAndTheKeyIsNotPrinted() {
    String wrongKey = "0123456789abcdef0123456789abcdef";
    String dsn = receiver.dsn().replace(SentryReceiver.PUBLIC_KEY + "@", wrongKey + "@");

    int status = check("--dsn", dsn);

    assertThat(status).isEqualTo(SetupCheck.NOT_SENT);
    assertThat(receiver.events()).isEmpty();
    // the receiver, like Relay, explains the refusal in {"detail": ...}; it names the key it got
    assertThat(receiver.malformed()).anySatisfy(line -> assertThat(line).contains(wrongKey));
    assertThat(printed())
        .contains("REFUSED: Sentry answered HTTP 401: wrong sentry_key '***'")
        .contains("Client Keys (DSN)")
        .doesNotContain(wrongKey);
  }

  @Test
  void aRateLimitSaysTheDsnIsFine() {
    receiver.respondWith(Response.status(429).header("Retry-After", "60"));

    int status = check("--dsn", receiver.dsn());

    assertThat(status).isEqualTo(SetupCheck.NOT_SENT);
    assertThat(printed())
        .contains("RATE-LIMITED: Sentry answered HTTP 429 (retry after 60 s)")
        .contains("The DSN and the network are fine");
  }

  @Test
  void aPortNobodyListensOnIsUnreachableWithTheCause() throws IOException {
    int closedPort;
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      closedPort = socket.getLocalPort();
    }
    String dsn = "http://" + SentryReceiver.PUBLIC_KEY + "@127.0.0.1:" + closedPort + "/1";

    int status = check("--dsn", dsn);

    assertThat(status).isEqualTo(SetupCheck.NOT_SENT);
    assertThat(printed())
        .contains(
            "UNREACHABLE: could not connect to 127.0.0.1:" + closedPort + ": refused or closed (")
        .contains("ConnectException")
        .contains("check the DSN's host and port")
        .doesNotContain(SentryReceiver.PUBLIC_KEY);
  }

  @Test
  void aMalformedDsnIsNamedWithoutItsKey() {
    int status = check("--dsn", "https://secretkey123@o1.ingest.sentry.io/");

    assertThat(status).isEqualTo(SetupCheck.NOTHING_TO_CHECK);
    assertThat(printed())
        .contains("CONFIGURATION: ")
        .contains("project id")
        .doesNotContain("secretkey123");
    assertThat(receiver.requestCount()).isZero();
  }

  @Test
  void noDsnSaysWhereOneCanBeSet() {
    int status = check();

    assertThat(status).isEqualTo(SetupCheck.NOTHING_TO_CHECK);
    assertThat(printed()).contains("NO DSN: nothing to check").contains("SENTRY_DSN");
    assertThat(receiver.requestCount()).isZero();
  }

  @Test
  void optionsFromTheEnvironmentAreUsedAndArgumentsWin() {
    String wrongKey = "fedcba9876543210fedcba9876543210";
    String wrongDsn = receiver.dsn().replace(SentryReceiver.PUBLIC_KEY + "@", wrongKey + "@");

    int status =
        SetupCheck.run(
            List.of("--dsn", receiver.dsn()),
            () -> SentryOptions.builder().setDsn(wrongDsn).setEnvironment("staging"),
            out);

    assertThat(status).isEqualTo(SetupCheck.SENT);
    ReceivedEvent event = receiver.awaitEvents(1, Duration.ofSeconds(10)).get(0);
    assertThat(event.json().get("environment").asText()).isEqualTo("staging");
  }

  @Test
  void spotlightGetsTheSameEnvelope() throws IOException {
    List<String> bodies = new CopyOnWriteArrayList<>();
    HttpServer spotlight =
        HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    spotlight.createContext(
        "/stream",
        exchange -> {
          bodies.add(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
          exchange.sendResponseHeaders(200, -1);
          exchange.close();
        });
    spotlight.start();
    try {
      String url = "http://127.0.0.1:" + spotlight.getAddress().getPort() + "/stream";

      int status = check("--dsn", receiver.dsn(), "--spotlight=" + url);

      assertThat(status).isEqualTo(SetupCheck.SENT);
      ReceivedEvent event = receiver.awaitEvents(1, Duration.ofSeconds(10)).get(0);
      assertThat(bodies).hasSize(1);
      assertThat(bodies.get(0)).contains("\"event_id\":\"" + event.eventId() + "\"");
      assertThat(printed())
          .contains("OK: Spotlight at " + url + " received the test event (HTTP 200");
    } finally {
      spotlight.stop(0);
    }
  }

  @Test
  void anUnknownArgumentPrintsTheUsage() {
    int status = check("--dns", "https://k@h/1");

    assertThat(status).isEqualTo(SetupCheck.NOTHING_TO_CHECK);
    assertThat(printed()).contains("Unknown argument '--dns'").contains("usage: java -jar");
  }
}
