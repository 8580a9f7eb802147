package dev.sentry4j.bench.profile;

import java.lang.management.ManagementFactory;
import java.lang.management.OperatingSystemMXBean;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.openjdk.jmh.infra.BenchmarkParams;
import org.openjdk.jmh.infra.IterationParams;
import org.openjdk.jmh.profile.InternalProfiler;
import org.openjdk.jmh.results.AggregationPolicy;
import org.openjdk.jmh.results.IterationResult;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.ScalarResult;

/**
 * A JMH profiler that reports CPU time per operation next to JMH's wall-clock score, because on a
 * shared machine the wall clock also counts the time other processes hold the cores, while CPU time
 * counts only what the code did:
 *
 * <ul>
 *   <li>{@code cpu.caller.norm}: CPU time of the benchmark's own threads (JMH's workers, the
 *       threads that log) per op: the caller-thread cost;
 *   <li>{@code cpu.process.norm}: CPU time of the whole JVM per op: the caller's, plus the SDK's
 *       worker (serializing, sending), GC and JIT.
 * </ul>
 *
 * Use with {@code -prof dev.sentry4j.bench.profile.CpuTimeProfiler}. Like JMH's GC profiler, it
 * divides by every op of the iteration (its timed part and the synchronization around it).
 */
public final class CpuTimeProfiler implements InternalProfiler {

  private static final String WORKER_MARK = "-jmh-worker-";

  private final ThreadMXBean threads = ManagementFactory.getThreadMXBean();
  private final OperatingSystemMXBean os = ManagementFactory.getOperatingSystemMXBean();
  private Map<Long, Long> workersBefore = new HashMap<>();
  private long processBefore;

  /** Created by JMH in the forked JVM. */
  public CpuTimeProfiler() {
    if (!threads.isThreadCpuTimeSupported()) {
      throw new IllegalStateException("This JVM cannot measure thread CPU time");
    }
    if (!threads.isThreadCpuTimeEnabled()) {
      threads.setThreadCpuTimeEnabled(true);
    }
  }

  @Override
  public String getDescription() {
    return "CPU time per op: of the benchmark threads (cpu.caller.norm) and of the whole JVM"
        + " (cpu.process.norm)";
  }

  @Override
  public void beforeIteration(BenchmarkParams benchmarkParams, IterationParams iterationParams) {
    workersBefore = workerCpu();
    processBefore = processCpu();
  }

  @Override
  public Collection<? extends Result> afterIteration(
      BenchmarkParams benchmarkParams, IterationParams iterationParams, IterationResult result) {
    long process = processCpu() - processBefore;
    long caller = 0;
    for (Map.Entry<Long, Long> worker : workerCpu().entrySet()) {
      // A worker made during the iteration counts from its start.
      caller += worker.getValue() - workersBefore.getOrDefault(worker.getKey(), 0L);
    }
    long ops = result.getMetadata().getAllOps();
    List<Result> out = new ArrayList<>();
    if (ops > 0) {
      out.add(
          new ScalarResult(
              "cpu.caller.norm", (double) caller / ops, "ns/op", AggregationPolicy.AVG));
      if (process >= 0) {
        out.add(
            new ScalarResult(
                "cpu.process.norm", (double) process / ops, "ns/op", AggregationPolicy.AVG));
      }
    }
    return out;
  }

  private Map<Long, Long> workerCpu() {
    Map<Long, Long> cpu = new HashMap<>();
    for (Thread t : Thread.getAllStackTraces().keySet()) {
      if (t.getName().contains(WORKER_MARK)) {
        @SuppressWarnings("deprecation") // Thread.getId(): threadId() needs Java 19
        long id = t.getId();
        long ns = threads.getThreadCpuTime(id);
        if (ns >= 0) {
          cpu.put(id, ns);
        }
      }
    }
    return cpu;
  }

  private long processCpu() {
    if (os instanceof com.sun.management.OperatingSystemMXBean) {
      return ((com.sun.management.OperatingSystemMXBean) os).getProcessCpuTime();
    }
    return -1;
  }
}
