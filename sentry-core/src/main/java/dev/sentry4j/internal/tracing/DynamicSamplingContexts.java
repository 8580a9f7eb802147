package dev.sentry4j.internal.tracing;

import dev.sentry4j.internal.SampleRand;
import dev.sentry4j.options.SentryOptions;
import dev.sentry4j.tracing.PropagationContext;
import dev.sentry4j.tracing.TransactionSource;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Builds the Dynamic Sampling Context of a trace this process heads: from a transaction (name when
 * the source is not {@code url}, the rate used, {@code sample_rand}, the decision) or, without one,
 * from the scope's propagation context. Values are strings, keys without the {@code sentry-}
 * prefix. Internal, may change. Thread-safe (stateless).
 */
public final class DynamicSamplingContexts {
  private DynamicSamplingContexts() {}

  /**
   * The DSC of a transaction that heads its trace here (or continues one that arrived without
   * Sentry baggage).
   *
   * @param sampleRate the rate the decision used, or {@code null} when unknown (an inherited
   *     decision)
   */
  public static Map<String, String> forTransaction(
      SentryOptions options,
      String traceId,
      String name,
      TransactionSource source,
      Double sampleRate,
      double sampleRand,
      Boolean sampled) {
    Map<String, String> dsc = base(options, traceId);
    if (name != null && !name.isEmpty() && source != TransactionSource.URL) {
      dsc.put("transaction", name);
    }
    if (sampleRate != null) {
      dsc.put("sample_rate", SampleRand.formatRate(sampleRate));
    }
    dsc.put("sample_rand", SampleRand.format(sampleRand));
    if (sampled != null) {
      dsc.put("sampled", sampled ? "true" : "false");
    }
    putOrg(dsc, options);
    return Collections.unmodifiableMap(dsc);
  }

  /**
   * The DSC of a trace without a transaction here: ids and options only (as the Java SDK does, no
   * decision or rate, which only a transaction knows).
   */
  public static Map<String, String> forPropagation(
      SentryOptions options, PropagationContext context) {
    Map<String, String> dsc = base(options, context.getTraceId());
    if (context.getSampleRand() != null) {
      dsc.put("sample_rand", SampleRand.format(context.getSampleRand()));
    }
    putOrg(dsc, options);
    return Collections.unmodifiableMap(dsc);
  }

  /** A DSC knowing only the trace id and the options (an event captured without scopes). */
  public static Map<String, String> forTraceId(SentryOptions options, String traceId) {
    Map<String, String> dsc = base(options, traceId);
    putOrg(dsc, options);
    return Collections.unmodifiableMap(dsc);
  }

  private static Map<String, String> base(SentryOptions options, String traceId) {
    Map<String, String> dsc = new LinkedHashMap<>();
    dsc.put("trace_id", traceId);
    if (options.getDsn() != null) {
      dsc.put("public_key", options.getDsn().getPublicKey());
    }
    if (options.getRelease() != null) {
      dsc.put("release", options.getRelease());
    }
    if (options.getEnvironment() != null) {
      dsc.put("environment", options.getEnvironment());
    }
    return dsc;
  }

  private static void putOrg(Map<String, String> dsc, SentryOptions options) {
    if (options.getOrgId() != null) {
      dsc.put("org_id", options.getOrgId());
    }
  }
}
