package dev.sentry4j.bench.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One JMH result: a benchmark method with one set of parameters, its average time and, when run
 * with {@code -prof gc}, its allocation per operation.
 *
 * @param benchClass simple name of the benchmark class, e.g. {@code LogbackBench}
 * @param method the benchmark method
 * @param variant the {@code variant} parameter, or null if the benchmark has none
 * @param otherParams the remaining parameters, {@code k=v} comma-separated, or empty
 * @param score the primary score
 * @param error the 99.9% half-width JMH reports (NaN with too few iterations)
 * @param unit the primary score's unit, e.g. {@code ns/op}
 * @param bytesPerOp {@code gc.alloc.rate.norm} in B/op, or NaN without {@code -prof gc}
 * @param callerCpuNanos CPU time of the benchmark threads per op ({@code cpu.caller.norm}), or NaN
 *     without the bench's {@code CpuTimeProfiler}
 * @param processCpuNanos CPU time of the whole JVM per op ({@code cpu.process.norm}), or NaN
 */
record JmhResult(
    String benchClass,
    String method,
    String variant,
    String otherParams,
    double score,
    double error,
    String unit,
    double bytesPerOp,
    double callerCpuNanos,
    double processCpuNanos) {

  /** The parameter that selects the appender set-up. */
  static final String VARIANT_PARAM = "variant";

  /** Reads JMH's JSON result file ({@code -rf json}). */
  static List<JmhResult> read(Path file) throws IOException {
    JsonNode root = new ObjectMapper().readTree(file.toFile());
    List<JmhResult> results = new ArrayList<>();
    for (JsonNode run : root) {
      String benchmark = run.path("benchmark").asText();
      int lastDot = benchmark.lastIndexOf('.');
      String qualifiedClass = benchmark.substring(0, lastDot);
      String benchClass = qualifiedClass.substring(qualifiedClass.lastIndexOf('.') + 1);
      String method = benchmark.substring(lastDot + 1);
      Map<String, String> params = new LinkedHashMap<>();
      Iterator<Map.Entry<String, JsonNode>> it = run.path("params").fields();
      while (it.hasNext()) {
        Map.Entry<String, JsonNode> e = it.next();
        params.put(e.getKey(), e.getValue().asText());
      }
      String variant = params.remove(VARIANT_PARAM);
      StringBuilder other = new StringBuilder();
      params.forEach(
          (k, v) -> other.append(other.length() == 0 ? "" : ",").append(k).append('=').append(v));
      JsonNode primary = run.path("primaryMetric");
      results.add(
          new JmhResult(
              benchClass,
              method,
              variant,
              other.toString(),
              primary.path("score").asDouble(Double.NaN),
              number(primary.path("scoreError")),
              primary.path("scoreUnit").asText(""),
              secondary(run.path("secondaryMetrics"), "gc.alloc.rate.norm"),
              secondary(run.path("secondaryMetrics"), "cpu.caller.norm"),
              secondary(run.path("secondaryMetrics"), "cpu.process.norm")));
    }
    return results;
  }

  /** The time in nanoseconds per operation, or NaN if the unit is not a time per op. */
  double nanos() {
    switch (unit) {
      case "ns/op":
        return score;
      case "us/op":
        return score * 1e3;
      case "ms/op":
        return score * 1e6;
      case "s/op":
        return score * 1e9;
      default:
        return Double.NaN;
    }
  }

  /** The error half-width in nanoseconds, NaN if unknown. */
  double errorNanos() {
    return Double.isNaN(nanos()) || score == 0 ? Double.NaN : error * nanos() / score;
  }

  /**
   * A secondary metric's score: {@code gc.alloc.rate.norm} (B/op, JMH's GC profiler), {@code
   * cpu.caller.norm} and {@code cpu.process.norm} (ns/op, the bench's CPU-time profiler); NaN when
   * that profiler was not on.
   */
  private static double secondary(JsonNode secondary, String name) {
    Iterator<Map.Entry<String, JsonNode>> it = secondary.fields();
    while (it.hasNext()) {
      Map.Entry<String, JsonNode> e = it.next();
      // JMH 1.37 names it "gc.alloc.rate.norm"; older versions prefix a middle dot.
      if (e.getKey().endsWith(name)) {
        return e.getValue().path("score").asDouble(Double.NaN);
      }
    }
    return Double.NaN;
  }

  private static double number(JsonNode node) {
    // JMH writes "NaN" as a string when the error cannot be computed.
    return node.isNumber() ? node.asDouble() : Double.NaN;
  }
}
