package dev.sentry4j.internal.transport;

import dev.sentry4j.Sentry;
import dev.sentry4j.client.ClientStats;
import dev.sentry4j.event.SentryId;
import dev.sentry4j.internal.OutOfMemory;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The child JVM of {@link DurabilityTest}, with default options but the DSN and {@code
 * cacheDirPath}. Two modes:
 *
 * <ul>
 *   <li>{@code stress <dsn> <dir> <count> <threads>}: captures {@code count} errors from {@code
 *       threads} threads, then prints {@code RESULT} with the out-of-memory errors that reached the
 *       caller and that the SDK absorbed, and whether the SDK's threads are alive, then closes.
 *   <li>{@code burst <dsn> <dir> <count>}: captures {@code count} errors, prints {@code BURST},
 *       then {@code DURABLE} once everything accepted was sent or has a copy on disk (the time it
 *       took is the window a kill would lose), then waits to be killed.
 * </ul>
 */
public final class DurabilityChild {
  private DurabilityChild() {}

  /**
   * Runs the child.
   *
   * @param args the mode and its arguments
   */
  public static void main(String[] args) throws Exception {
    String dsn = args[1];
    String dir = args[2];
    int count = Integer.parseInt(args[3]);
    if (args[0].equals("burst")) {
      Pipeline p =
          Pipeline.start(
              dsn,
              java.nio.file.Path.of(dir),
              o -> o.setAttachStacktrace(true),
              DeliveryTuning.DEFAULT,
              null);
      long accepted = capture(count, 0);
      long start = System.nanoTime();
      System.out.println("BURST accepted=" + accepted);
      System.out.flush();
      while (!p.transport.isDurable() && System.nanoTime() - start < 60_000_000_000L) {
        java.util.concurrent.locks.LockSupport.parkNanos(1_000_000);
      }
      System.out.println("DURABLE after " + (System.nanoTime() - start) / 1_000_000 + " ms");
      System.out.flush();
      new CountDownLatch(1).await(); // until killed
      return;
    }
    Sentry.init(o -> o.setDsn(dsn).setCacheDirPath(dir));
    int threads = Integer.parseInt(args[4]);
    AtomicLong oomOut = new AtomicLong();
    List<Thread> workers = new ArrayList<>();
    for (int t = 0; t < threads; t++) {
      int offset = t * (count / threads);
      Thread w =
          new Thread(
              () -> {
                for (int i = 0; i < count / threads; i++) {
                  try {
                    capture(1, offset + i);
                  } catch (OutOfMemoryError e) {
                    oomOut.incrementAndGet();
                  }
                }
              },
              "app-" + t);
      workers.add(w);
      w.start();
    }
    for (Thread w : workers) {
      w.join();
    }
    boolean alive = sdkThreadsAlive();
    ClientStats stats = Sentry.getClient().getStats();
    long start = System.nanoTime();
    Sentry.close();
    System.out.println(
        "RESULT oomOut="
            + oomOut.get()
            + " oomAbsorbed="
            + OutOfMemory.count()
            + " sdkThreadsAlive="
            + alive
            + " closeMillis="
            + (System.nanoTime() - start) / 1_000_000
            + " stats="
            + stats);
    System.out.flush();
  }

  private static long capture(int n, int first) {
    long accepted = 0;
    for (int i = first; i < first + n; i++) {
      Exception e =
          new IllegalStateException(
              "order " + i + " failed", new java.io.IOException("connection reset " + i));
      if (!SentryId.EMPTY.equals(Sentry.captureException(e))) {
        accepted++;
      }
    }
    return accepted;
  }

  private static boolean sdkThreadsAlive() {
    boolean worker = false;
    boolean sender = false;
    for (Thread t : Thread.getAllStackTraces().keySet()) {
      worker |= t.getName().equals("sentry4j-worker") && t.isAlive();
      sender |= t.getName().equals("sentry4j-sender") && t.isAlive();
    }
    return worker && sender;
  }
}
