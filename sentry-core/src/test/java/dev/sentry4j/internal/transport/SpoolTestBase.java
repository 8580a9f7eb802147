package dev.sentry4j.internal.transport;

import dev.sentry4j.Sentry;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;

/**
 * The set-up the spool tests share: a temporary {@code cacheDir}, and what a test opens (receivers,
 * pipelines) closed after it, newest first, then the SDK.
 */
abstract class SpoolTestBase {
  @TempDir Path cacheDir;
  private final List<AutoCloseable> toClose = new ArrayList<>();

  @AfterEach
  void closeAll() throws Exception {
    for (int i = toClose.size() - 1; i >= 0; i--) {
      toClose.get(i).close();
    }
    Sentry.close();
  }

  /** Closes {@code c} after the test. */
  <T extends AutoCloseable> T open(T c) {
    toClose.add(c);
    return c;
  }
}
