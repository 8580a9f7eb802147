package dev.sentry4j.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Samples used heap every {@value #PERIOD_MILLIS} ms on a daemon thread and keeps the highest
 * value, and the CPU time of every thread every 100 ms ({@link ThreadCpu}). A sampled peak can miss
 * a spike between two samples; it is the same for every variant, which is what a comparison needs.
 *
 * <p>Thread-safe: the peak is atomic; {@link #close()} may be called from any thread.
 */
final class HeapSampler implements AutoCloseable {

  static final long PERIOD_MILLIS = 5;

  private final MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
  private final AtomicLong peak = new AtomicLong();
  private final ThreadCpu threadCpu = new ThreadCpu();
  private final Thread thread;
  private volatile boolean running = true;

  private HeapSampler() {
    thread = new Thread(this::loop, "bench-heap-sampler");
    thread.setDaemon(true);
  }

  /** Starts sampling. */
  static HeapSampler start() {
    HeapSampler sampler = new HeapSampler();
    sampler.sample();
    sampler.thread.start();
    return sampler;
  }

  /** The highest used-heap sample so far, in bytes. */
  long peakBytes() {
    sample();
    return peak.get();
  }

  @Override
  public void close() throws InterruptedException {
    running = false;
    thread.interrupt();
    thread.join(1_000);
  }

  /** CPU time per thread name so far (threads that ended count with their last sample). */
  String threadCpuSummary() {
    return threadCpu.summary();
  }

  private void loop() {
    for (long i = 0; running; i++) {
      sample();
      if (i % 20 == 0) { // every 100 ms
        threadCpu.sample();
      }
      try {
        Thread.sleep(PERIOD_MILLIS);
      } catch (InterruptedException e) {
        return;
      }
    }
  }

  private void sample() {
    long used = memory.getHeapMemoryUsage().getUsed();
    peak.accumulateAndGet(used, Math::max);
  }
}
