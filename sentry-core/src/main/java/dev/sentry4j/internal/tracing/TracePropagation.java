package dev.sentry4j.internal.tracing;

import dev.sentry4j.internal.Ids;
import dev.sentry4j.internal.SampleRand;
import dev.sentry4j.options.SentryOptions;
import dev.sentry4j.spi.Diagnostics;
import dev.sentry4j.tracing.PropagationContext;
import java.util.Map;

/**
 * Turns incoming request headers into a propagation context ({@code continueTrace}): {@code
 * sentry-trace} (else W3C {@code traceparent}) gives the trace, the upstream span and its decision
 * (of a comma-joined value, the first valid one); Sentry's {@code baggage} members give the Dynamic
 * Sampling Context, frozen at once and passed on (other vendors' members are not kept; {@code
 * sample_rate} is updated to the rate of the decision this service makes, as in the Python SDK). A
 * baggage naming another trace than {@code sentry-trace} loses only its DSC, with a debug line.
 * Missing or malformed headers, a foreign org id, or anything unexpected give a new trace.
 * Internal, may change. Thread-safe (stateless).
 */
public final class TracePropagation {
  private TracePropagation() {}

  /**
   * The propagation context for a request with these headers; never throws.
   *
   * @param headers header names (any case) to values; may be {@code null}
   */
  public static PropagationContext fromHeaders(Map<String, String> headers, SentryOptions options) {
    try {
      return read(headers, options);
    } catch (RuntimeException e) { // a hostile Map implementation, say
      Diagnostics.warn("continueTrace", "Could not read the trace headers; a new trace starts", e);
      return PropagationContext.newTrace();
    }
  }

  private static PropagationContext read(Map<String, String> headers, SentryOptions options) {
    if (headers == null || headers.isEmpty()) {
      return PropagationContext.newTrace();
    }
    TraceHeaders.Parsed sentryTrace = null;
    TraceHeaders.Parsed traceparent = null;
    StringBuilder baggage = null;
    for (Map.Entry<String, String> e : headers.entrySet()) {
      String name = e.getKey();
      String value = e.getValue();
      if (name == null || value == null) {
        continue;
      }
      name = name.trim();
      if (sentryTrace == null && name.equalsIgnoreCase(TraceHeaders.SENTRY_TRACE)) {
        sentryTrace = TraceHeaders.parseSentryTraceList(value);
      } else if (traceparent == null && name.equalsIgnoreCase(TraceHeaders.TRACEPARENT)) {
        traceparent = TraceHeaders.parseTraceparent(value);
      } else if (name.equalsIgnoreCase(TraceHeaders.BAGGAGE)) {
        baggage = baggage == null ? new StringBuilder(value) : baggage.append(',').append(value);
      }
    }
    TraceHeaders.Parsed parent = sentryTrace != null ? sentryTrace : traceparent;
    if (parent == null) {
      return PropagationContext.newTrace();
    }
    Map<String, String> dsc =
        Baggage.parseSentryMembers(baggage == null ? null : baggage.toString());
    String dscTraceId = dsc.get("trace_id");
    if (dscTraceId != null && !dscTraceId.equalsIgnoreCase(parent.traceId())) {
      Diagnostics.debug(
          "Incoming baggage names trace "
              + dscTraceId
              + " but sentry-trace "
              + parent.traceId()
              + ": the trace is continued without the baggage's sampling context");
      dsc.clear();
    } else if (dscTraceId != null) {
      dsc.put("trace_id", parent.traceId()); // the same id, in the lowercase Relay expects
    }
    String theirOrg = dsc.get("org_id");
    String ourOrg = options.getOrgId();
    if (theirOrg != null && ourOrg != null && !theirOrg.equals(ourOrg)) {
      Diagnostics.debug(
          "Incoming trace of org " + theirOrg + " not continued (ours is " + ourOrg + ")");
      return PropagationContext.newTrace();
    }
    if (options.isStrictTraceContinuation() && (theirOrg == null) != (ourOrg == null)) {
      Diagnostics.debug(
          "Incoming trace not continued: strictTraceContinuation and one org id unknown");
      return PropagationContext.newTrace();
    }
    Boolean sampled = parent.sampled();
    if (sampled == null && dsc.containsKey("sampled")) {
      String s = dsc.get("sampled");
      sampled = "true".equals(s) ? Boolean.TRUE : "false".equals(s) ? Boolean.FALSE : null;
    }
    Double rand = SampleRand.parse(dsc.get("sample_rand"));
    if (rand == null) {
      Double rate = SampleRand.parseRate(dsc.get("sample_rate"));
      rand =
          rate != null && sampled != null
              ? SampleRand.consistentWith(rate, sampled)
              : SampleRand.next();
      if (!dsc.isEmpty()) {
        dsc.put("sample_rand", SampleRand.format(rand)); // backfilled before the DSC is frozen
      }
    }
    if (!dsc.isEmpty()) {
      // Relay needs both to use a DSC; fill them only when the upstream left them out
      dsc.putIfAbsent("trace_id", parent.traceId());
      if (options.getDsn() != null) {
        dsc.putIfAbsent("public_key", options.getDsn().getPublicKey());
      }
    }
    return new PropagationContext(
        parent.traceId(),
        Ids.newId16(),
        parent.spanId(),
        sampled,
        rand,
        dsc.isEmpty() ? null : dsc);
  }
}
