package dev.sentry4j.tracing;

import dev.sentry4j.internal.Ids;
import dev.sentry4j.internal.SampleRand;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The trace a scope belongs to when no span is active: trace id, span id, the upstream parent span
 * id, the sampling decision and random value, and the Dynamic Sampling Context received or frozen.
 * Every scope has one from the start; {@code Sentry.continueTrace} replaces it with the incoming
 * trace. Immutable: freezing the DSC replaces the scope's context with a copy.
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
        dynamicSamplingContext == null
            ? null
            : Collections.unmodifiableMap(new LinkedHashMap<>(dynamicSamplingContext));
  }

  /**
   * A new trace: random ids, no parent, no decision, and the trace's {@code sample_rand} (made
   * here, once per trace, so that every transaction and header of the trace agrees on it).
   */
  public static PropagationContext newTrace() {
    return new PropagationContext(
        Ids.newId32(), Ids.newId16(), null, null, SampleRand.next(), null);
  }

  /** A copy with the given (frozen) Dynamic Sampling Context. */
  public PropagationContext withDynamicSamplingContext(Map<String, String> dsc) {
    return new PropagationContext(traceId, spanId, parentSpanId, sampled, sampleRand, dsc);
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

  /**
   * The frozen Dynamic Sampling Context ({@code sentry-} prefix removed), or {@code null} while it
   * is not frozen: received Sentry baggage freezes it at once, otherwise the first outgoing baggage
   * or envelope of the trace does.
   */
  public Map<String, String> getDynamicSamplingContext() {
    return dynamicSamplingContext;
  }

  @Override
  public String toString() {
    return traceId + "-" + spanId + (parentSpanId == null ? "" : " <- " + parentSpanId);
  }

  /** This context as the trace of an event captured with no active span. */
  public TraceContext toTraceContext() {
    return new TraceContext(traceId, spanId, parentSpanId, null, null, sampled);
  }
}
