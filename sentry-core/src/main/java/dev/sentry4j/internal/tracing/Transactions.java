package dev.sentry4j.internal.tracing;

import dev.sentry4j.internal.Ids;
import dev.sentry4j.internal.SampleRand;
import dev.sentry4j.options.SentryOptions;
import dev.sentry4j.tracing.PropagationContext;
import dev.sentry4j.tracing.SamplingContext;
import dev.sentry4j.tracing.Transaction;
import dev.sentry4j.tracing.TransactionOptions;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Starts transactions for {@code Scopes}: picks the trace (a new one, or the continued one of a
 * propagation context), samples, and makes a recording transaction or an unsampled no-op one. It
 * does not bind them to a scope. Internal, may change. Thread-safe (stateless).
 */
public final class Transactions {
  /** The name used when none is given (as Sentry's SDKs do). */
  public static final String UNLABELED = "<unlabeled transaction>";

  /** Where the clocks of new transactions come from: the system's, unless a test drives time. */
  private static volatile Supplier<SpanClock> clocks = SpanClock::system;

  private Transactions() {}

  /**
   * Times the transactions started from now on with clocks from {@code source}, so that a test
   * drives their times by hand through the public API; {@code null} restores the system clock.
   */
  public static void useClocks(Supplier<SpanClock> source) {
    clocks = source == null ? SpanClock::system : source;
  }

  /**
   * Starts a transaction; never throws.
   *
   * @param options the options of the client that will send it (tracing enabled)
   * @param scopes the scopes it is captured with unless it is bound to others
   * @param name its name ({@code null} becomes {@value #UNLABELED})
   * @param operation its operation
   * @param txOptions source, custom sampling context, start time, explicit decision
   * @param continued the propagation context of a continued trace, or {@code null} for a new trace
   */
  public static Transaction start(
      SentryOptions options,
      TracingScopes scopes,
      String name,
      String operation,
      TransactionOptions txOptions,
      PropagationContext continued) {
    return start(options, scopes, name, operation, txOptions, continued, clocks.get());
  }

  /**
   * Like {@link #start(SentryOptions, TracingScopes, String, String, TransactionOptions,
   * PropagationContext)}, timing the transaction and its spans with {@code clock}.
   */
  public static Transaction start(
      SentryOptions options,
      TracingScopes scopes,
      String name,
      String operation,
      TransactionOptions txOptions,
      PropagationContext continued,
      SpanClock clock) {
    String txName = name == null ? UNLABELED : name;
    String traceId;
    String parentSpanId;
    Boolean parentSampled;
    Double parentSampleRate;
    double sampleRand;
    Map<String, String> incomingDsc;
    if (continued == null) {
      traceId = Ids.newId32();
      parentSpanId = null;
      parentSampled = null;
      parentSampleRate = null;
      sampleRand = SampleRand.next();
      incomingDsc = null;
    } else {
      traceId = continued.getTraceId();
      parentSpanId = continued.getParentSpanId();
      parentSampled = continued.getSampled();
      incomingDsc = continued.getDynamicSamplingContext();
      parentSampleRate =
          incomingDsc == null ? null : SampleRand.parseRate(incomingDsc.get("sample_rate"));
      sampleRand =
          continued.getSampleRand() != null ? continued.getSampleRand() : SampleRand.next();
    }
    SamplingContext context =
        new SamplingContext(
            txName,
            operation,
            txOptions.getSource(),
            traceId,
            parentSampled,
            parentSampleRate,
            sampleRand,
            txOptions.getCustomSamplingContext());
    Sampler.Decision decision = Sampler.decide(options, txOptions.getSampled(), context);
    incomingDsc = withDecidedRate(incomingDsc, decision);
    long start =
        txOptions.getStartTimestamp() == null
            ? clock.now()
            : SpanClock.toEpochNanos(txOptions.getStartTimestamp());
    SpanRecord root = new SpanRecord(traceId, Ids.newId16(), parentSpanId, operation, null, start);
    TraceDecision state =
        new TraceDecision(
            decision.sampled(), decision.sampled(), decision.sampleRate(), sampleRand, incomingDsc);
    return new SentryTransaction(
        options, scopes, txName, txOptions.getSource(), root, state, clock);
  }

  /**
   * The incoming DSC with {@code sample_rate} set to the rate of the decision made here (an
   * explicit decision, the {@code tracesSampler}, or {@code tracesSampleRate}), as the Python SDK
   * and sentry-java do since 2025 so that Sentry extrapolates with the rate really used; unchanged
   * when the parent's decision was inherited (the rate is then the upstream one) or there is none.
   */
  static Map<String, String> withDecidedRate(Map<String, String> dsc, Sampler.Decision decision) {
    if (dsc == null || decision.sampleRate() == null) {
      return dsc;
    }
    String rate = SampleRand.formatRate(decision.sampleRate());
    if (rate.equals(dsc.get("sample_rate"))) {
      return dsc;
    }
    Map<String, String> updated = new java.util.LinkedHashMap<>(dsc);
    updated.put("sample_rate", rate);
    return java.util.Collections.unmodifiableMap(updated);
  }
}
