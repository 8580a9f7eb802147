package dev.sentry4j.bench.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Writes {@code bench/RESULTS.md} from JMH's JSON results, the delivery bench's {@code DELIVERY}
 * lines, the paced bench's {@code PACED} lines and a machine description: per scenario the floor,
 * each variant, the ratios to the floor and "our overhead ÷ sentry-java's overhead", then the
 * delivery table and the targets of issue 9. A variant that was not run (sentry4j until its
 * adapters exist) shows as "—".
 *
 * <pre>{@code
 * java -cp benchmarks.jar dev.sentry4j.bench.report.ReportGenerator \
 *     --jmh bench/target/jmh.json --delivery bench/target/delivery.txt \
 *     --paced bench/target/paced.txt \
 *     --machine bench/target/machine.txt --out bench/RESULTS.md [--mode quick] [--notes FILE]
 * }</pre>
 */
public final class ReportGenerator {

  /** The floor's variant id. */
  static final String FLOOR = "none";

  /** The reference SDK's variant id. */
  static final String REFERENCE = "sentry-java";

  /** This project's variant id. */
  static final String OURS = "sentry4j";

  private static final String MISSING = "—";

  private final List<JmhResult> jmh;
  private final JsonNode jmhRaw;
  private final List<DeliveryResult> delivery;
  private final List<PacedResult> paced;
  private final String machine;
  private final String mode;
  private final String notes;
  private final ZonedDateTime now;

  ReportGenerator(
      List<JmhResult> jmh,
      JsonNode jmhRaw,
      List<DeliveryResult> delivery,
      List<PacedResult> paced,
      String machine,
      String mode,
      String notes,
      ZonedDateTime now) {
    this.jmh = jmh;
    this.jmhRaw = jmhRaw;
    this.delivery = delivery;
    this.paced = paced;
    this.machine = machine;
    this.mode = mode;
    this.notes = notes;
    this.now = now;
  }

  /**
   * Reads the inputs and writes the report.
   *
   * @param args {@code --jmh FILE --out FILE [--delivery FILE] [--paced FILE] [--machine FILE]
   *     [--mode full|quick] [--notes FILE]}
   * @throws IOException if an input cannot be read or the output written
   */
  public static void main(String[] args) throws IOException {
    Map<String, String> opts = new HashMap<>();
    for (int i = 0; i < args.length; i++) {
      if (!args[i].startsWith("--") || i + 1 >= args.length) {
        throw new IllegalArgumentException("Expected --option value pairs, got: " + args[i]);
      }
      opts.put(args[i].substring(2), args[++i]);
    }
    Path jmhFile = Paths.get(require(opts, "jmh"));
    Path out = Paths.get(require(opts, "out"));
    JsonNode raw = new ObjectMapper().readTree(jmhFile.toFile());
    List<DeliveryResult> delivery =
        opts.containsKey("delivery") && Files.exists(Paths.get(opts.get("delivery")))
            ? DeliveryResult.read(Paths.get(opts.get("delivery")))
            : List.of();
    List<PacedResult> paced =
        opts.containsKey("paced") && Files.exists(Paths.get(opts.get("paced")))
            ? PacedResult.read(Paths.get(opts.get("paced")))
            : List.of();
    String machine = readIfExists(opts.get("machine"));
    String notes = readIfExists(opts.get("notes"));
    String text =
        new ReportGenerator(
                JmhResult.read(jmhFile),
                raw,
                delivery,
                paced,
                machine,
                opts.getOrDefault("mode", "full"),
                notes,
                ZonedDateTime.now(ZoneOffset.UTC))
            .render();
    if (out.getParent() != null) {
      Files.createDirectories(out.getParent());
    }
    Files.writeString(out, text, StandardCharsets.UTF_8);
    System.out.println("Wrote " + out);
  }

  /** Renders the whole Markdown document. */
  String render() {
    StringBuilder md = new StringBuilder();
    header(md);
    perScenario(md);
    cpuPerScenario(md);
    overheadsAndTargets(md);
    deliveryTable(md);
    new PacedTable(paced, FLOOR, REFERENCE, OURS).render(md);
    spansMdcPrivacy(md);
    others(md);
    if (notes != null && !notes.isBlank()) {
      md.append("\n## Notes\n\n").append(notes.strip()).append('\n');
    }
    return md.toString();
  }

  private void header(StringBuilder md) {
    md.append("# Bench results: sentry4j against the floor and sentry-java\n\n");
    md.append("Generated ")
        .append(now.format(DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'", Locale.ROOT)))
        .append(" by `bench/run.sh`");
    if ("quick".equals(mode)) {
      md.append(" with `BENCH_QUICK=1` (short iterations: a pipeline check, not a result)");
    }
    md.append(".\n\n");
    md.append(
        "**Timings on a shared 2-core machine are noisy; the ratios from one run are what count.** "
            + "Every variant of a scenario ran in the same run on the same machine, so the ratios "
            + "and the overheads (variant − floor) compare like with like; absolute times move from "
            + "run to run.\n\n");
    md.append(
        "- *floor* (`none`): the framework with one no-op appender/handler (Logback: an "
            + "unsynchronized no-op appender, Log4j 2: its `Null` appender, JUL: a no-op handler), "
            + "nothing else. Logback's and JUL's keep a reference to the last event, as any real "
            + "appender does, so that C2 cannot scalar-replace the framework's own event in the "
            + "floor only.\n"
            + "- *overhead* = variant − floor, time and bytes, from the same run.\n"
            + "- *ours ÷ sentry-java overhead*: below 1 means sentry4j adds less than sentry-java.\n"
            + "- Cells read `time ±error · allocation per op` (allocation from `-prof gc`, "
            + "`gc.alloc.rate.norm`).\n"
            + "- *CPU* is the CPU time of the logging thread per op (the bench's `CpuTimeProfiler`): "
            + "unlike the wall clock it does not count the time other processes held the cores, so "
            + "on a loaded machine it is the steadier measure of what a line costs its caller.\n\n");
    md.append("## Machine and run\n\n```\n");
    if (machine != null && !machine.isBlank()) {
      md.append(machine.strip()).append('\n');
    }
    JsonNode first = jmhRaw.size() > 0 ? jmhRaw.get(0) : null;
    if (first != null) {
      md.append(
          String.format(
              Locale.ROOT,
              "JMH %s, %s %s, forks %d, warm-up %d × %s, measurement %d × %s, threads %d%n"
                  + "JVM args: %s%n",
              first.path("jmhVersion").asText("?"),
              first.path("vmName").asText("?"),
              first.path("vmVersion").asText("?"),
              first.path("forks").asInt(),
              first.path("warmupIterations").asInt(),
              first.path("warmupTime").asText("?"),
              first.path("measurementIterations").asInt(),
              first.path("measurementTime").asText("?"),
              first.path("threads").asInt(),
              first.path("jvmArgs").toString()));
    }
    md.append("```\n\n");
  }

  /** Table 1: each variant's time and allocation, and the ratios. */
  private void perScenario(StringBuilder md) {
    List<String> variants = variants();
    md.append("## Caller-thread cost per log line\n\n| scenario |");
    for (String v : variants) {
      md.append(' ').append(FLOOR.equals(v) ? "floor (none)" : v).append(" |");
    }
    md.append(
        " sentry-java / floor | sentry4j / floor | sentry4j overhead ÷ sentry-java overhead |\n");
    md.append("|---|");
    md.append("---|".repeat(variants.size() + 3)).append('\n');
    for (Map.Entry<String, Map<String, JmhResult>> row : scenarios().entrySet()) {
      Map<String, JmhResult> byVariant = row.getValue();
      JmhResult floor = byVariant.get(FLOOR);
      JmhResult ref = byVariant.get(REFERENCE);
      JmhResult ours = byVariant.get(OURS);
      md.append("| ").append(row.getKey()).append(" |");
      for (String v : variants) {
        md.append(' ').append(cell(byVariant.get(v))).append(" |");
      }
      md.append(' ').append(ratio(ref, floor)).append(" |");
      md.append(' ').append(ratio(ours, floor)).append(" |");
      md.append(' ').append(overheadRatio(ours, ref, floor)).append(" |\n");
    }
    md.append('\n');
  }

  /** Table 1b: CPU time of the logging thread per line, and the ratio of overheads in CPU time. */
  private void cpuPerScenario(StringBuilder md) {
    boolean any =
        jmh.stream().anyMatch(r -> r.variant() != null && !Double.isNaN(r.callerCpuNanos()));
    if (!any) {
      return;
    }
    md.append("## CPU time of the logging thread per line\n\n");
    md.append(
        "| scenario | floor (none) | sentry-java | sentry4j | sentry4j CPU overhead ÷ sentry-java CPU"
            + " overhead |\n|---|---|---|---|---|\n");
    for (Map.Entry<String, Map<String, JmhResult>> row : scenarios().entrySet()) {
      Map<String, JmhResult> byVariant = row.getValue();
      JmhResult floor = byVariant.get(FLOOR);
      JmhResult ref = byVariant.get(REFERENCE);
      JmhResult ours = byVariant.get(OURS);
      md.append("| ")
          .append(row.getKey())
          .append(" | ")
          .append(cpu(floor))
          .append(" | ")
          .append(cpu(ref))
          .append(" | ")
          .append(cpu(ours))
          .append(" | ")
          .append(cpuOverheadRatio(ours, ref, floor))
          .append(" |\n");
    }
    md.append('\n');
  }

  static String cpu(JmhResult r) {
    return r == null || Double.isNaN(r.callerCpuNanos())
        ? MISSING
        : time(r.callerCpuNanos(), Double.NaN);
  }

  static String cpuOverheadRatio(JmhResult ours, JmhResult ref, JmhResult floor) {
    if (ours == null
        || ref == null
        || floor == null
        || Double.isNaN(ours.callerCpuNanos())
        || Double.isNaN(ref.callerCpuNanos())
        || Double.isNaN(floor.callerCpuNanos())) {
      return MISSING;
    }
    double refOver = ref.callerCpuNanos() - floor.callerCpuNanos();
    if (refOver <= 0) {
      return "n/a (sentry-java adds no CPU time)";
    }
    return String.format(
        Locale.ROOT, "%.2f", (ours.callerCpuNanos() - floor.callerCpuNanos()) / refOver);
  }

  /** Table 2: overheads over the floor and the targets from issue 9. */
  private void overheadsAndTargets(StringBuilder md) {
    md.append("## Overhead over the floor, and the targets\n\n");
    md.append(
        "Each target is judged twice: on the wall-clock overhead (as the issue defines it) and on "
            + "the CPU-time overhead of the logging thread (steadier on a shared machine). Bytes are "
            + "the same in both.\n\n");
    md.append(
        "| scenario | sentry-java overhead | sentry4j overhead | sentry-java CPU overhead"
            + " | sentry4j CPU overhead | target for sentry4j | met (wall) | met (CPU) |\n");
    md.append("|---|---|---|---|---|---|---|---|\n");
    for (Map.Entry<String, Map<String, JmhResult>> row : scenarios().entrySet()) {
      Map<String, JmhResult> byVariant = row.getValue();
      JmhResult floor = byVariant.get(FLOOR);
      JmhResult ref = byVariant.get(REFERENCE);
      JmhResult ours = byVariant.get(OURS);
      JmhResult any = byVariant.values().iterator().next();
      Target target = Target.of(any.method());
      md.append("| ")
          .append(row.getKey())
          .append(" | ")
          .append(overhead(ref, floor))
          .append(" | ")
          .append(overhead(ours, floor))
          .append(" | ")
          .append(cpuOverhead(ref, floor))
          .append(" | ")
          .append(cpuOverhead(ours, floor))
          .append(" | ")
          .append(target == null ? MISSING : target.text)
          .append(" | ")
          .append(target == null ? MISSING : target.met(ours, ref, floor, false))
          .append(" | ")
          .append(target == null ? MISSING : target.met(ours, ref, floor, true))
          .append(" |\n");
    }
    DeliveryResult burst =
        delivery.stream()
            .filter(d -> OURS.equals(d.variant()) && d.n() == 10_000)
            .findFirst()
            .orElse(null);
    md.append("| delivery, 10,000-error burst | | ")
        .append(
            burst == null
                ? MISSING
                : String.format(
                    Locale.ROOT,
                    "%,d delivered, %,d reported, %,d spooled, %,d lost",
                    burst.delivered(),
                    burst.reportedDropped(),
                    burst.spooled(),
                    burst.lostUnreported()))
        .append(" | | | all delivered or counted in client reports (goal: delivered) | ")
        .append(
            burst == null
                ? MISSING
                : yesNo(burst.delivered() + burst.reportedDropped() >= burst.n()))
        .append(" | |\n");
    md.append("| worker throughput to the loopback sink | | ")
        .append(burst == null ? MISSING : rate(burst.deliveredPerSecond()))
        .append(" | | | ≥ 5,000 events/s | ")
        .append(
            burst == null || Double.isNaN(burst.deliveredPerSecond())
                ? MISSING
                : yesNo(burst.deliveredPerSecond() >= 5_000))
        .append(" | |\n");
    JmhResult child = find("SpanBench", "childSpan", "");
    md.append("| child span start+finish | | ")
        .append(
            child == null
                ? MISSING
                : time(child.nanos(), Double.NaN) + " · " + bytes(child.bytesPerOp()))
        .append(" | | ")
        .append(child == null ? MISSING : cpu(child))
        .append(" | ≤ 1 µs | ")
        .append(child == null ? MISSING : yesNo(child.nanos() <= 1_000))
        .append(" | ")
        .append(
            child == null || Double.isNaN(child.callerCpuNanos())
                ? MISSING
                : yesNo(child.callerCpuNanos() <= 1_000))
        .append(" |\n");
    for (String backend : MDC_BACKENDS) {
      JmhResult r = find("MdcSwitchBench", "switchToSpanAndBack", "backend=" + backend);
      md.append("| MDC trace-key switch, ")
          .append(mdcBackendName(backend))
          .append(" (`MdcSwitchBench`, floor 0) | | ")
          .append(r == null ? MISSING : time(r.nanos(), Double.NaN) + " · " + bytes(r.bytesPerOp()))
          .append(" | | ")
          .append(r == null ? MISSING : cpu(r))
          .append(" | ≤ 50 ns | ")
          .append(r == null ? MISSING : yesNo(r.nanos() <= 50))
          .append(" | ")
          .append(
              r == null || Double.isNaN(r.callerCpuNanos())
                  ? MISSING
                  : yesNo(r.callerCpuNanos() <= 50))
          .append(" |\n");
    }
    double[] mdc = mdcSwitch();
    md.append("| MDC trace-key switch, end to end, Logback (`MdcBench`, (on − off) ÷ 2) | | ")
        .append(
            mdc == null
                ? MISSING
                : signedTime(mdc[0]) + " · " + String.format(Locale.ROOT, "%+,.0f B", mdc[2]))
        .append(" | | ")
        .append(mdc == null || Double.isNaN(mdc[1]) ? MISSING : signedTime(mdc[1]))
        .append(" | ≤ 50 ns | ")
        .append(mdc == null ? MISSING : yesNo(mdc[0] <= 50))
        .append(" | ")
        .append(mdc == null || Double.isNaN(mdc[1]) ? MISSING : yesNo(mdc[1] <= 50))
        .append(" |\n\n");
  }

  /** The SLF4J MDCs {@code MdcSwitchBench} measures, by its {@code backend} parameter. */
  private static final List<String> MDC_BACKENDS = List.of("logback", "log4j2", "jdk14");

  private static String mdcBackendName(String backend) {
    switch (backend) {
      case "logback":
        return "Logback's MDC";
      case "log4j2":
        return "Log4j 2's ThreadContext";
      default:
        return "slf4j-jdk14's MDC (JUL)";
    }
  }

  /**
   * The MDC's cost per span switch: ({@code MdcBench} with mdc=on − with mdc=off) ÷ 2, as {wall ns,
   * CPU ns, bytes}; null if either was not run.
   */
  private double[] mdcSwitch() {
    JmhResult off = find("MdcBench", "startSpanAndClose", "mdc=off");
    JmhResult on = find("MdcBench", "startSpanAndClose", "mdc=on");
    if (off == null || on == null) {
      return null;
    }
    return new double[] {
      (on.nanos() - off.nanos()) / 2,
      (on.callerCpuNanos() - off.callerCpuNanos()) / 2,
      (on.bytesPerOp() - off.bytesPerOp()) / 2
    };
  }

  private JmhResult find(String benchClass, String method, String otherParams) {
    return jmh.stream()
        .filter(
            r ->
                r.benchClass().equals(benchClass)
                    && r.method().equals(method)
                    && r.variant() == null
                    && r.otherParams().equals(otherParams))
        .findFirst()
        .orElse(null);
  }

  /** sentry4j only: spans, the MDC's trace ids, scrubbing. */
  private void spansMdcPrivacy(StringBuilder md) {
    List<String[]> rows = new ArrayList<>();
    addRow(
        rows,
        "child span: `tx.startChild(op).finish()` (transaction not current)",
        find("SpanBench", "childSpan", ""));
    addRow(
        rows,
        "transaction of 100 child spans, finished, captured and sent; per span",
        find("SpanBench", "transactionOf100Spans", ""));
    JmhResult off = find("MdcBench", "startSpanAndClose", "mdc=off");
    JmhResult on = find("MdcBench", "startSpanAndClose", "mdc=on");
    addRow(
        rows,
        "`Sentry.startSpan(op)` + `close()` (made current, then restored), sentry-slf4j-mdc off",
        off);
    addRow(rows, "the same, sentry-slf4j-mdc on (trace_id, span_id, trace_sampled in the MDC)", on);
    double[] mdc = mdcSwitch();
    if (mdc != null) {
      rows.add(
          new String[] {
            "**MDC trace-id switch, per span switch** = (on − off) ÷ 2 (Logback's MDC)",
            signedTime(mdc[0]),
            Double.isNaN(mdc[1]) ? MISSING : signedTime(mdc[1]),
            String.format(Locale.ROOT, "%+,.0f B", mdc[2])
          });
    }
    for (String backend : MDC_BACKENDS) {
      addRow(
          rows,
          "**MDC trace-key switch alone**, per switch (the listener's push and restore), "
              + mdcBackendName(backend),
          find("MdcSwitchBench", "switchToSpanAndBack", "backend=" + backend));
    }
    JmhResult scrubOn = find("PrivacyBench", "errorWith10MdcEntries", "scrubbing=true");
    JmhResult scrubOff = find("PrivacyBench", "errorWith10MdcEntries", "scrubbing=false");
    addRow(
        rows,
        "logback ERROR (no exception) with 10 MDC entries → event, scrubbing on (default)",
        scrubOn);
    addRow(rows, "the same, scrubbing off", scrubOff);
    if (scrubOn != null && scrubOff != null) {
      rows.add(
          new String[] {
            "**scrubbing's cost per event** = on − off",
            signedTime(scrubOn.nanos() - scrubOff.nanos()),
            Double.isNaN(scrubOn.callerCpuNanos())
                ? MISSING
                : signedTime(scrubOn.callerCpuNanos() - scrubOff.callerCpuNanos()),
            String.format(Locale.ROOT, "%+,.0f B", scrubOn.bytesPerOp() - scrubOff.bytesPerOp())
          });
    }
    if (rows.isEmpty()) {
      return;
    }
    md.append("## Spans, trace ids in the MDC, scrubbing (sentry4j)\n\n");
    md.append("| what | time | CPU | allocation |\n|---|---|---|---|\n");
    for (String[] r : rows) {
      md.append("| ").append(String.join(" | ", r)).append(" |\n");
    }
    md.append('\n');
  }

  private static void addRow(List<String[]> rows, String what, JmhResult r) {
    if (r != null) {
      rows.add(new String[] {what, time(r.nanos(), r.errorNanos()), cpu(r), bytes(r.bytesPerOp())});
    }
  }

  static String cpuOverhead(JmhResult variant, JmhResult floor) {
    if (variant == null
        || floor == null
        || Double.isNaN(variant.callerCpuNanos())
        || Double.isNaN(floor.callerCpuNanos())) {
      return MISSING;
    }
    return signedTime(variant.callerCpuNanos() - floor.callerCpuNanos());
  }

  private void deliveryTable(StringBuilder md) {
    md.append("## Delivery of a burst of errors (Logback, then `LoggerContext.stop()`)\n\n");
    if (delivery.isEmpty()) {
      md.append("Not run.\n\n");
      return;
    }
    md.append(
        "Each row is its own JVM (`-Xmx512m`): N ERROR lines with fresh exceptions as fast as one "
            + "thread can, a normal stop, then a wait until the sink has been quiet for 2 s (at most "
            + "20 s). *Delivered* = error events the sink received; *reported* = error events the "
            + "SDK said it dropped, in client reports; *spooled* = error events sentry4j left in its "
            + "disk spool, sent at its next start (not delivered in this run, not lost); *lost* = "
            + "none of these. *≈ delivered/s* = delivered ÷ (first line logged → last request at the "
            + "sink). *Peak heap* is the used heap sampled every 5 ms, garbage included; *reachable "
            + "after the burst* is the used heap after a full GC right after the last line (what "
            + "the queued events hold). The floor's rows are the heap baseline.\n\n");
    md.append(
        "| variant | N | delivered | reported dropped | spooled | lost unreported"
            + " | caller time for the burst | stop | ≈ delivered/s | peak heap (at start) | reachable after"
            + " the burst |\n");
    md.append("|---|---|---|---|---|---|---|---|---|---|---|\n");
    List<String> order = variants();
    List<DeliveryResult> sorted = new ArrayList<>(delivery);
    sorted.sort(
        Comparator.<DeliveryResult>comparingInt(d -> rank(order, d.variant()))
            .thenComparingInt(DeliveryResult::n));
    for (DeliveryResult d : sorted) {
      boolean floor = FLOOR.equals(d.variant());
      md.append(
          String.format(
              Locale.ROOT,
              "| %s | %,d | %s | %s | %s | %s | %,.0f ms | %,.0f ms | %s | %.0f MB (%.0f MB) | %s |%n",
              d.variant(),
              d.n(),
              floor ? MISSING : String.format(Locale.ROOT, "%,d", d.delivered()),
              floor ? MISSING : String.format(Locale.ROOT, "%,d", d.reportedDropped()),
              floor ? MISSING : String.format(Locale.ROOT, "%,d", d.spooled()),
              floor ? MISSING : String.format(Locale.ROOT, "%,d", d.lostUnreported()),
              d.burstMillis(),
              d.stopMillis(),
              floor ? MISSING : rate(d.deliveredPerSecond()),
              d.peakHeapMb(),
              d.heapStartMb(),
              Double.isNaN(d.liveAfterBurstMb())
                  ? MISSING
                  : String.format(Locale.ROOT, "%.0f MB", d.liveAfterBurstMb())));
    }
    boolean missingOurs = delivery.stream().noneMatch(d -> OURS.equals(d.variant()));
    if (missingOurs) {
      md.append("| ")
          .append(OURS)
          .append(" | ")
          .append(MISSING)
          .append(" | — | — | — | — | — | — | — | — | — |\n");
    }
    md.append('\n');
  }

  /** Benchmarks without a variant parameter (e.g. sentry4j-only span benchmarks). */
  private void others(StringBuilder md) {
    Set<String> shown = Set.of("SpanBench", "MdcBench", "MdcSwitchBench", "PrivacyBench");
    List<JmhResult> rest =
        jmh.stream().filter(r -> r.variant() == null && !shown.contains(r.benchClass())).toList();
    if (rest.isEmpty()) {
      return;
    }
    md.append(
        "## Other benchmarks\n\n| benchmark | params | time | CPU | allocation |\n"
            + "|---|---|---|---|---|\n");
    for (JmhResult r : rest) {
      md.append("| ")
          .append(r.benchClass())
          .append('.')
          .append(r.method())
          .append(" | ")
          .append(r.otherParams().isEmpty() ? MISSING : r.otherParams())
          .append(" | ")
          .append(time(r.nanos(), r.errorNanos()))
          .append(" | ")
          .append(cpu(r))
          .append(" | ")
          .append(bytes(r.bytesPerOp()))
          .append(" |\n");
    }
    md.append('\n');
  }

  /** Rows keyed by a readable scenario name, in the order JMH ran them. */
  private Map<String, Map<String, JmhResult>> scenarios() {
    Map<String, Map<String, JmhResult>> rows = new LinkedHashMap<>();
    List<JmhResult> withVariant =
        new ArrayList<>(jmh.stream().filter(r -> r.variant() != null).toList());
    withVariant.sort(
        Comparator.comparingInt((JmhResult r) -> frameworkRank(r.benchClass()))
            .thenComparingInt(r -> methodRank(r.method())));
    for (JmhResult r : withVariant) {
      rows.computeIfAbsent(label(r), k -> new LinkedHashMap<>()).put(r.variant(), r);
    }
    return rows;
  }

  /** The variants present, floor first, then sentry-java, then sentry4j (always), then others. */
  private List<String> variants() {
    Set<String> set = new LinkedHashSet<>(List.of(FLOOR, REFERENCE, OURS));
    jmh.stream().map(JmhResult::variant).filter(v -> v != null).forEach(set::add);
    delivery.forEach(d -> set.add(d.variant()));
    return new ArrayList<>(set);
  }

  private static int rank(List<String> order, String variant) {
    int i = order.indexOf(variant);
    return i < 0 ? Integer.MAX_VALUE : i;
  }

  private static int frameworkRank(String benchClass) {
    List<String> order = List.of("LogbackBench", "Log4j2Bench", "JulBench");
    int i = order.indexOf(benchClass);
    return i < 0 ? order.size() : i;
  }

  private static int methodRank(String method) {
    List<String> order = List.of("ignoredDebug", "breadcrumbInfo", "errorEvent");
    int i = order.indexOf(method);
    return i < 0 ? order.size() : i;
  }

  static String label(JmhResult r) {
    String framework =
        r.benchClass().endsWith("Bench")
            ? r.benchClass().substring(0, r.benchClass().length() - "Bench".length())
            : r.benchClass();
    boolean jul = "Jul".equals(framework);
    String what;
    switch (r.method()) {
      case "ignoredDebug":
        what = (jul ? "FINE" : "DEBUG") + " ignored";
        break;
      case "breadcrumbInfo":
        what = "INFO → breadcrumb";
        break;
      case "errorEvent":
        what = (jul ? "SEVERE" : "ERROR") + " + fresh exception → event";
        break;
      default:
        what = r.method();
    }
    String name = framework.toLowerCase(Locale.ROOT) + " " + what;
    return r.otherParams().isEmpty() ? name : name + " (" + r.otherParams() + ")";
  }

  static String cell(JmhResult r) {
    if (r == null) {
      return MISSING;
    }
    return time(r.nanos(), r.errorNanos()) + " · " + bytes(r.bytesPerOp());
  }

  static String ratio(JmhResult variant, JmhResult floor) {
    if (variant == null || floor == null || floor.nanos() <= 0) {
      return MISSING;
    }
    return String.format(Locale.ROOT, "%.2f×", variant.nanos() / floor.nanos());
  }

  static String overheadRatio(JmhResult ours, JmhResult ref, JmhResult floor) {
    if (ours == null || ref == null || floor == null) {
      return MISSING;
    }
    double refOver = ref.nanos() - floor.nanos();
    if (refOver <= 0) {
      return "n/a (sentry-java adds no time)";
    }
    return String.format(Locale.ROOT, "%.2f", (ours.nanos() - floor.nanos()) / refOver);
  }

  static String overhead(JmhResult variant, JmhResult floor) {
    if (variant == null || floor == null) {
      return MISSING;
    }
    double dt = variant.nanos() - floor.nanos();
    double db = variant.bytesPerOp() - floor.bytesPerOp();
    String bytes = Double.isNaN(db) ? "? B" : String.format(Locale.ROOT, "%+,.0f B", db);
    return signedTime(dt) + " · " + bytes;
  }

  static String time(double nanos, double errorNanos) {
    if (Double.isNaN(nanos)) {
      return "?";
    }
    double scale;
    String unit;
    if (nanos < 1_000) {
      scale = 1;
      unit = "ns";
    } else if (nanos < 1_000_000) {
      scale = 1_000;
      unit = "µs";
    } else {
      scale = 1_000_000;
      unit = "ms";
    }
    String value = String.format(Locale.ROOT, scale == 1 ? "%.1f" : "%.2f", nanos / scale);
    String error =
        Double.isNaN(errorNanos)
            ? ""
            : String.format(Locale.ROOT, scale == 1 ? " ±%.1f" : " ±%.2f", errorNanos / scale);
    return value + error + " " + unit;
  }

  static String signedTime(double nanos) {
    String plain = time(Math.abs(nanos), Double.NaN);
    return (nanos < 0 ? "−" : "+") + plain;
  }

  static String bytes(double b) {
    if (Double.isNaN(b)) {
      return "? B";
    }
    return b < 10_000
        ? String.format(Locale.ROOT, "%.0f B", b)
        : String.format(Locale.ROOT, "%.1f KB", b / 1024);
  }

  static String rate(double perSecond) {
    return Double.isNaN(perSecond) ? MISSING : String.format(Locale.ROOT, "%,.0f/s", perSecond);
  }

  private static String yesNo(boolean met) {
    return met ? "yes" : "**no**";
  }

  private static String require(Map<String, String> opts, String key) {
    String v = opts.get(key);
    if (v == null) {
      throw new IllegalArgumentException("Missing --" + key);
    }
    return v;
  }

  private static String readIfExists(String file) throws IOException {
    if (file == null) {
      return null;
    }
    Path p = Paths.get(file);
    return Files.exists(p) ? Files.readString(p, StandardCharsets.UTF_8) : null;
  }

  /** The per-scenario targets of issue 9, judged on overheads from the same run. */
  private enum Target {
    IGNORED("ignoredDebug", "≤ 5 ns and 0 B/op extra"),
    BREADCRUMB("breadcrumbInfo", "≤ ⅓ of sentry-java's time overhead, ≤ 250 B/op extra"),
    EVENT(
        "errorEvent",
        "≤ ¼ of sentry-java's logging-thread CPU overhead at a pace both deliver in full: judged"
            + " in the paced section (this loop is overload: sentry-java drops most errors,"
            + " sentry4j keeps each one and serializes the overflow on the caller)");

    final String method;
    final String text;

    Target(String method, String text) {
      this.method = method;
      this.text = text;
    }

    static Target of(String method) {
      for (Target t : values()) {
        if (t.method.equals(method)) {
          return t;
        }
      }
      return null;
    }

    /** Met or not, on wall-clock time or on the logging thread's CPU time. */
    String met(JmhResult ours, JmhResult ref, JmhResult floor, boolean cpu) {
      if (ours == null || floor == null) {
        return MISSING;
      }
      double dt =
          cpu ? ours.callerCpuNanos() - floor.callerCpuNanos() : ours.nanos() - floor.nanos();
      double refOver =
          ref == null
              ? Double.NaN
              : cpu ? ref.callerCpuNanos() - floor.callerCpuNanos() : ref.nanos() - floor.nanos();
      if (Double.isNaN(dt)) {
        return MISSING;
      }
      double db = ours.bytesPerOp() - floor.bytesPerOp();
      switch (this) {
        case IGNORED:
          return Double.isNaN(db) ? MISSING : yesNo(dt <= 5 && db < 1);
        case BREADCRUMB:
          if (ref == null || Double.isNaN(db)) {
            return MISSING;
          }
          return yesNo(dt <= refOver / 3 && db <= 250);
        case EVENT:
          return "see the paced section";
        default:
          return MISSING;
      }
    }
  }
}
