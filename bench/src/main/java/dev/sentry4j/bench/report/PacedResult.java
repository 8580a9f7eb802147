package dev.sentry4j.bench.report;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * One {@code PACED key=value ...} line printed by {@code PacedDeliveryBench}: N ERROR lines at a
 * pace every variant delivers in full, after a warm-up (mostly faster, its end at the same pace).
 *
 * @param variant the variant id
 * @param n the lines measured
 * @param perSecond the pace
 * @param delivered error events that reached the sink in the measured part
 * @param reportedDropped error events reported as dropped in client reports
 * @param cpuPerLineMicros the process's CPU per line (all threads but the sink's, GC and JIT in)
 * @param callerCpuPerLineMicros the logging thread's CPU per line
 */
record PacedResult(
    String variant,
    int n,
    int perSecond,
    long delivered,
    long reportedDropped,
    double cpuPerLineMicros,
    double callerCpuPerLineMicros) {

  static final String PREFIX = "PACED ";

  /** Reads every {@code PACED} line of a file, ignoring other lines. */
  static List<PacedResult> read(Path file) throws IOException {
    List<PacedResult> results = new ArrayList<>();
    for (String line : Files.readAllLines(file)) {
      if (line.startsWith(PREFIX)) {
        results.add(parse(line));
      }
    }
    return results;
  }

  /** Parses one {@code PACED} line, naming the missing key if it is incomplete. */
  static PacedResult parse(String line) {
    KeyValueLine kv = new KeyValueLine(PREFIX, line);
    return new PacedResult(
        kv.get("variant"),
        Integer.parseInt(kv.get("n")),
        Integer.parseInt(kv.get("per_second")),
        Long.parseLong(kv.get("delivered")),
        Long.parseLong(kv.get("reported_dropped")),
        Double.parseDouble(kv.get("cpu_per_line_us")),
        Double.parseDouble(kv.get("caller_cpu_per_line_us")));
  }
}
