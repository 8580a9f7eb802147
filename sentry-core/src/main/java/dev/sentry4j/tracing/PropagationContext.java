package dev.sentry4j.tracing;

import dev.sentry4j.internal.Ids;
import java.util.Collections;
import java.util.Map;

/**
 * The trace a scope belongs to when no span is active: trace id, span id, the upstream parent span
 * id, the sampling decision and random value, and the Dynamic Sampling Context received or frozen.
 * Every scope has one from the start. Immutable.
 */
public final class PropagationContext {
  private final String traceId;
  private final String spanId;
  private final String parentSpanId;
  private final Boolean sampled;
  private final Double sampleRand;
  private final Map<String, String> dynamicSamplingContext;

  /**
   * Creates a propagation context.
   *
   * @param traceId 32 lowercase hex
   * @param spanId 16 lowercase hex
   * @param parentSpanId 16 lowercase hex of the upstream span, or {@code null}
   * @param sampled the upstream decision, or {@code null} when deferred
   * @param sampleRand the trace's random value in [0, 1), or {@code null} until needed
   * @param dynamicSamplingContext the frozen DSC ({@code sentry-} prefix removed), or {@code null}
   */
  public PropagationContext(
      String traceId,
      String spanId,
      String parentSpanId,
      Boolean sampled,
      Double sampleRand,
      Map<String, String> dynamicSamplingContext) {
    this.traceId = traceId;
    this.spanId = spanId;
    this.parentSpanId = parentSpanId;
    this.sampled = sampled;
    this.sampleRand = sampleRand;
    this.dynamicSamplingContext =
        dynamicSamplingContext == null ? null : Collections.unmodifiableMap(dynamicSamplingContext);
  }

  /** A new trace: random ids, no parent, no decision. */
  public static PropagationContext newTrace() {
    return new PropagationContext(Ids.newId32(), Ids.newId16(), null, null, null, null);
  }

  /** The trace id. */
  public String getTraceId() {
    return traceId;
  }

  /** This scope's span id. */
  public String getSpanId() {
    return spanId;
  }

  /** The upstream span id, or {@code null}. */
  public String getParentSpanId() {
    return parentSpanId;
  }

  /** The upstream sampling decision, or {@code null}. */
  public Boolean getSampled() {
    return sampled;
  }

  /** The trace's random value, or {@code null}. */
  public Double getSampleRand() {
    return sampleRand;
  }

  /** The frozen Dynamic Sampling Context, or {@code null} when not yet frozen. */
  public Map<String, String> getDynamicSamplingContext() {
    return dynamicSamplingContext;
  }

  /** This context as the trace of an event captured with no active span. */
  public TraceContext toTraceContext() {
    return new TraceContext(traceId, spanId, parentSpanId, null, null, sampled);
  }
}
