package dev.sentry4j.internal.tracing;

import dev.sentry4j.options.SentryOptions;
import dev.sentry4j.spi.Diagnostics;
import dev.sentry4j.tracing.SamplingContext;
import dev.sentry4j.tracing.TracesSampler;

/**
 * Head sampling of a new transaction, in the order of Sentry's SDKs: an explicit decision, then the
 * {@code tracesSampler}, then the parent's decision, then {@code tracesSampleRate}, else not
 * sampled. A rate keeps the transaction when the trace's {@code sample_rand} is below it, so that
 * {@code sample_rand < sample_rate} exactly when sampled. Internal, may change. Thread-safe
 * (stateless).
 */
public final class Sampler {
  private Sampler() {}

  /**
   * A sampling decision and the rate it used ({@code null} when inherited without a known rate).
   */
  public static final class Decision {
    private final boolean sampled;
    private final Double sampleRate;

    Decision(boolean sampled, Double sampleRate) {
      this.sampled = sampled;
      this.sampleRate = sampleRate;
    }

    /** Whether the transaction is recorded and sent. */
    public boolean sampled() {
      return sampled;
    }

    /** The rate used, for the DSC's {@code sample_rate}, or {@code null}. */
    public Double sampleRate() {
      return sampleRate;
    }
  }

  /**
   * Decides for one transaction; never throws. With tracing not configured (no {@code
   * tracesSampleRate}, no {@code tracesSampler}) nothing is sampled, as in the Python SDK.
   *
   * @param explicit the decision passed in {@code TransactionOptions}, or {@code null}
   */
  public static Decision decide(SentryOptions options, Boolean explicit, SamplingContext context) {
    if (!options.isTracingEnabled()) { // tracing without performance: a real trace, never sent
      return new Decision(false, null);
    }
    if (explicit != null) {
      return new Decision(explicit, explicit ? 1.0 : 0.0);
    }
    TracesSampler sampler = options.getTracesSampler();
    if (sampler != null) {
      Double rate = null;
      try {
        rate = sampler.sample(context);
      } catch (RuntimeException e) {
        Diagnostics.error(
            "tracesSampler", "tracesSampler threw; the next sampling rule decides", e);
      }
      if (rate != null) {
        if (!(rate >= 0.0 && rate <= 1.0)) {
          Diagnostics.warn(
              "tracesSampler", "tracesSampler returned " + rate + " (not 0..1); not sampled", null);
          return new Decision(false, 0.0);
        }
        return new Decision(context.getSampleRand() < rate, rate);
      }
    }
    if (context.getParentSampled() != null) {
      return new Decision(context.getParentSampled(), context.getParentSampleRate());
    }
    Double rate = options.getTracesSampleRate();
    if (rate != null) {
      return new Decision(context.getSampleRand() < rate, rate);
    }
    return new Decision(false, null);
  }
}
