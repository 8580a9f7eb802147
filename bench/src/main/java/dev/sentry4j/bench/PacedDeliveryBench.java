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
 * sink's own threads' share (left out of {@code cpu_ms}), the logging thread's CPU time, and (on
 * Linux) how much of the measured part the JIT compilers and the GC threads used. Run the floor
 * ({@code none}) with the same N and pace: (variant − floor) ÷ delivered is what the SDK costs the
 * process per event. One JVM per run (the SDKs are global).
 *
 * <p>The measured part must see the steady state. Methods that run once per event reach C2 only
 * after some 10,000 events, and a warm-up of 6,000 lines left the JIT at a third of the measured
 * part's CPU (both SDKs; sentry-java's per-event figure halves once it is warm). So the warm-up is
 * {@code -Dpaced.warmup} lines (default {@value #DEFAULT_WARMUP}): all but the last {@code
 * -Dpaced.warmupTail} (default 10 s worth at the measured pace) at {@code -Dpaced.warmupPerSecond}
 * (default {@value #DEFAULT_WARMUP_PACE}, never below the measured pace), the tail at the measured
 * pace, so that the SDK's threads are in their steady rhythm when measuring starts. A quiet second
 * splits the fast part, as one separates the warm-up from the measured part: the SDK's threads go
 * idle and wake again there first, and what that deoptimizes is compiled again before measuring
 * starts (with the quiet second just before the tail, sentry4j's intake worker, compiled while
 * always busy, was deoptimized there and compiled again by C2 14 s later, in the measured part).
 * The faster pace must stay below what each SDK delivers (at 2,000/s on a loaded machine sentry4j
 * overflowed and dropped part of the warm-up, which trains the JIT on paths the measured part does
 * not take, and its client reports then count in the measured part); nothing of the warm-up is
 * counted. With the defaults a run of 12,000 lines at 400/s takes about 75 s (30 s + 10 s of
 * warm-up). The {@code jit_cpu_ms} of the {@code PACED} line says whether the warm-up was long
 * enough (a few hundred ms; 2.9 s after a warm-up of 6,000 lines).
 *
 * <pre>
 * {@code java -Xmx512m -cp benchmarks.jar dev.sentry4j.bench.PacedDeliveryBench sentry4j 12000 400}
 * </pre>
 */
public final class PacedDeliveryBench {
  /** Warm-up lines by default: enough for C2 to have compiled the per-event methods. */
  static final int DEFAULT_WARMUP = 28_000;

  /** The pace of the warm-up's first part by default (lines a second). */
  static final int DEFAULT_WARMUP_PACE = 800;

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
        // warm up (not counted): mostly faster than the measured pace, so that the JIT is done
        // with every per-event method in reasonable time, then at the measured pace, so that the
        // SDK's threads are in their steady rhythm when the measured part starts; then settle
        int warmup = Integer.getInteger("paced.warmup", DEFAULT_WARMUP);
        int warmupPerSecond =
            Math.max(perSecond, Integer.getInteger("paced.warmupPerSecond", DEFAULT_WARMUP_PACE));
        int tail = Math.min(warmup, Integer.getInteger("paced.warmupTail", 10 * perSecond));
        int fast = warmup - tail;
        pace(logger, orderId, fast / 2, warmupPerSecond);
        // a quiet second, as before the measured part: the SDK's threads go idle and wake again
        // in the warm-up, and the JIT recompiles what that deoptimized before measuring starts
        sink.awaitQuiet(1_000, 10_000);
        pace(logger, orderId, fast - fast / 2, warmupPerSecond);
        pace(logger, orderId, tail, perSecond);
        sink.awaitQuiet(1_000, 10_000);
        long jitBefore = JvmThreadCpu.jit();
        long gcBefore = JvmThreadCpu.gc();
        long deliveredBefore = sink.events();
        long reportedBefore = sink.discardedErrorsReported();
        ThreadCpu cpu = new ThreadCpu();
        long sinkBefore = cpu.total(ThreadCpu::isSink);
        java.util.Map<String, Long> threadsBefore = cpu.byName();
        long processBefore = os.getProcessCpuTime();
        long callerBefore = threads.getCurrentThreadCpuTime();
        pace(logger, orderId, n, perSecond);
        long callerCpu = threads.getCurrentThreadCpuTime() - callerBefore;
        sink.awaitQuiet(1_000, 20_000);
        long processCpu = os.getProcessCpuTime() - processBefore;
        long jitCpu = jitBefore < 0 ? -1_000_000 : JvmThreadCpu.jit() - jitBefore;
        long gcCpu = gcBefore < 0 ? -1_000_000 : JvmThreadCpu.gc() - gcBefore;
        long sinkCpu = cpu.total(ThreadCpu::isSink) - sinkBefore;
        long delivered = sink.events() - deliveredBefore;
        long reported = sink.discardedErrorsReported() - reportedBefore;
        String threadSummary = cpu.summary(threadsBefore);
        context.stop();
        System.out.println(
            String.format(
                Locale.ROOT,
                "PACED variant=%s n=%d per_second=%d delivered=%d reported_dropped=%d"
                    + " cpu_ms=%.1f sink_cpu_ms=%.1f caller_cpu_ms=%.1f"
                    + " cpu_per_line_us=%.2f caller_cpu_per_line_us=%.2f"
                    + " jit_cpu_ms=%.0f gc_cpu_ms=%.0f",
                variant.id,
                n,
                perSecond,
                delivered,
                reported,
                (processCpu - sinkCpu) / 1e6,
                sinkCpu / 1e6,
                callerCpu / 1e6,
                (processCpu - sinkCpu) / 1e3 / n,
                callerCpu / 1e3 / n,
                jitCpu / 1e6,
                gcCpu / 1e6));
        System.out.println("threads " + variant.id + " (measured part): " + threadSummary);
      } finally {
        variant.shutDown();
        BenchDsn.uninstall();
      }
    }
    System.exit(0);
  }

  /** Logs {@code n} ERROR lines with fresh exceptions, {@code perSecond} of them a second. */
  private static void pace(Logger logger, String orderId, int n, int perSecond) {
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
  }
}
