package dev.sentry4j.log4j2;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sentry4j.Sentry;
import dev.sentry4j.testing.SentryReceiver;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.apache.logging.log4j.LogManager;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * An application on Log4j 2 with SLF4J routed to it (log4j-slf4j2-impl), root at DEBUG, in a fresh
 * JVM: no SLF4J warning at start, no line with the DSN key or secret, and at most a few SDK bytes
 * per envelope in the application's log file.
 */
@Timeout(180)
class RootDebugTest {
  /** Errors sent (the issue says 1,000; fewer keeps the loaded build fast). */
  static final int ERRORS = 400;

  static final int MAX_SDK_BYTES_PER_ENVELOPE = 100;
  static final String SECRET = "s3cr3tvalue9f";
  private static final Duration WAIT = Duration.ofSeconds(90);

  @TempDir Path tmp;

  @Test
  void noSlf4jWarningNoKeyInTheLogAndNothingFromTheSdk() throws Exception {
    try (SentryReceiver receiver = SentryReceiver.start()) {
      Path file = tmp.resolve("app.log");
      String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
      String classpath =
          System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
      Process child =
          new ProcessBuilder(
                  java,
                  "-cp",
                  classpath,
                  "-Dlog4j2.configurationFile="
                      + Path.of(RootDebugTest.class.getResource("/root-debug.xml").toURI()),
                  "-Dsentry.test.dsn="
                      + receiver.dsn().replace("testkey@", "testkey:" + SECRET + "@"),
                  "-Drootdebug.file=" + file,
                  "-Djava.io.tmpdir=" + tmp,
                  Child.class.getName(),
                  String.valueOf(ERRORS))
              .start();
      String stdout = new String(child.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      String stderr = new String(child.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
      assertThat(child.waitFor(120, TimeUnit.SECONDS)).isTrue();
      assertThat(child.exitValue()).as(stdout + stderr).isZero();
      receiver.awaitEvents(ERRORS, WAIT);

      assertThat(stderr.lines()).as(stderr).noneMatch(l -> l.startsWith("SLF4J"));
      List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
      int envelopes = receiver.envelopes().size();
      List<String> withKey =
          lines.stream()
              .filter(l -> l.contains(SentryReceiver.PUBLIC_KEY) || l.contains(SECRET))
              .collect(Collectors.toList());
      List<String> sdkLines =
          lines.stream()
              .filter(l -> !l.startsWith("ERROR com.shop.Checkout - "))
              .collect(Collectors.toList());
      long sdkBytes =
          sdkLines.stream().mapToLong(l -> l.getBytes(StandardCharsets.UTF_8).length + 1).sum();
      System.out.printf(
          "Log4j 2 root DEBUG: %d errors, %d envelopes, %d lines, %d with the key, %d SDK bytes per envelope%n",
          ERRORS, envelopes, lines.size(), withKey.size(), sdkBytes / envelopes);
      assertThat(lines.stream().filter(l -> l.startsWith("ERROR com.shop.Checkout - ")))
          .hasSize(ERRORS);
      assertThat(withKey).isEmpty();
      assertThat(stdout + stderr).doesNotContain(SECRET);
      assertThat(sdkBytes / envelopes)
          .as("SDK lines: %s", sdkLines.stream().limit(20).collect(Collectors.toList()))
          .isLessThanOrEqualTo(MAX_SDK_BYTES_PER_ENVELOPE);
    }
  }

  /** The child JVM: logs errors through SLF4J (routed to Log4j 2), flushes, exits. */
  public static final class Child {
    public static void main(String[] args) {
      org.slf4j.Logger app = org.slf4j.LoggerFactory.getLogger("com.shop.Checkout");
      int n = Integer.parseInt(args[0]);
      for (int i = 0; i < n; i++) {
        app.error("order {} failed", i, new IllegalStateException("boom " + i));
      }
      Sentry.flush(Duration.ofSeconds(90));
      LogManager.shutdown();
    }
  }
}
