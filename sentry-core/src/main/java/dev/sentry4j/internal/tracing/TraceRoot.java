package dev.sentry4j.internal.tracing;

import java.util.Map;

/**
 * What a no-op span needs from the transaction it belongs to: the trace's Dynamic Sampling Context,
 * and a count of children it did not record (for client reports).
 */
interface TraceRoot {
  /** The trace's DSC; reading it freezes it. */
  Map<String, String> getDynamicSamplingContext();

  /** Counts one child span that was started but not recorded. */
  void countUnrecordedChild();
}
