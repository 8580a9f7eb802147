package dev.sentry4j.bench;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import dev.sentry4j.bench.sink.LoopbackSink;
import java.lang.management.ManagementFactory;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * What an idle SDK costs the process: the JVM's CPU time over {@code seconds} in which nothing is
 * logged, after the SDK was set up through Logback and, with {@code burst} greater than 0, after
 * that many ERROR lines (400 a second) were delivered and two seconds passed. Run the floor ({@code
 * none}) the same way: the difference is the SDK's idle cost (its threads must wait, not poll).
 * Prints one {@code IDLE} line and the threads' CPU time before and after the idle time.
 *
 * <pre>{@code java -cp benchmarks.jar dev.sentry4j.bench.IdleCpuBench sentry4j 400 30}</pre>
 */
public final class IdleCpuBench {
  private IdleCpuBench() {}

  /**
   * Runs one idle measurement.
   *
   * @param args {@code <variant> <burst> <seconds>}
   * @throws Exception if the variant cannot be configured or the sink cannot start
   */
  public static void main(String[] args) throws Exception {
    if (args.length != 3) {
      System.err.println("usage: IdleCpuBench <variant> <burst> <seconds>");
      System.exit(2);
    }
    Variant variant = Variant.of(args[0]);
    int burst = Integer.parseInt(args[1]);
    int seconds = Integer.parseInt(args[2]);
    com.sun.management.OperatingSystemMXBean os =
        (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
    try (LoopbackSink sink = LoopbackSink.start()) {
      BenchDsn.install(sink);
      try {
        LoggerContext context = LogbackSetup.configure(variant);
        Logger logger = context.getLogger(AppLogger.NAME);
        long interval = TimeUnit.SECONDS.toNanos(1) / 400;
        for (int i = 0; i < burst; i++) {
          logger.error("payment failed for order {}", "A-1042", Failures.fresh());
          LockSupport.parkNanos(interval);
        }
        if (burst > 0) {
          sink.awaitQuiet(1_000, 20_000);
        }
        LockSupport.parkNanos(TimeUnit.SECONDS.toNanos(2));
        ThreadCpu cpu = new ThreadCpu();
        long sinkBefore = cpu.total(ThreadCpu::isSink);
        String threadsBefore = cpu.summary();
        long before = os.getProcessCpuTime();
        long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        for (long left; (left = until - System.nanoTime()) > 0; ) {
          LockSupport.parkNanos(left);
        }
        long used = os.getProcessCpuTime() - before;
        long sinkUsed = cpu.total(ThreadCpu::isSink) - sinkBefore;
        String threadsAfter = cpu.summary();
        context.stop();
        System.out.println(
            String.format(
                Locale.ROOT,
                "IDLE variant=%s burst=%d seconds=%d cpu_ms=%.1f sink_cpu_ms=%.1f"
                    + " cpu_ms_per_second=%.3f",
                variant.id,
                burst,
                seconds,
                (used - sinkUsed) / 1e6,
                sinkUsed / 1e6,
                (used - sinkUsed) / 1e6 / seconds));
        System.out.println("threads before idle " + variant.id + ": " + threadsBefore);
        System.out.println("threads after idle  " + variant.id + ": " + threadsAfter);
      } finally {
        variant.shutDown();
        BenchDsn.uninstall();
      }
    }
    System.exit(0);
  }
}
