package dev.sentry4j.tracing;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What a {@link TracesSampler} knows about a transaction about to start: its name, operation and
 * name source, its trace, the upstream sampling decision and rate when the trace was continued, and
 * the custom sampling context passed in {@link TransactionOptions}. Immutable.
 */
public final class SamplingContext {
  private final String transactionName;
  private final String operation;
  private final TransactionSource source;
  private final String traceId;
  private final Boolean parentSampled;
  private final Double parentSampleRate;
  private final double sampleRand;
  private final Map<String, Object> customSamplingContext;

  /**
   * Creates a sampling context (the SDK makes them; tests of a sampler may too).
   *
   * @param transactionName the transaction's name
   * @param operation the transaction's operation
   * @param source how the name was made
   * @param traceId the trace id (32 lowercase hex)
   * @param parentSampled the upstream decision, or {@code null} when none or deferred
   * @param parentSampleRate the upstream sample rate from its baggage, or {@code null}
   * @param sampleRand the trace's random value in [0, 1)
   * @param customSamplingContext your own values, or {@code null}
   */
  public SamplingContext(
      String transactionName,
      String operation,
      TransactionSource source,
      String traceId,
      Boolean parentSampled,
      Double parentSampleRate,
      double sampleRand,
      Map<String, Object> customSamplingContext) {
    this.transactionName = transactionName;
    this.operation = operation;
    this.source = source == null ? TransactionSource.CUSTOM : source;
    this.traceId = traceId;
    this.parentSampled = parentSampled;
    this.parentSampleRate = parentSampleRate;
    this.sampleRand = sampleRand;
    this.customSamplingContext =
        customSamplingContext == null || customSamplingContext.isEmpty()
            ? Collections.emptyMap()
            : Collections.unmodifiableMap(new LinkedHashMap<>(customSamplingContext));
  }

  /** The transaction's name. */
  public String getTransactionName() {
    return transactionName;
  }

  /** The transaction's operation, e.g. {@code http.server}. */
  public String getOperation() {
    return operation;
  }

  /** How the name was made. */
  public TransactionSource getSource() {
    return source;
  }

  /** The trace id. */
  public String getTraceId() {
    return traceId;
  }

  /** The upstream service's decision, or {@code null} when this is a new trace or it deferred. */
  public Boolean getParentSampled() {
    return parentSampled;
  }

  /**
   * The sample rate the upstream service used (its baggage's {@code sentry-sample_rate}), or {@code
   * null}. Returning it from the sampler keeps distributed traces whole.
   */
  public Double getParentSampleRate() {
    return parentSampleRate;
  }

  /** The trace's random value in [0, 1): a rate keeps the transaction when this is below it. */
  public double getSampleRand() {
    return sampleRand;
  }

  /** The custom sampling context from {@link TransactionOptions}; empty when none. */
  public Map<String, Object> getCustomSamplingContext() {
    return customSamplingContext;
  }

  @Override
  public String toString() {
    return "SamplingContext["
        + operation
        + " '"
        + transactionName
        + "' parentSampled="
        + parentSampled
        + "]";
  }
}
