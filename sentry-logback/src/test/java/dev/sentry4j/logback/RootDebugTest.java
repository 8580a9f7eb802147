package dev.sentry4j.logback;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.BasicConfigurator;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.joran.JoranConfigurator;
import dev.sentry4j.Sentry;
import dev.sentry4j.testing.SentryReceiver;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The application's own Logback at root DEBUG (the default context that every library's SLF4J
 * logger writes to): the SDK's HTTP traffic adds no line with the DSN key or secret, and at most a
 * few bytes per envelope; a fresh JVM prints no SLF4J warning at start.
 */
@Timeout(180)
class RootDebugTest {
  /** Errors sent per case (the issue says 1,000; fewer keeps the loaded build fast). */
  static final int ERRORS = 400;

  /** SDK-caused log bytes allowed per envelope (measured: 0). */
  static final int MAX_SDK_BYTES_PER_ENVELOPE = 100;

  static final String SECRET = "s3cr3tvalue9f";
  private static final Duration WAIT = Duration.ofSeconds(90);

  private SentryReceiver receiver;
  private final PrintStream originalOut = System.out;

  @BeforeEach
  void start() {
    receiver = SentryReceiver.start();
  }

  @AfterEach
  void stop() throws Exception {
    Sentry.close();
    System.setOut(originalOut);
    LoggerContext context = defaultContext();
    context.reset();
    JoranConfigurator quiet = new JoranConfigurator();
    quiet.setContext(context);
    quiet.doConfigure(RootDebugTest.class.getResource("/logback-test.xml"));
    // an adapter stop closes in the background: let that finish while the receiver answers, so
    // its warnings cannot reach the next test
    Sentry.awaitBackgroundClose(java.time.Duration.ofSeconds(30));
    receiver.close();
  }

  @Test
  void withALogbackXmlNoLineCarriesTheKeyAndTheSdkAddsNothing() throws Exception {
    LoggerContext context = defaultContext();
    context.reset();
    context.putProperty("SENTRY_TEST_DSN", dsnWithSecret(receiver));
    JoranConfigurator configurator = new JoranConfigurator();
    configurator.setContext(context);
    configurator.doConfigure(RootDebugTest.class.getResource("/logback-root-debug.xml"));
    MemoryAppender all =
        (MemoryAppender) context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME).getAppender("ALL");
    Logger app = LoggerFactory.getLogger("com.shop.Checkout");

    for (int i = 0; i < ERRORS; i++) {
      app.error("order {} failed", i, new IllegalStateException("boom " + i));
    }
    receiver.awaitEvents(ERRORS, WAIT);
    assertThat(Sentry.flush(WAIT)).isTrue();

    assertSdkQuiet(all.lines(), "ERROR com.shop.Checkout - order ");
  }

  @Test
  void withoutALogbackXmlTheDefaultConsoleConfigurationGetsNoSdkLines() {
    ByteArrayOutputStream console = new ByteArrayOutputStream();
    System.setOut(new PrintStream(console, true, StandardCharsets.UTF_8));
    LoggerContext context = defaultContext();
    context.reset();
    new BasicConfigurator().configure(context); // what Logback does when it finds no file: DEBUG
    Sentry.init(o -> o.setDsn(dsnWithSecret(receiver)));
    Logger app = LoggerFactory.getLogger("com.shop.Checkout");

    for (int i = 0; i < ERRORS; i++) {
      IllegalStateException e = new IllegalStateException("boom " + i);
      app.error("order {} failed", i);
      Sentry.captureException(e);
    }
    receiver.awaitEvents(ERRORS, WAIT);
    assertThat(Sentry.flush(WAIT)).isTrue();

    List<String> lines =
        console.toString(StandardCharsets.UTF_8).lines().collect(Collectors.toList());
    assertSdkQuiet(lines, "com.shop.Checkout -- order ");
  }

  /** A new JVM whose logback.xml puts root at DEBUG: nothing on stderr starts with SLF4J. */
  @Test
  void aFreshJvmPrintsNoSlf4jWarningAtStart() throws Exception {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    String classpath =
        System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
    Process child =
        new ProcessBuilder(
                java,
                "-cp",
                classpath,
                "-Dlogback.configurationFile="
                    + Path.of(RootDebugTest.class.getResource("/logback-root-debug.xml").toURI()),
                "-DSENTRY_TEST_DSN=" + dsnWithSecret(receiver),
                Child.class.getName())
            .start();
    String stderr = new String(child.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
    String stdout = new String(child.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(child.waitFor(60, TimeUnit.SECONDS)).isTrue();

    assertThat(child.exitValue()).as(stdout + stderr).isZero();
    receiver.awaitEvents(1, WAIT);
    assertThat(stderr.lines()).as(stderr).noneMatch(l -> l.startsWith("SLF4J"));
    assertThat(stdout + stderr).doesNotContain(SECRET).doesNotContain(SentryReceiver.PUBLIC_KEY);
  }

  /** The child JVM: logs one error through the Sentry appender, flushes, exits. */
  public static final class Child {
    public static void main(String[] args) {
      LoggerFactory.getLogger("com.shop.Checkout").error("failed", new IllegalStateException("x"));
      Sentry.flush(Duration.ofSeconds(30));
      ((LoggerContext) LoggerFactory.getILoggerFactory()).stop();
    }
  }

  private void assertSdkQuiet(List<String> lines, String appLine) {
    int envelopes = receiver.envelopes().size();
    List<String> withKey =
        lines.stream()
            .filter(l -> l.contains(SentryReceiver.PUBLIC_KEY) || l.contains(SECRET))
            .collect(Collectors.toList());
    List<String> sdkLines =
        lines.stream().filter(l -> !l.contains(appLine)).collect(Collectors.toList());
    long sdkBytes =
        sdkLines.stream().mapToLong(l -> l.getBytes(StandardCharsets.UTF_8).length + 1).sum();
    System.out.printf(
        "root DEBUG: %d errors, %d envelopes, %d lines, %d with the key, %d SDK bytes per envelope%n",
        ERRORS, envelopes, lines.size(), withKey.size(), envelopes == 0 ? 0 : sdkBytes / envelopes);

    assertThat(lines.stream().filter(l -> l.contains(appLine))).hasSize(ERRORS);
    assertThat(withKey).isEmpty();
    assertThat(envelopes).isGreaterThanOrEqualTo(ERRORS);
    assertThat(sdkBytes / envelopes)
        .as("SDK lines: %s", sdkLines.stream().limit(20).collect(Collectors.toList()))
        .isLessThanOrEqualTo(MAX_SDK_BYTES_PER_ENVELOPE);
  }

  static String dsnWithSecret(SentryReceiver receiver) {
    return receiver.dsn().replace("testkey@", "testkey:" + SECRET + "@");
  }

  private static LoggerContext defaultContext() {
    return (LoggerContext) LoggerFactory.getILoggerFactory();
  }
}
