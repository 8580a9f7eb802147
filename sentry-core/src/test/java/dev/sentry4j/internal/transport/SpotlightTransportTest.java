package dev.sentry4j.internal.transport;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import dev.sentry4j.Sentry;
import dev.sentry4j.testing.SentryReceiver;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class SpotlightTransportTest {
  private final List<String> spotlightBodies = new CopyOnWriteArrayList<>();
  private final List<String> contentTypes = new CopyOnWriteArrayList<>();
  private HttpServer fakeSpotlight;
  private SentryReceiver sentry;

  @AfterEach
  void stop() {
    Sentry.close();
    if (fakeSpotlight != null) {
      fakeSpotlight.stop(0);
    }
    if (sentry != null) {
      sentry.close();
    }
  }

  private String startFakeSpotlight() throws IOException {
    fakeSpotlight = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    fakeSpotlight.createContext(
        "/stream",
        exchange -> {
          spotlightBodies.add(
              new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
          contentTypes.add(exchange.getRequestHeaders().getFirst("Content-Type"));
          exchange.sendResponseHeaders(200, -1);
          exchange.close();
        });
    fakeSpotlight.start();
    return "http://127.0.0.1:" + fakeSpotlight.getAddress().getPort() + "/stream";
  }

  @Test
  void everyEnvelopeAlsoReachesSpotlightUncompressed() throws IOException {
    sentry = SentryReceiver.start();
    String url = startFakeSpotlight();
    Sentry.init(o -> o.setDsn(sentry.dsn()).setSpotlight(true).setSpotlightUrl(url));
    Sentry.captureMessage("seen twice");
    sentry.awaitEvents(1, Duration.ofSeconds(10));
    sentry.awaitCondition(
        "spotlight copy", Duration.ofSeconds(10), () -> !spotlightBodies.isEmpty());
    assertThat(spotlightBodies.get(0)).contains("\"seen twice\"").contains("\"type\":\"event\"");
    assertThat(contentTypes.get(0)).startsWith("application/x-sentry-envelope");
  }

  @Test
  void copiesQueuedAtCloseStillReachSpotlight() throws IOException {
    sentry = SentryReceiver.start();
    String url = startFakeSpotlight();
    Sentry.init(
        o ->
            o.setDsn(sentry.dsn())
                .setSpotlight(true)
                .setSpotlightUrl(url)
                .setShutdownTimeout(Duration.ofSeconds(10)));
    for (int i = 0; i < 5; i++) {
      Sentry.captureMessage("short-lived " + i);
    }
    Sentry.close(); // a program that ends right away: close waits for the copies too

    assertThat(spotlightBodies).hasSize(5);
    assertThat(sentry.events()).hasSize(5);
  }

  @Test
  void anAbsentSpotlightNeverHoldsUpSentry() throws IOException {
    sentry = SentryReceiver.start();
    int closedPort;
    try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      closedPort = s.getLocalPort();
    }
    Sentry.init(
        o ->
            o.setDsn(sentry.dsn())
                .setSpotlight(true)
                .setSpotlightUrl("http://127.0.0.1:" + closedPort + "/stream"));
    for (int i = 0; i < 5; i++) {
      Sentry.captureMessage("message " + i);
    }
    assertThat(sentry.awaitEvents(5, Duration.ofSeconds(10))).hasSize(5);
  }
}
