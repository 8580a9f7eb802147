package dev.sentry4j.bench.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.File;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Sums up {@code bench/scripts/interleaved.sh}'s rounds: for each benchmark and variant the median
 * of all measured iterations' {@code cpu.caller.norm} (ns per line) and {@code gc.alloc.rate.norm}
 * (B per line), the ratio of sentry4j's overhead over the floor to sentry-java's, and that ratio
 * per round. Reads the directory's {@code <round>-<variant>.json} files (JMH's {@code -rf json}).
 *
 * <pre>{@code java -cp bench/target/benchmarks.jar dev.sentry4j.bench.report.Interleaved <dir>}
 * </pre>
 */
public final class Interleaved {
  private static final String FLOOR = "none";
  private static final String REFERENCE = "sentry-java";
  private static final String OURS = "sentry4j";
  private static final String[] VARIANTS = {FLOOR, REFERENCE, OURS};

  /** One benchmark's measured iterations, by variant, then by round. */
  private final Map<String, Map<String, List<Double>>> cpu = new TreeMap<>();

  private final Map<String, List<Double>> bytes = new TreeMap<>();

  private Interleaved() {}

  /**
   * Prints the summary of the rounds in a directory.
   *
   * @param args the directory interleaved.sh wrote
   * @throws IOException if a file cannot be read
   */
  public static void main(String[] args) throws IOException {
    Map<String, Interleaved> byBenchmark = new TreeMap<>();
    File[] files = new File(args[0]).listFiles((d, n) -> n.endsWith(".json"));
    if (files == null) {
      throw new IOException("Not a directory: " + args[0]);
    }
    Arrays.sort(files);
    ObjectMapper json = new ObjectMapper();
    for (File f : files) {
      String round = f.getName().substring(0, f.getName().indexOf('-'));
      for (JsonNode run : json.readTree(f)) {
        String name = run.path("benchmark").asText().replaceAll(".*\\.(\\w+\\.\\w+)$", "$1");
        byBenchmark.computeIfAbsent(name, k -> new Interleaved()).add(round, run);
      }
    }
    byBenchmark.forEach((name, figures) -> figures.print(name));
  }

  private void add(String round, JsonNode run) {
    String variant = run.path("params").path(JmhResult.VARIANT_PARAM).asText();
    JsonNode metrics = run.path("secondaryMetrics");
    values(
        metrics.path("cpu.caller.norm").path("rawData"),
        cpu.computeIfAbsent(variant, k -> new TreeMap<>())
            .computeIfAbsent(round, k -> new ArrayList<>()));
    values(
        metrics.path("gc.alloc.rate.norm").path("rawData"),
        bytes.computeIfAbsent(variant, k -> new ArrayList<>()));
  }

  private void print(String name) {
    System.out.println("## " + name + " (cpu.caller.norm ns per line, median of all iterations)");
    for (String variant : VARIANTS) {
      StringBuilder perRound = new StringBuilder();
      rounds(variant)
          .values()
          .forEach(v -> perRound.append(String.format(Locale.ROOT, " %.0f", median(v))));
      System.out.printf(
          Locale.ROOT,
          "  %-12s %7.1f ns %7.1f B   per round:%s%n",
          variant,
          cpuMedian(variant),
          median(bytes.getOrDefault(variant, List.of())),
          perRound);
    }
    double floor = cpuMedian(FLOOR);
    double reference = cpuMedian(REFERENCE);
    double ours = cpuMedian(OURS);
    double floorBytes = median(bytes.getOrDefault(FLOOR, List.of()));
    System.out.printf(
        Locale.ROOT,
        "  sentry4j over the floor %+.1f ns %+.0f B, sentry-java %+.1f ns %+.0f B: ratio %.2f%n",
        ours - floor,
        median(bytes.getOrDefault(OURS, List.of())) - floorBytes,
        reference - floor,
        median(bytes.getOrDefault(REFERENCE, List.of())) - floorBytes,
        Figures.overheadRatio(ours, reference, floor));
    StringBuilder ratios = new StringBuilder();
    for (String round : rounds(FLOOR).keySet()) {
      ratios.append(
          String.format(
              Locale.ROOT,
              " %.2f",
              Figures.overheadRatio(
                  median(rounds(OURS).getOrDefault(round, List.of())),
                  median(rounds(REFERENCE).getOrDefault(round, List.of())),
                  median(rounds(FLOOR).get(round)))));
    }
    System.out.println("  ratio per round:" + ratios);
  }

  private Map<String, List<Double>> rounds(String variant) {
    return cpu.getOrDefault(variant, Map.of());
  }

  private double cpuMedian(String variant) {
    List<Double> all = new ArrayList<>();
    rounds(variant).values().forEach(all::addAll);
    return median(all);
  }

  private static void values(JsonNode rawData, List<Double> into) {
    for (JsonNode fork : rawData) {
      for (JsonNode v : fork) {
        into.add(v.asDouble());
      }
    }
  }

  private static double median(List<Double> values) {
    return Figures.median(values.stream().mapToDouble(Double::doubleValue).toArray());
  }
}
