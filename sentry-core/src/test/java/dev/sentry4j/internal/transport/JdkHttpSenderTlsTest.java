package dev.sentry4j.internal.transport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.zip.GZIPInputStream;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link JdkHttpSender} over HTTPS: a JDK {@code HttpsServer} on 127.0.0.1 with a self-signed key
 * made for this test by the JDK's {@code keytool}, and a TLS context trusting it. The client runs
 * its tasks inline (no executor), and requests wait on the SDK's own threads: this checks that TLS
 * handshakes, many requests in flight at once and answers all work that way, and that the
 * certificate is checked.
 */
@Timeout(120)
class JdkHttpSenderTlsTest {
  private static final String PASSWORD = "changeit";
  private static final Duration TIMEOUT = Duration.ofSeconds(30);

  @TempDir static Path keys;
  private static KeyStore keyStore;

  private HttpsServer server;
  private ExecutorService serverThreads;
  private JdkHttpSender sender;
  private final Set<String> received = ConcurrentHashMap.newKeySet();
  private final AtomicReference<String> auth = new AtomicReference<>();
  private final AtomicReference<String> encoding = new AtomicReference<>();
  private final AtomicInteger requests = new AtomicInteger();
  private volatile CountDownLatch together; // when set, requests wait until this many are in
  private volatile int status = 200;
  private volatile String answerBody = "{}";

  @BeforeAll
  static void makeKey() throws Exception {
    Path store = keys.resolve("server.p12");
    Process keytool =
        new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
                "-genkeypair",
                "-alias",
                "server",
                "-keyalg",
                "EC",
                "-groupname",
                "secp256r1",
                "-dname",
                "CN=localhost",
                "-ext",
                "SAN=ip:127.0.0.1,dns:localhost",
                "-validity",
                "2",
                "-storetype",
                "PKCS12",
                "-keystore",
                store.toString(),
                "-storepass",
                PASSWORD,
                "-keypass",
                PASSWORD)
            .redirectErrorStream(true)
            .start();
    String output = new String(keytool.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(keytool.waitFor(60, TimeUnit.SECONDS)).as("keytool ended").isTrue();
    assertThat(keytool.exitValue()).as("keytool: " + output).isZero();
    keyStore = KeyStore.getInstance("PKCS12");
    try (InputStream in = Files.newInputStream(store)) {
      keyStore.load(in, PASSWORD.toCharArray());
    }
  }

  @BeforeEach
  void startServer() throws Exception {
    KeyManagerFactory keyManagers =
        KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
    keyManagers.init(keyStore, PASSWORD.toCharArray());
    SSLContext serverTls = SSLContext.getInstance("TLS");
    serverTls.init(keyManagers.getKeyManagers(), null, null);
    server =
        HttpsServer.create(
            new InetSocketAddress(InetAddress.getByAddress(new byte[] {127, 0, 0, 1}), 0), 100);
    server.setHttpsConfigurator(new HttpsConfigurator(serverTls));
    serverThreads = Executors.newFixedThreadPool(32);
    server.setExecutor(serverThreads);
    server.createContext("/api/1/envelope/", this::answer);
    server.start();
  }

  @AfterEach
  void stop() {
    if (sender != null) {
      sender.close();
    }
    server.stop(0);
    serverThreads.shutdownNow();
  }

  private void answer(HttpExchange exchange) throws IOException {
    try (exchange) {
      requests.incrementAndGet();
      auth.set(exchange.getRequestHeaders().getFirst("X-Sentry-Auth"));
      encoding.set(exchange.getRequestHeaders().getFirst("Content-Encoding"));
      byte[] body = exchange.getRequestBody().readAllBytes();
      try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(body))) {
        received.add(new String(in.readAllBytes(), StandardCharsets.UTF_8));
      }
      CountDownLatch all = together;
      if (all != null) {
        all.countDown();
        if (!all.await(TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
          exchange.sendResponseHeaders(504, -1);
          return;
        }
      }
      byte[] answer = answerBody.getBytes(StandardCharsets.UTF_8);
      exchange.getResponseHeaders().set("X-Sentry-Rate-Limits", "60:transaction:key");
      exchange.sendResponseHeaders(status, answer.length);
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(answer);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private String url() {
    return "https://127.0.0.1:" + server.getAddress().getPort() + "/api/1/envelope/";
  }

  private static SSLContext trusting(KeyStore store) throws Exception {
    TrustManagerFactory trust =
        TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    trust.init(store);
    SSLContext tls = SSLContext.getInstance("TLS");
    tls.init(null, trust.getTrustManagers(), null);
    return tls;
  }

  private JdkHttpSender trustingSender() throws Exception {
    return new JdkHttpSender(
        url(), "Sentry sentry_key=testkey", TIMEOUT, TIMEOUT, true, trusting(keyStore));
  }

  private static byte[] envelope(int i) {
    String payload = "{\"message\":\"over TLS " + i + "\"}";
    return ("{}\n{\"type\":\"event\",\"length\":" + payload.length() + "}\n" + payload + "\n")
        .getBytes(StandardCharsets.UTF_8);
  }

  @Test
  void manyRequestsInFlightAtOnceOverTlsAreAllAnswered() throws Exception {
    sender = trustingSender();
    int inFlight = 24;
    together = new CountDownLatch(inFlight); // no answer until all 24 are at the server at once
    List<CompletableFuture<HttpResult>> first = new ArrayList<>();
    for (int i = 0; i < inFlight; i++) {
      first.add(sender.sendAsync(envelope(i)));
    }
    for (CompletableFuture<HttpResult> answer : first) {
      HttpResult result = answer.get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
      assertThat(result.getStatus()).isEqualTo(200);
      assertThat(result.getRateLimits()).isEqualTo("60:transaction:key");
    }
    together = null;

    // then waves of requests on the connections kept: no new thread per request
    long threadsBefore = ManagementFactory.getThreadMXBean().getTotalStartedThreadCount();
    int more = 400;
    List<CompletableFuture<HttpResult>> rest = new ArrayList<>();
    for (int i = inFlight; i < inFlight + more; i++) {
      rest.add(sender.sendAsync(envelope(i)));
      if (rest.size() % inFlight == 0) {
        for (CompletableFuture<HttpResult> answer :
            rest.subList(rest.size() - inFlight, rest.size())) {
          assertThat(answer.get(TIMEOUT.toSeconds(), TimeUnit.SECONDS).getStatus()).isEqualTo(200);
        }
      }
    }
    for (CompletableFuture<HttpResult> answer : rest) {
      assertThat(answer.get(TIMEOUT.toSeconds(), TimeUnit.SECONDS).getStatus()).isEqualTo(200);
    }
    long threadsStarted =
        ManagementFactory.getThreadMXBean().getTotalStartedThreadCount() - threadsBefore;

    assertThat(received).hasSize(inFlight + more);
    assertThat(received).contains(new String(envelope(7), StandardCharsets.UTF_8));
    assertThat(auth.get()).isEqualTo("Sentry sentry_key=testkey");
    assertThat(encoding.get()).isEqualTo("gzip");
    // the server's own threads are a fixed pool; the JDK client once started one thread per request
    assertThat(threadsStarted).as("threads started for %d requests", more).isLessThan(more / 4);
  }

  @Test
  void aRefusalOverTlsCarriesItsReason() throws Exception {
    sender = trustingSender();
    status = 401;
    answerBody = "{\"detail\":\"bad key\"}";

    HttpResult result = sender.send(envelope(1));

    assertThat(result.getStatus()).isEqualTo(401);
    assertThat(result.getBody()).isEqualTo("{\"detail\":\"bad key\"}");
  }

  @Test
  void aCertificateNobodyTrustsIsRefusedBeforeAnythingIsSent() throws Exception {
    // a trust store holding some other certificate: the server's self-signed one is not in it
    sender =
        new JdkHttpSender(
            url(), "Sentry sentry_key=testkey", TIMEOUT, TIMEOUT, true, trusting(withNoCa()));

    assertThatThrownBy(() -> sender.sendAsync(envelope(1)).get(60, TimeUnit.SECONDS))
        .isInstanceOf(ExecutionException.class)
        .cause()
        .isInstanceOf(IOException.class);
    assertThat(received).isEmpty();
  }

  /** A trust store with one unrelated certificate: the server's self-signed one is not in it. */
  private static KeyStore withNoCa() throws Exception {
    KeyStore none = KeyStore.getInstance("PKCS12");
    none.load(null, null);
    none.setCertificateEntry("unrelated", unrelatedCertificate());
    return none;
  }

  private static java.security.cert.Certificate unrelatedCertificate() throws Exception {
    // any certificate but the server's: the first of the JDK's own trust store
    KeyStore cacerts = KeyStore.getInstance(KeyStore.getDefaultType());
    try (InputStream in =
        Files.newInputStream(
            Path.of(System.getProperty("java.home"), "lib", "security", "cacerts"))) {
      cacerts.load(in, null);
    }
    String alias = cacerts.aliases().nextElement();
    return cacerts.getCertificate(alias);
  }
}
