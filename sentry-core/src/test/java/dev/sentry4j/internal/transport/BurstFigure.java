package dev.sentry4j.internal.transport;

import dev.sentry4j.Sentry;
import dev.sentry4j.client.ClientStats;
import dev.sentry4j.clientreport.DiscardReason;
import dev.sentry4j.options.SentryOptions;
import dev.sentry4j.testing.SentryReceiver;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * The burst figure of the delivery issue, as a program (not a test: it measures): 10,000 errors
 * captured as fast as one thread can, then a normal shutdown with the default options, against the
 * local receiver. Prints captured / delivered / reported dropped / left on disk, what the next
 * start delivers, and the peak heap. Run: {@code java -cp <test classpath>
 * dev.sentry4j.internal.transport.BurstFigure [count [maxQueueSize [maxCacheItems]]]}.
 */
public final class BurstFigure {
  private BurstFigure() {}

  /**
   * Runs the measurement.
   *
   * @param args optional count (default 10000), maxQueueSize and maxCacheItems (default: defaults)
   */
  public static void main(String[] args) throws Exception {
    int count = args.length > 0 ? Integer.parseInt(args[0]) : 10_000;
    int maxQueueSize =
        args.length > 1 ? Integer.parseInt(args[1]) : SentryOptions.DEFAULT_MAX_QUEUE_SIZE;
    int maxCacheItems =
        args.length > 2 ? Integer.parseInt(args[2]) : SentryOptions.DEFAULT_MAX_CACHE_ITEMS;
    Consumer<SentryOptions.Builder> options =
        o -> o.setMaxQueueSize(maxQueueSize).setMaxCacheItems(maxCacheItems);
    Path cacheDir = Files.createTempDirectory("sentry4j-burst");
    MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
    try (SentryReceiver receiver = SentryReceiver.start()) {
      System.gc();
      long baseline = memory.getHeapMemoryUsage().getUsed();
      AtomicLong peak = new AtomicLong(baseline);
      AtomicBoolean sampling = new AtomicBoolean(true);
      Thread sampler =
          new Thread(
              () -> {
                while (sampling.get()) {
                  peak.accumulateAndGet(memory.getHeapMemoryUsage().getUsed(), Math::max);
                  LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(2));
                }
              },
              "heap-sampler");
      sampler.setDaemon(true);
      sampler.start();

      Sentry.init(
          o -> options.accept(o.setDsn(receiver.dsn()).setCacheDirPath(cacheDir.toString())));
      long start = System.nanoTime();
      int accepted = 0;
      for (int i = 0; i < count; i++) {
        if (!Sentry.captureException(new IllegalStateException("burst " + i)).isEmpty()) {
          accepted++;
        }
      }
      long captureMillis = (System.nanoTime() - start) / 1_000_000;
      ClientStats atShutdown = Sentry.getClient().getStats();
      long closeStart = System.nanoTime();
      Sentry.close(); // the normal shutdown: shutdownTimeout (2 s)
      long closeMillis = (System.nanoTime() - closeStart) / 1_000_000;
      sampling.set(false);
      sampler.join();

      long delivered = DeliveryFaultTest.acceptedEventIds(receiver).size();
      long reported = reportedErrors(receiver);
      System.out.printf(
          "maxQueueSize=%d maxCacheItems=%d%ncaptured=%d in %d ms (accepted %d); close took %d ms%n"
              + "at shutdown: delivered=%d reported-dropped=%d%n",
          maxQueueSize,
          maxCacheItems,
          count,
          captureMillis,
          accepted,
          closeMillis,
          delivered,
          reported);
      System.out.printf(
          "peak heap=%d MiB (baseline %d MiB); stats before close %s%n",
          peak.get() >> 20, baseline >> 20, atShutdown);

      Sentry.init(
          o -> options.accept(o.setDsn(receiver.dsn()).setCacheDirPath(cacheDir.toString())));
      boolean flushed = Sentry.flush(Duration.ofSeconds(120));
      Sentry.close();
      long deliveredAfter = DeliveryFaultTest.acceptedEventIds(receiver).size();
      long reportedAfter = reportedErrors(receiver);
      System.out.printf(
          "after the next start (flushed=%s): delivered=%d reported-dropped=%d"
              + " delivered+reported=%d of %d%n",
          flushed, deliveredAfter, reportedAfter, deliveredAfter + reportedAfter, count);
    } finally {
      try (Stream<Path> files = Files.walk(cacheDir)) {
        files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      }
    }
  }

  private static long reportedErrors(SentryReceiver receiver) {
    long n = 0;
    for (DiscardReason r : DiscardReason.values()) {
      n += receiver.discarded(r.wireName(), "error");
    }
    return n;
  }
}
