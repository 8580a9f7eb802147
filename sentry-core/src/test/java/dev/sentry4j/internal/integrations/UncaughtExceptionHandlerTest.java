package dev.sentry4j.internal.integrations;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sentry4j.Sentry;
import dev.sentry4j.testing.ReceivedEvent;
import dev.sentry4j.testing.RelaySchema;
import dev.sentry4j.testing.SentryReceiver;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The uncaught exception integration as sentry-java's and Python's excepthook behave: on by
 * default, the event unhandled and fatal, the previous handler (or the JVM's printing) still runs,
 * and Sentry.close() gives the default handler back. Two small child JVMs show it end to end.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class UncaughtExceptionHandlerTest {
  private static final Duration WAIT = Duration.ofSeconds(30);

  @TempDir Path cacheDir;

  @AfterEach
  void closeSentry() {
    Sentry.close();
  }

  @Test
  void aThrowingMainIsReportedAsUnhandledBeforeTheJvmEndsAndThePreviousHandlerRuns()
      throws Exception {
    try (SentryReceiver receiver = SentryReceiver.start()) {
      ChildRun run = runChild("main", receiver);
      assertThat(run.exitCode).as(run.output).isEqualTo(1);
      assertThat(run.output).contains("PREVIOUS main main died");
      ReceivedEvent event = receiver.awaitEvents(1, WAIT).get(0);
      RelaySchema.assertValidEvent(event.json());
      assertUnhandled(event, "java.lang.IllegalStateException", "main died");
      assertThat(event.json().get("sdk").get("integrations").toString())
          .contains("UncaughtExceptionHandler");
    }
  }

  @Test
  void aDyingWorkerThreadIsReportedAndTheJvmStillPrintsItThenCloseRestoresTheHandler()
      throws Exception {
    try (SentryReceiver receiver = SentryReceiver.start()) {
      ChildRun run = runChild("worker", receiver);
      assertThat(run.exitCode).as(run.output).isZero();
      assertThat(run.output)
          .contains(
              "Exception in thread \"worker\" java.lang.IllegalArgumentException: worker died")
          .contains("WORKER JOINED")
          .contains("RESTORED true");
      ReceivedEvent event = receiver.awaitEvents(1, WAIT).get(0);
      assertUnhandled(event, "java.lang.IllegalArgumentException", "worker died");
    }
  }

  @Test
  void initChainsInFrontOfTheApplicationsHandlerOnceAndCloseGivesItBack() {
    Thread.UncaughtExceptionHandler before = Thread.getDefaultUncaughtExceptionHandler();
    Thread.UncaughtExceptionHandler mine = (t, e) -> {};
    Thread.setDefaultUncaughtExceptionHandler(mine);
    try (SentryReceiver receiver = SentryReceiver.start()) {
      Sentry.init(o -> o.setDsn(receiver.dsn()).setCacheDirPath(cacheDir.toString()));
      Sentry.init(o -> o.setDsn(receiver.dsn()).setCacheDirPath(cacheDir.toString()));
      Thread.UncaughtExceptionHandler installed = Thread.getDefaultUncaughtExceptionHandler();
      assertThat(installed).isInstanceOf(UncaughtExceptionHandlerIntegration.class);
      assertThat(((UncaughtExceptionHandlerIntegration) installed).getPrevious())
          .as("a second init does not chain the handler to itself")
          .isSameAs(mine);
      Sentry.close();
      assertThat(Thread.getDefaultUncaughtExceptionHandler()).isSameAs(mine);
    } finally {
      Thread.setDefaultUncaughtExceptionHandler(before);
    }
  }

  @Test
  void theOptionTurnsItOff() {
    Thread.UncaughtExceptionHandler before = Thread.getDefaultUncaughtExceptionHandler();
    try (SentryReceiver receiver = SentryReceiver.start()) {
      Sentry.init(
          o ->
              o.setDsn(receiver.dsn())
                  .setCacheDirPath(cacheDir.toString())
                  .setEnableUncaughtExceptionHandler(false));
      assertThat(Thread.getDefaultUncaughtExceptionHandler()).isSameAs(before);
    }
  }

  private static void assertUnhandled(ReceivedEvent event, String type, String message) {
    assertThat(event.level()).isEqualTo("fatal");
    List<JsonNode> exceptions = event.exceptions();
    JsonNode last = exceptions.get(exceptions.size() - 1);
    assertThat(last.get("module").asText() + "." + last.get("type").asText()).isEqualTo(type);
    assertThat(last.get("value").asText()).isEqualTo(message);
    assertThat(last.get("mechanism").get("type").asText()).isEqualTo("UncaughtExceptionHandler");
    assertThat(last.get("mechanism").get("handled").asBoolean()).isFalse();
  }

  private ChildRun runChild(String mode, SentryReceiver receiver) throws Exception {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    String classpath =
        System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
    Path output = Files.createTempFile(cacheDir, "child", ".txt");
    Process child =
        new ProcessBuilder(
                java,
                "-Xmx64m",
                "-cp",
                classpath,
                UncaughtChild.class.getName(),
                mode,
                receiver.dsn(),
                cacheDir.resolve("spool-" + mode).toString())
            .redirectErrorStream(true)
            .redirectOutput(output.toFile())
            .start();
    if (!child.waitFor(60, TimeUnit.SECONDS)) {
      child.destroyForcibly();
      throw new AssertionError("child JVM did not end: " + Files.readString(output));
    }
    return new ChildRun(child.exitValue(), Files.readString(output, StandardCharsets.UTF_8));
  }

  private static final class ChildRun {
    final int exitCode;
    final String output;

    ChildRun(int exitCode, String output) {
      this.exitCode = exitCode;
      this.output = output;
    }
  }
}
