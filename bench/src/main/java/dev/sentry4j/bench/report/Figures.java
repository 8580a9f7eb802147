package dev.sentry4j.bench.report;

import java.util.Arrays;

/** The arithmetic the reports share: a median, and an overhead as a share of another's. */
final class Figures {
  private Figures() {}

  /** The median of {@code values} (not changed), NaN when there are none. */
  static double median(double[] values) {
    if (values.length == 0) {
      return Double.NaN;
    }
    double[] sorted = values.clone();
    Arrays.sort(sorted);
    int mid = sorted.length / 2;
    return sorted.length % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
  }

  /**
   * {@code ours}' overhead over {@code floor} as a share of {@code reference}'s; NaN when the
   * reference has no overhead to compare with.
   */
  static double overheadRatio(double ours, double reference, double floor) {
    double refOverhead = reference - floor;
    return refOverhead <= 0 ? Double.NaN : (ours - floor) / refOverhead;
  }
}
