package dev.sentry4j.internal.transport;

import dev.sentry4j.Sentry;
import dev.sentry4j.client.ClientStats;
import dev.sentry4j.event.Level;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * The child JVM of {@link SpoolRecoveryTest}: captures errors while Sentry cannot be reached,
 * prints their ids, says {@code SPOOLED} once they are all on disk, then waits to be killed.
 */
public final class SpoolingChild {
  private SpoolingChild() {}

  /**
   * Runs the child.
   *
   * @param args DSN, cache directory, number of errors
   */
  public static void main(String[] args) throws InterruptedException {
    String dsn = args[0];
    String cacheDir = args[1];
    int count = Integer.parseInt(args[2]);
    Sentry.init(o -> o.setDsn(dsn).setCacheDirPath(cacheDir).setAttachStacktrace(false));
    for (int i = 0; i < count; i++) {
      System.out.println("ID " + Sentry.captureMessage("from the child " + i, Level.ERROR));
    }
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
    ClientStats stats = Sentry.getClient().getStats();
    while (stats.getSpooled() < count || stats.getQueued() > 0) {
      if (System.nanoTime() - deadline > 0) {
        System.out.println("TIMEOUT " + stats);
        break;
      }
      LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(10));
      stats = Sentry.getClient().getStats();
    }
    System.out.println("SPOOLED " + stats);
    System.out.flush();
    new CountDownLatch(1).await(); // until killed
  }
}
