package dev.sentry4j.jul;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sentry4j.Sentry;
import dev.sentry4j.testing.SentryReceiver;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogManager;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.logging.SimpleFormatter;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * JUL's root at ALL (the JDK's HTTP client logs through System.Logger, which is JUL by default):
 * the SDK's traffic adds no line with the DSN key or secret, and at most a few bytes per envelope.
 */
@Timeout(180)
class RootDebugTest {
  /** Errors sent (the issue says 1,000; fewer keeps the loaded build fast). */
  static final int ERRORS = 400;

  static final int MAX_SDK_BYTES_PER_ENVELOPE = 100;
  static final String SECRET = "s3cr3tvalue9f";
  private static final Duration WAIT = Duration.ofSeconds(90);

  private SentryReceiver receiver;
  private final List<String> lines = new CopyOnWriteArrayList<>();
  private final Handler everything =
      new Handler() {
        private final SimpleFormatter format = new SimpleFormatter();

        @Override
        public void publish(LogRecord record) {
          lines.add(record.getLoggerName() + " " + format.formatMessage(record));
        }

        @Override
        public void flush() {}

        @Override
        public void close() {}
      };

  @BeforeEach
  void start() {
    receiver = SentryReceiver.start();
  }

  @AfterEach
  void stop() {
    Logger.getLogger("").removeHandler(everything);
    LogManager.getLogManager().reset();
    Sentry.close();
    // an adapter stop closes in the background: let that finish while the receiver answers, so
    // its warnings cannot reach the next test
    Sentry.awaitBackgroundClose(java.time.Duration.ofSeconds(30));
    receiver.close();
  }

  @Test
  void noLineCarriesTheKeyAndTheSdkAddsNothing() {
    JulConfig.load(
        "root-all.properties", receiver.dsn().replace("testkey@", "testkey:" + SECRET + "@"));
    JulConfig.rootHandler(SentryHandler.class);
    everything.setLevel(Level.ALL);
    Logger.getLogger("").addHandler(everything);
    Logger app = Logger.getLogger("com.shop.Checkout");

    for (int i = 0; i < ERRORS; i++) {
      app.log(Level.SEVERE, "order " + i + " failed", new IllegalStateException("boom " + i));
    }
    receiver.awaitEvents(ERRORS, WAIT);
    assertThat(Sentry.flush(WAIT)).isTrue();

    int envelopes = receiver.envelopes().size();
    List<String> withKey =
        lines.stream()
            .filter(l -> l.contains(SentryReceiver.PUBLIC_KEY) || l.contains(SECRET))
            .collect(Collectors.toList());
    List<String> sdkLines =
        lines.stream()
            .filter(l -> !l.startsWith("com.shop.Checkout "))
            .collect(Collectors.toList());
    long sdkBytes =
        sdkLines.stream().mapToLong(l -> l.getBytes(StandardCharsets.UTF_8).length + 1).sum();
    System.out.printf(
        "JUL root ALL: %d errors, %d envelopes, %d lines, %d with the key, %d SDK bytes per envelope%n",
        ERRORS, envelopes, lines.size(), withKey.size(), sdkBytes / envelopes);
    assertThat(lines.stream().filter(l -> l.startsWith("com.shop.Checkout "))).hasSize(ERRORS);
    assertThat(withKey).isEmpty();
    assertThat(sdkBytes / envelopes)
        .as("SDK lines: %s", sdkLines.stream().limit(20).collect(Collectors.toList()))
        .isLessThanOrEqualTo(MAX_SDK_BYTES_PER_ENVELOPE);
  }

  @Test
  void anInvalidDsnsKeyAndSecretAreInNoErrorReport() {
    RecordingErrorManager errors = new RecordingErrorManager();
    String stderr =
        JulConfig.captureStderr(
            () -> {
              JulConfig.load("root-all.properties", "https://pubkey77:sekrit77@o1.ingest.example/");
              SentryHandler handler = new SentryHandler();
              handler.setErrorManager(errors);
              Logger.getLogger("com.shop").severe("after a bad DSN");
              handler.close();
            });

    assertThat(stderr + errors.reports).contains("https://***@o1.ingest.example/");
    assertThat(stderr).doesNotContain("sekrit77").doesNotContain("pubkey77");
    assertThat(errors.reports.toString()).doesNotContain("sekrit77").doesNotContain("pubkey77");
  }
}
