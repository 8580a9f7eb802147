package dev.sentry4j.logs;

import dev.sentry4j.Sentry;
import dev.sentry4j.clientreport.DataCategory;
import dev.sentry4j.clientreport.DiscardReason;
import dev.sentry4j.internal.client.DefaultSentryClient;
import dev.sentry4j.internal.logs.LogBatcher;
import dev.sentry4j.spi.logging.LogCapture;
import dev.sentry4j.spi.logging.LogCaptureSettings;
import dev.sentry4j.spi.logging.LogRecord;
import dev.sentry4j.testing.SentryReceiver;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A burst of INFO lines with Sentry Logs on, through {@link LogCapture} as an adapter would send
 * them, against a local receiver running in a child JVM (so that the heap measured is the SDK's,
 * not the receiver's copies). Prints heap, buffer peaks, delivered and dropped. Not a unit test:
 * run it with the test classpath, e.g. with {@code -Xmx32m} to show that the heap stays bounded:
 *
 * <pre>
 * java -Xmx32m -cp target/test-classes:target/classes:$(cat cp.txt) dev.sentry4j.logs.LogsBurst 100000
 * </pre>
 */
public final class LogsBurst {
  private LogsBurst() {}

  /**
   * Runs the burst ({@code [lines]}, default 100000), or with {@code receiver} as argument serves
   * as the child receiver.
   */
  public static void main(String[] args) throws Exception {
    if (args.length > 0 && args[0].equals("receiver")) {
      serveReceiver();
      return;
    }
    int lines = args.length > 0 ? Integer.parseInt(args[0]) : 100_000;
    Process child =
        new ProcessBuilder(
                System.getProperty("java.home") + "/bin/java",
                "-cp",
                System.getProperty("java.class.path"),
                LogsBurst.class.getName(),
                "receiver")
            .redirectError(ProcessBuilder.Redirect.INHERIT)
            .start();
    try (BufferedReader in =
            new BufferedReader(
                new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8));
        PrintWriter out = new PrintWriter(child.getOutputStream(), true, StandardCharsets.UTF_8)) {
      String dsn = in.readLine();
      Result r = burst(dsn, lines);
      out.println("count");
      String[] counts = in.readLine().split(" ");
      long delivered = Long.parseLong(counts[0]);
      System.out.printf(
          "lines=%d delivered=%d dropped=%d (buffer_overflow=%d, queue_overflow=%d)"
              + " delivered+dropped=%d%n",
          lines, delivered, r.dropped, r.bufferOverflow, r.queueOverflow, delivered + r.dropped);
      System.out.printf(
          "envelopes=%s malformed=%s elapsed=%d ms (burst %d ms)%n",
          counts[1], counts[2], r.elapsedMillis, r.burstMillis);
      System.out.printf(
          "heap: max=%d MiB, before=%.1f MiB (after GC), peak sampled=%.1f MiB, after=%.1f MiB"
              + " (after GC)%n",
          Runtime.getRuntime().maxMemory() >> 20,
          mib(r.heapBefore),
          mib(r.heapPeak),
          mib(r.heapAfter));
      System.out.printf(
          "batcher peak: %d records, %.1f KiB (bounds %d records, %d KiB)%n",
          r.maxBuffered,
          r.maxBufferedBytes / 1024.0,
          1000,
          LogBatcher.DEFAULT_MAX_BYTES_IN_MEMORY >> 10);
      out.println("quit");
    } finally {
      if (!child.waitFor(10, java.util.concurrent.TimeUnit.SECONDS)) {
        child.destroyForcibly();
      }
    }
  }

  static final class Result {
    long dropped;
    long bufferOverflow;
    long queueOverflow;
    long heapBefore;
    long heapPeak;
    long heapAfter;
    int maxBuffered;
    long maxBufferedBytes;
    long elapsedMillis;
    long burstMillis;
  }

  /** Runs {@code lines} INFO lines through LogCapture with logs on, flushes, closes. */
  static Result burst(String dsn, int lines) throws InterruptedException {
    MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
    Result r = new Result();
    Sentry.init(
        o -> o.setDsn(dsn).setEnableLogs(true).setServerName("burst-1").setRelease("burst@1"));
    DefaultSentryClient client = (DefaultSentryClient) Sentry.getClient();
    LogBatcher batcher = client.getLogBatcher();
    LogCapture capture = new LogCapture(LogCaptureSettings.builder("logback").build());
    System.gc();
    r.heapBefore = memory.getHeapMemoryUsage().getUsed();
    AtomicLong peak = new AtomicLong();
    Thread sampler =
        new Thread(
            () -> {
              while (!Thread.currentThread().isInterrupted()) {
                peak.accumulateAndGet(memory.getHeapMemoryUsage().getUsed(), Math::max);
                try {
                  Thread.sleep(2);
                } catch (InterruptedException e) {
                  return;
                }
              }
            },
            "heap-sampler");
    sampler.setDaemon(true);
    sampler.start();
    long start = System.nanoTime();
    Thread me = Thread.currentThread();
    Map<String, String> mdc = Map.of("tenant", "acme", "request_id", "r-1");
    for (int i = 0; i < lines; i++) {
      capture.capture(
          LogRecord.builder(LogLevel.INFO)
              .loggerName("com.example.Burst")
              .thread(me.getName(), me.getId())
              .template("order {} shipped", List.of(i))
              .formattedMessage("order " + i + " shipped")
              .mdc(mdc)
              .build());
      if ((i & 63) == 0) {
        r.maxBuffered = Math.max(r.maxBuffered, batcher.bufferedCount());
        r.maxBufferedBytes = Math.max(r.maxBufferedBytes, batcher.bufferedBytes());
      }
    }
    r.burstMillis = (System.nanoTime() - start) / 1_000_000;
    Sentry.flush(Duration.ofSeconds(60));
    r.elapsedMillis = (System.nanoTime() - start) / 1_000_000;
    sampler.interrupt();
    sampler.join();
    r.heapPeak = peak.get();
    r.bufferOverflow =
        client.getDiscards().total(DiscardReason.BUFFER_OVERFLOW, DataCategory.LOG_ITEM);
    r.queueOverflow =
        client.getDiscards().total(DiscardReason.QUEUE_OVERFLOW, DataCategory.LOG_ITEM);
    for (DiscardReason reason : DiscardReason.values()) {
      r.dropped += client.getDiscards().total(reason, DataCategory.LOG_ITEM);
    }
    Sentry.close();
    System.gc();
    r.heapAfter = memory.getHeapMemoryUsage().getUsed();
    return r;
  }

  private static void serveReceiver() throws Exception {
    try (SentryReceiver receiver = SentryReceiver.start();
        BufferedReader in =
            new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8))) {
      System.out.println(receiver.dsn());
      System.out.flush();
      String command;
      while ((command = in.readLine()) != null && !command.equals("quit")) {
        if (command.equals("count")) {
          System.out.println(
              receiver.logs().size()
                  + " "
                  + receiver.envelopes().size()
                  + " "
                  + receiver.malformed().size());
          System.out.flush();
        }
      }
    }
  }

  private static double mib(long bytes) {
    return bytes / 1024.0 / 1024.0;
  }
}
