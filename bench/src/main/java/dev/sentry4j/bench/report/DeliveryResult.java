package dev.sentry4j.bench.report;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

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
    Map<String, String> kv = new HashMap<>();
    for (String token : line.substring(PREFIX.length()).trim().split("\\s+")) {
      int eq = token.indexOf('=');
      if (eq > 0) {
        kv.put(token.substring(0, eq), token.substring(eq + 1));
      }
    }
    return new DeliveryResult(
        get(kv, "variant", line),
        Integer.parseInt(get(kv, "n", line)),
        Long.parseLong(get(kv, "delivered", line)),
        Long.parseLong(get(kv, "reported_dropped", line)),
        Long.parseLong(kv.getOrDefault("spooled", "0")),
        Long.parseLong(get(kv, "lost_unreported", line)),
        Double.parseDouble(get(kv, "burst_ms", line)),
        Double.parseDouble(kv.getOrDefault("gc_ms", "0")),
        Double.parseDouble(get(kv, "stop_ms", line)),
        Double.parseDouble(get(kv, "drain_ms", line)),
        Double.parseDouble(get(kv, "quiet_ms", line)),
        Boolean.parseBoolean(get(kv, "drained", line)),
        Double.parseDouble(get(kv, "peak_heap_mb", line)),
        Double.parseDouble(get(kv, "heap_start_mb", line)),
        Double.parseDouble(kv.getOrDefault("live_after_burst_mb", "NaN")));
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

  private static String get(Map<String, String> kv, String key, String line) {
    String value = kv.get(key);
    if (value == null) {
      throw new IllegalArgumentException("DELIVERY line lacks '" + key + "': " + line);
    }
    return value;
  }
}
