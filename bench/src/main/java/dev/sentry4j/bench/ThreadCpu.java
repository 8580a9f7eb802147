package dev.sentry4j.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * CPU time used by the threads of this JVM, grouped by name (numbers dropped), for the delivery
 * bench's diagnostic line: where a burst's work went (the logging thread, the SDK's threads, the
 * sink; GC and JIT threads are not Java threads and are left out). Sampled, so that threads that
 * end before the report (an SDK's workers, at close) still count with their last sample.
 * Thread-safe.
 */
final class ThreadCpu {

  private final ThreadMXBean mx = ManagementFactory.getThreadMXBean();
  private final Map<Long, String> names = new ConcurrentHashMap<>();
  private final Map<Long, Long> cpu = new ConcurrentHashMap<>();

  /** Records the CPU time of every live thread. */
  void sample() {
    for (ThreadInfo info : mx.getThreadInfo(mx.getAllThreadIds())) {
      if (info == null) {
        continue;
      }
      long ns = mx.getThreadCpuTime(info.getThreadId());
      if (ns > 0) {
        names.put(info.getThreadId(), info.getThreadName().replaceAll("[-#]?\\d+$", ""));
        cpu.merge(info.getThreadId(), ns, Math::max);
      }
    }
  }

  /** The CPU time (ns) of the threads whose name (numbers dropped) {@code which} accepts. */
  long total(java.util.function.Predicate<String> which) {
    sample();
    long sum = 0;
    for (Map.Entry<Long, Long> e : cpu.entrySet()) {
      if (which.test(names.get(e.getKey()))) {
        sum += e.getValue();
      }
    }
    return sum;
  }

  /** {@code name=ms, ...} for every thread name that used at least 1 ms, highest first. */
  String summary() {
    return summary(Map.of());
  }

  /** The CPU time (ns) so far per thread name (numbers dropped), summed over same-named threads. */
  Map<String, Long> byName() {
    sample();
    Map<String, Long> byName = new TreeMap<>();
    cpu.forEach((id, ns) -> byName.merge(names.get(id), ns, Long::sum));
    return byName;
  }

  /**
   * Like {@link #summary()}, for the CPU time used since {@code before} (a {@link #byName()} taken
   * earlier).
   */
  String summary(Map<String, Long> before) {
    Map<String, Long> byName = byName();
    byName.replaceAll((name, ns) -> ns - before.getOrDefault(name, 0L));
    StringBuilder out = new StringBuilder();
    byName.entrySet().stream()
        .filter(e -> e.getValue() >= 1_000_000)
        .sorted((a, b) -> Long.compare(b.getValue(), a.getValue()))
        .forEach(
            e ->
                out.append(out.length() == 0 ? "" : ", ")
                    .append(e.getKey())
                    .append('=')
                    .append(String.format(Locale.ROOT, "%,d ms", e.getValue() / 1_000_000)));
    return out.toString();
  }

  /**
   * Whether a thread belongs to the bench's loopback sink (its server and dispatcher threads),
   * whose CPU is left out of the SDK's figures.
   */
  static boolean isSink(String threadName) {
    return threadName != null
        && (threadName.startsWith("bench-loopback-sink")
            || threadName.startsWith("HTTP-Dispatcher"));
  }
}
