package dev.sentry4j.internal.tracing;

import dev.sentry4j.internal.SampleRand;

import dev.sentry4j.options.SentryOptions;
import dev.sentry4j.internal.Ids;

import dev.sentry4j.tracing.PropagationContext;
import dev.sentry4j.tracing.SamplingContext;
import dev.sentry4j.tracing.Transaction;
import dev.sentry4j.tracing.TransactionOptions;
import java.util.Map;

/**
 * Starts transactions for {@code Scopes}: picks the trace (a new one, or the continued one of a
 * propagation context), samples, and makes a recording transaction or an unsampled no-op one. It
 * does not bind them to a scope. Internal, may change. Thread-safe (stateless).
 */
public final class Transactions {
  /** The name used when none is given (as Sentry's SDKs do). */
  public static final String UNLABELED = "<unlabeled transaction>";

  private Transactions() {}

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
      parentSampleRate = incomingDsc == null ? null : SampleRand.parseRate(incomingDsc.get("sample_rate"));
      sampleRand = continued.getSampleRand() != null ? continued.getSampleRand() : SampleRand.next();
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
    if (decision.sampled()) {
      return new RecordingTransaction(
          options,
          scopes,
          txName,
          txOptions.getSource(),
          operation,
          traceId,
          parentSpanId,
          txOptions.getStartTimestamp(),
          decision.sampleRate(),
          sampleRand,
          incomingDsc);
    }
    return NoOpTransaction.unsampled(
        options,
        scopes,
        txName,
        txOptions.getSource(),
        operation,
        traceId,
        parentSpanId,
        decision.sampleRate(),
        sampleRand,
        incomingDsc);
  }
}
