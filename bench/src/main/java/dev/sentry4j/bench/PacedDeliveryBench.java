package dev.sentry4j.bench;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import dev.sentry4j.bench.sink.LoopbackSink;
import java.lang.management.ManagementFactory;
import java.util.Locale;
import java.util.concurrent.locks.LockSupport;

/**
 * Whole-process CPU per delivered error event at a pace every variant can deliver in full: N ERROR
 * lines with fresh exceptions through Logback, {@code perSecond} of them a second, then a normal
 * stop and a wait until the sink is quiet. Prints one {@code PACED} line: delivered and reported
 * events, the JVM's CPU time (all threads, GC and JIT included) from the first line to the end, the
 * sink's own threads' share (left out of {@code cpu_ms}), and the logging thread's CPU time. Run
 * the floor ({@code none}) with the same N and pace: (variant − floor) ÷ delivered is what the SDK
 * costs the process per event. One JVM per run (the SDKs are global).
 *
 * <pre>{@code java -cp benchmarks.jar dev.sentry4j.bench.PacedDeliveryBench sentry4j 4000 400}
 * </pre>
 */
public final class PacedDeliveryBench {
  private PacedDeliveryBench() {}

  /**
   * Runs one paced burst.
   *
   * @param args {@code <variant> <N> <perSecond>}
   * @throws Exception if the variant cannot be configured or the sink cannot start
   */
  public static void main(String[] args) throws Exception {
    if (args.length != 3) {
      System.err.println("usage: PacedDeliveryBench <variant> <N> <perSecond>");
      System.exit(2);
    }
    Variant variant = Variant.of(args[0]);
    int n = Integer.parseInt(args[1]);
    int perSecond = Integer.parseInt(args[2]);
    com.sun.management.OperatingSystemMXBean os =
        (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
    java.lang.management.ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    try (LoopbackSink sink = LoopbackSink.start()) {
      BenchDsn.install(sink);
      try {
        LoggerContext context = LogbackSetup.configure(variant);
        Logger logger = context.getLogger(AppLogger.NAME);
        String orderId = "A-1042";
        // warm up the path at the same pace (not counted), then settle
        int warmup = Integer.getInteger("paced.warmup", 200);
        long warmupInterval = 1_000_000_000L / perSecond;
        for (int i = 0; i < warmup; i++) {
          logger.error("payment failed for order {}", orderId, Failures.fresh());
          LockSupport.parkNanos(warmupInterval);
        }
        sink.awaitQuiet(1_000, 10_000);
        long deliveredBefore = sink.events();
        long reportedBefore = sink.discardedErrorsReported();
        ThreadCpu cpu = new ThreadCpu();
        long sinkBefore = cpu.total(ThreadCpu::isSink);
        long processBefore = os.getProcessCpuTime();
        long callerBefore = threads.getCurrentThreadCpuTime();
        long interval = 1_000_000_000L / perSecond;
        long start = System.nanoTime();
        for (int i = 0; i < n; i++) {
          long due = start + i * interval;
          long wait = due - System.nanoTime();
          if (wait > 0) {
            LockSupport.parkNanos(wait);
          }
          logger.error("payment failed for order {}", orderId, Failures.fresh());
        }
        long callerCpu = threads.getCurrentThreadCpuTime() - callerBefore;
        sink.awaitQuiet(1_000, 20_000);
        long processCpu = os.getProcessCpuTime() - processBefore;
        long sinkCpu = cpu.total(ThreadCpu::isSink) - sinkBefore;
        long delivered = sink.events() - deliveredBefore;
        long reported = sink.discardedErrorsReported() - reportedBefore;
        context.stop();
        System.out.println(
            String.format(
                Locale.ROOT,
                "PACED variant=%s n=%d per_second=%d delivered=%d reported_dropped=%d"
                    + " cpu_ms=%.1f sink_cpu_ms=%.1f caller_cpu_ms=%.1f"
                    + " cpu_per_line_us=%.2f caller_cpu_per_line_us=%.2f",
                variant.id,
                n,
                perSecond,
                delivered,
                reported,
                (processCpu - sinkCpu) / 1e6,
                sinkCpu / 1e6,
                callerCpu / 1e6,
                (processCpu - sinkCpu) / 1e3 / n,
                callerCpu / 1e3 / n));
        System.out.println("threads " + variant.id + ": " + cpu.summary());
      } finally {
        variant.shutDown();
        BenchDsn.uninstall();
      }
    }
    System.exit(0);
  }
}
