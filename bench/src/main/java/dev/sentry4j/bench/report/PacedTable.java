package dev.sentry4j.bench.report;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.ToDoubleFunction;
import java.util.stream.Collectors;

/**
 * The report's section on an ERROR line at a pace every variant delivers in full: the logging
 * thread's CPU and the whole process's CPU per delivered event, over the floor, against issue 21's
 * targets (≤ ¼ and ≤ ½ of sentry-java's).
 */
final class PacedTable {
  private static final String MISSING = "—";

  private final List<PacedResult> results;
  private final String floor;
  private final String reference;
  private final String ours;

  PacedTable(List<PacedResult> results, String floor, String reference, String ours) {
    this.results = results;
    this.floor = floor;
    this.reference = reference;
    this.ours = ours;
  }

  void render(StringBuilder md) {
    md.append("## An ERROR line at a pace both SDKs deliver in full (Logback)\n\n");
    Optional<PacedResult> none = find(floor);
    Optional<PacedResult> ref = find(reference);
    Optional<PacedResult> us = find(ours);
    if (none.isEmpty() || ref.isEmpty() || us.isEmpty()) {
      md.append("Not run (needs the floor, sentry-java and sentry4j).\n\n");
      return;
    }
    PacedResult f = none.get();
    md.append(
        String.format(
            Locale.ROOT,
            "`PacedDeliveryBench`, each variant in its own JVM: a warm-up (not counted; by"
                + " default 28,000 lines, most at 800/s, the last 10 s at the measured pace, so"
                + " that the JIT is done), then %,d ERROR lines with fresh exceptions at %,d/s, a normal stop"
                + " and a wait until the sink is quiet. *Process CPU* is every thread of the JVM"
                + " (GC and JIT included) but the sink's, per line; *logging thread* is the"
                + " thread that logs. Overheads are over the floor's; the ratio is sentry4j's"
                + " overhead ÷ sentry-java's. Each figure is the median of %d run(s) per variant,"
                + " interleaved.%n%n",
            f.n(),
            f.perSecond(),
            runsOf(ours)));
    md.append(
        "| variant | delivered | reported dropped | process CPU per line | over the floor"
            + " | logging thread per line | over the floor |\n");
    md.append("|---|---|---|---|---|---|---|\n");
    for (PacedResult r : List.of(f, ref.get(), us.get())) {
      boolean isFloor = r == f;
      md.append(
          String.format(
              Locale.ROOT,
              "| %s | %s | %s | %.1f µs | %s | %.2f µs | %s |%n",
              r.variant(),
              isFloor ? MISSING : String.format(Locale.ROOT, "%,d of %,d", r.delivered(), r.n()),
              isFloor ? MISSING : String.format(Locale.ROOT, "%,d", r.reportedDropped()),
              r.cpuPerLineMicros(),
              isFloor ? MISSING : micros(r.cpuPerLineMicros() - f.cpuPerLineMicros()),
              r.callerCpuPerLineMicros(),
              isFloor ? MISSING : micros(r.callerCpuPerLineMicros() - f.callerCpuPerLineMicros())));
    }
    double process =
        Figures.overheadRatio(
            us.get().cpuPerLineMicros(), ref.get().cpuPerLineMicros(), f.cpuPerLineMicros());
    double caller =
        Figures.overheadRatio(
            us.get().callerCpuPerLineMicros(),
            ref.get().callerCpuPerLineMicros(),
            f.callerCpuPerLineMicros());
    boolean bothInFull = ref.get().delivered() == f.n() && us.get().delivered() == f.n();
    md.append('\n')
        .append("| target (issue 21) | ratio | met |\n|---|---|---|\n")
        .append(row("logging-thread CPU ≤ ¼ of sentry-java's", caller, 0.25))
        .append(row("whole-process CPU per delivered event ≤ ½ of sentry-java's", process, 0.5));
    if (!bothInFull) {
      md.append("\nNot every line was delivered by both: the pace was too fast for one of them.\n");
    }
    md.append('\n');
  }

  /**
   * The variant's median run: each figure is the median of its runs (the paced bench is run a few
   * times per variant, interleaved, because one JVM's figure varies by tens of percent).
   */
  private Optional<PacedResult> find(String variant) {
    List<PacedResult> runs =
        results.stream().filter(r -> r.variant().equals(variant)).collect(Collectors.toList());
    if (runs.isEmpty()) {
      return Optional.empty();
    }
    PacedResult first = runs.get(0);
    return Optional.of(
        new PacedResult(
            variant,
            first.n(),
            first.perSecond(),
            Math.round(median(runs, r -> (double) r.delivered())),
            Math.round(median(runs, r -> (double) r.reportedDropped())),
            median(runs, PacedResult::cpuPerLineMicros),
            median(runs, PacedResult::callerCpuPerLineMicros)));
  }

  private static double median(List<PacedResult> runs, ToDoubleFunction<PacedResult> figure) {
    return Figures.median(runs.stream().mapToDouble(figure).toArray());
  }

  private long runsOf(String variant) {
    return results.stream().filter(r -> r.variant().equals(variant)).count();
  }

  private static String row(String target, double ratio, double bound) {
    return String.format(
        Locale.ROOT,
        "| %s | %s | %s |%n",
        target,
        Double.isNaN(ratio) ? MISSING : String.format(Locale.ROOT, "%.2f", ratio),
        Double.isNaN(ratio) ? MISSING : ratio <= bound ? "yes" : "no");
  }

  private static String micros(double value) {
    return String.format(Locale.ROOT, "%+.1f µs", value);
  }
}
