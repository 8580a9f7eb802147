package dev.sentry4j.exit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sentry4j.Sentry;
import dev.sentry4j.testing.ChildJvm;
import dev.sentry4j.testing.SentryReceiver;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A short-lived application whose Sentry is down or never answers exits within 3 s of its last line
 * (the bound; the time measured is printed), and its events are on disk: the next start,
 * with Sentry back, sends all of them.
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
    ChildJvm.Result run = runChild(port);
    assertExitedInTime(run, "Sentry down");
    assertTheNextStartSendsAllFive(port);
  }

  @Test
  void exitsInTimeWhenSentryNeverAnswersAndTheNextStartSendsEverything() {
    receiver = SentryReceiver.start();
    receiver.stall();
    int port = receiver.port();
    ChildJvm.Result run = runChild(port);
    assertExitedInTime(run, "Sentry never answers");
    receiver.close();
    receiver = null;
    assertTheNextStartSendsAllFive(port);
  }

  private ChildJvm.Result runChild(int port) {
    return ChildJvm.run(
        ExitChild.class,
        Duration.ofSeconds(60),
        List.of(
            "-Dsentry.dsn=" + dsn(port),
            "-Dsentry.cacheDirPath=" + cacheDir,
            "-Djava.io.tmpdir=" + cacheDir),
        "LAST");
  }

  static void assertExitedInTime(ChildJvm.Result run, String what) {
    System.out.println(
        "core API, " + what + ": exit " + run.millisAfterMarker() + " ms after the last line");
    assertThat(run.exitCode()).as(run.toString()).isZero();
    assertThat(run.millisAfterMarker()).as(run.toString()).isBetween(0L, EXIT_BOUND_MILLIS);
  }

  private void assertTheNextStartSendsAllFive(int port) {
    assertThat(countSpoolFiles()).as("files in the spool").isPositive();
    receiver = SentryReceiver.start(port);
    Sentry.init(o -> o.setDsn(dsn(port)).setCacheDirPath(cacheDir.toString()));
    receiver.awaitCondition(
        "the five events of the last run",
        Duration.ofSeconds(30),
        () -> receiver.events().stream().map(e -> e.eventId()).distinct().count() == 5);
  }

  private long countSpoolFiles() {
    try (var files = Files.walk(cacheDir)) {
      return files.filter(f -> f.getFileName().toString().contains(".spool")).count();
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
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
