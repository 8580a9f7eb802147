package dev.sentry4j.exit;

import dev.sentry4j.Sentry;
import dev.sentry4j.testing.ExitTimeScenario;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A short-lived application using the core API whose Sentry is down or never answers exits within 3
 * s of its last line (the bound; the time measured is printed), and its events are on disk:
 * the next start, with Sentry back, sends all of them ({@link ExitTimeScenario}).
 */
@Timeout(120)
class ExitTimeTest {
  @TempDir Path cacheDir;
  private ExitTimeScenario scenario;

  @BeforeEach
  void setUp() {
    scenario =
        new ExitTimeScenario(
            "core API",
            ExitChild.class,
            cacheDir,
            List.of("-Djava.io.tmpdir=" + cacheDir),
            dsn -> Sentry.init(o -> o.setDsn(dsn).setCacheDirPath(cacheDir.toString())));
  }

  @AfterEach
  void tearDown() {
    Sentry.close();
    scenario.close();
  }

  @Test
  void exitsAtOnceWhenSentryIsDownAndTheNextStartSendsEverything() {
    scenario.sentryDown();
  }

  @Test
  void exitsInTimeWhenSentryNeverAnswersAndTheNextStartSendsEverything() {
    scenario.sentryNeverAnswers();
  }
}
