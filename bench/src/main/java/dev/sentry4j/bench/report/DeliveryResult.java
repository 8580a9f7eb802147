package dev.sentry4j.bench.report;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * One {@code DELIVERY key=value ...} line printed by the delivery bench.
 *
 * @param variant the variant id
 * @param n the burst size (lines logged, all at ERROR with a fresh exception)
 * @param delivered error events that reached the sink
 * @param reportedDropped error events the SDK reported as discarded in client reports
 * @param lostUnreported events neither delivered nor reported
 * @param burstMillis caller-thread time to log the burst
 * @param stopMillis time of {@code LoggerContext.stop()}
 * @param drainMillis wait after the stop until the sink was quiet (includes the quiet period)
 * @param quietMillis the quiet period itself
 * @param drained whether the sink went quiet before the bound
 * @param peakHeapMb sampled peak used heap during burst, stop and drain
 * @param heapStartMb used heap just before the burst
 */
record DeliveryResult(
    String variant,
    int n,
    long delivered,
    long reportedDropped,
    long spooled,
    long lostUnreported,
    double burstMillis,
    double gcMillis,
    double stopMillis,
    double drainMillis,
    double quietMillis,
    boolean drained,
    double peakHeapMb,
    double heapStartMb,
    double liveAfterBurstMb) {

  static final String PREFIX = "DELIVERY ";

  /** Reads every {@code DELIVERY} line of a file, ignoring other lines. */
  static List<DeliveryResult> read(Path file) throws IOException {
    List<DeliveryResult> results = new ArrayList<>();
    for (String line : Files.readAllLines(file)) {
      if (line.startsWith(PREFIX)) {
        results.add(parse(line));
      }
    }
    return results;
  }

  /** Parses one {@code DELIVERY} line, naming the missing key if it is incomplete. */
  static DeliveryResult parse(String line) {
    KeyValueLine kv = new KeyValueLine(PREFIX, line);
    return new DeliveryResult(
        kv.get("variant"),
        Integer.parseInt(kv.get("n")),
        Long.parseLong(kv.get("delivered")),
        Long.parseLong(kv.get("reported_dropped")),
        Long.parseLong(kv.get("spooled", "0")),
        Long.parseLong(kv.get("lost_unreported")),
        Double.parseDouble(kv.get("burst_ms")),
        Double.parseDouble(kv.get("gc_ms", "0")),
        Double.parseDouble(kv.get("stop_ms")),
        Double.parseDouble(kv.get("drain_ms")),
        Double.parseDouble(kv.get("quiet_ms")),
        Boolean.parseBoolean(kv.get("drained")),
        Double.parseDouble(kv.get("peak_heap_mb")),
        Double.parseDouble(kv.get("heap_start_mb")),
        Double.parseDouble(kv.get("live_after_burst_mb", "NaN")));
  }

  /**
   * Delivered events per second of sending: from the first line logged until the last request,
   * which is the drain wait less the quiet period. NaN if the sink never went quiet.
   */
  double deliveredPerSecond() {
    if (!drained || delivered == 0) {
      return Double.NaN;
    }
    double sendingMillis =
        burstMillis + gcMillis + stopMillis + Math.max(0, drainMillis - quietMillis);
    return sendingMillis <= 0 ? Double.NaN : delivered * 1000.0 / sendingMillis;
  }
}
