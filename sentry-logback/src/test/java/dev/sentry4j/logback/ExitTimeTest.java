package dev.sentry4j.logback;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sentry4j.Sentry;
import dev.sentry4j.testing.ChildJvm;
import dev.sentry4j.testing.SentryReceiver;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A short-lived application logging through Logback whose Sentry is down or never answers exits
 * within 3 s of its last line (the bound; the measured time is printed), and its five
 * errors are on disk: the next start, with Sentry back, sends all of them.
 */
@Timeout(120)
class ExitTimeTest {
  private static final long EXIT_BOUND_MILLIS = 3_000;
  @TempDir Path cacheDir;
  private SentryReceiver receiver;

  @AfterEach
  void tearDown() {
    Sentry.close();
    if (receiver != null) {
      receiver.close();
    }
  }

  @Test
  void exitsAtOnceWhenSentryIsDownAndTheNextStartSendsEverything() {
    int port = ChildJvm.freePort();
    assertExitedInTime(runChild(port), "Sentry down");
    assertTheNextStartSendsAllFive(port);
  }

  @Test
  void exitsInTimeWhenSentryNeverAnswersAndTheNextStartSendsEverything() {
    receiver = SentryReceiver.start();
    receiver.stall();
    int port = receiver.port();
    assertExitedInTime(runChild(port), "Sentry never answers");
    receiver.close();
    receiver = null;
    assertTheNextStartSendsAllFive(port);
  }

  private ChildJvm.Result runChild(int port) {
    List<String> jvm = new ArrayList<>();
    jvm.add("-Dsentry.dsn=" + dsn(port));
    jvm.add("-Dsentry.cacheDirPath=" + cacheDir);
    jvm.add("-Dlogback.configurationFile=logback-exit.xml");
    return ChildJvm.run(ExitChild.class, Duration.ofSeconds(60), jvm, "LAST");
  }

  private static void assertExitedInTime(ChildJvm.Result run, String what) {
    System.out.println(
        "Logback, " + what + ": JVM exit " + run.millisAfterMarker() + " ms after the last line");
    assertThat(run.exitCode()).as(run.toString()).isZero();
    assertThat(run.millisAfterMarker()).as(run.toString()).isBetween(0L, EXIT_BOUND_MILLIS);
  }

  private void assertTheNextStartSendsAllFive(int port) {
    try (Stream<Path> files = Files.walk(cacheDir)) {
      assertThat(files.filter(f -> f.getFileName().toString().contains(".spool")))
          .as("files in the spool")
          .isNotEmpty();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    receiver = SentryReceiver.start(port);
    Sentry.init(o -> o.setDsn(dsn(port)).setCacheDirPath(cacheDir.toString()));
    receiver.awaitCondition(
        "the five errors of the last run",
        Duration.ofSeconds(30),
        () -> receiver.events().stream().map(e -> e.eventId()).distinct().count() == 5);
  }

  private static String dsn(int port) {
    return "http://"
        + SentryReceiver.PUBLIC_KEY
        + "@127.0.0.1:"
        + port
        + "/"
        + SentryReceiver.PROJECT_ID;
  }
}
