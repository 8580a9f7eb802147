import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.File;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Sums up bench/scripts/interleaved.sh's rounds: for each benchmark and variant the median of all
 * measured iterations' {@code cpu.caller.norm} (ns per line) and {@code gc.alloc.rate.norm} (B per
 * line), the ratio of sentry4j's overhead over the floor to sentry-java's, and that ratio per round.
 * Files are {@code <round>-<variant>.json}.
 */
public final class Interleaved {
  private static final String[] VARIANTS = {"none", "sentry-java", "sentry4j"};

  public static void main(String[] args) throws Exception {
    ObjectMapper json = new ObjectMapper();
    // benchmark -> variant -> round -> [cpu values], and bytes
    Map<String, Map<String, Map<String, List<Double>>>> cpu = new TreeMap<>();
    Map<String, Map<String, List<Double>>> bytes = new TreeMap<>();
    File[] files = new File(args[0]).listFiles((d, n) -> n.endsWith(".json"));
    Arrays.sort(files);
    for (File f : files) {
      String round = f.getName().substring(0, f.getName().indexOf('-'));
      for (JsonNode b : json.readTree(f)) {
        String name = b.path("benchmark").asText().replaceAll(".*\\.(\\w+\\.\\w+)$", "$1");
        String variant = b.path("params").path("variant").asText();
        JsonNode metrics = b.path("secondaryMetrics");
        List<Double> c =
            cpu.computeIfAbsent(name, k -> new TreeMap<>())
                .computeIfAbsent(variant, k -> new TreeMap<>())
                .computeIfAbsent(round, k -> new ArrayList<>());
        values(metrics.path("cpu.caller.norm").path("rawData"), c);
        values(
            metrics.path("gc.alloc.rate.norm").path("rawData"),
            bytes.computeIfAbsent(name, k -> new TreeMap<>())
                .computeIfAbsent(variant, k -> new ArrayList<>()));
      }
    }
    for (String name : cpu.keySet()) {
      System.out.println("## " + name + " (cpu.caller.norm ns per line, median of all iterations)");
      Map<String, Map<String, List<Double>>> byVariant = cpu.get(name);
      double[] med = new double[3];
      double[] b = new double[3];
      for (int i = 0; i < 3; i++) {
        Map<String, List<Double>> rounds = byVariant.getOrDefault(VARIANTS[i], Map.of());
        List<Double> all = new ArrayList<>();
        rounds.values().forEach(all::addAll);
        med[i] = median(all);
        b[i] = median(bytes.get(name).getOrDefault(VARIANTS[i], List.of()));
        StringBuilder perRound = new StringBuilder();
        rounds.values().forEach(v -> perRound.append(String.format(" %.0f", median(v))));
        System.out.printf("  %-12s %7.1f ns %7.1f B   per round:%s%n", VARIANTS[i], med[i], b[i], perRound);
      }
      System.out.printf(
          "  sentry4j over the floor %+.1f ns %+.0f B, sentry-java %+.1f ns %+.0f B: ratio %.2f%n",
          med[2] - med[0], b[2] - b[0], med[1] - med[0], b[1] - b[0], (med[2] - med[0]) / (med[1] - med[0]));
      StringBuilder ratios = new StringBuilder();
      for (String round : byVariant.getOrDefault("none", Map.of()).keySet()) {
        double f = median(byVariant.get("none").get(round));
        double j = median(byVariant.getOrDefault("sentry-java", Map.of()).getOrDefault(round, List.of()));
        double s = median(byVariant.getOrDefault("sentry4j", Map.of()).getOrDefault(round, List.of()));
        ratios.append(String.format(" %.2f", (s - f) / (j - f)));
      }
      System.out.println("  ratio per round:" + ratios);
    }
  }

  private static void values(JsonNode rawData, List<Double> into) {
    for (JsonNode fork : rawData) {
      for (JsonNode v : fork) {
        into.add(v.asDouble());
      }
    }
  }

  private static double median(List<Double> values) {
    if (values.isEmpty()) {
      return Double.NaN;
    }
    double[] v = values.stream().mapToDouble(Double::doubleValue).sorted().toArray();
    return v.length % 2 == 1 ? v[v.length / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2;
  }
}
