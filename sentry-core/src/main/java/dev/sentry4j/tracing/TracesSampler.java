package dev.sentry4j.tracing;

/**
 * Decides, per new transaction, the share of such transactions to keep. Configured with {@code
 * SentryOptions.Builder.setTracesSampler}; it wins over {@code tracesSampleRate}.
 *
 * <pre>{@code
 * options.setTracesSampler(ctx -> {
 *   if (ctx.getParentSampleRate() != null) return ctx.getParentSampleRate(); // keep traces whole
 *   return ctx.getTransactionName().startsWith("GET /health") ? 0.0 : 0.2;
 * });
 * }</pre>
 *
 * <p>Runs on the thread that starts the transaction, so it must be fast and thread-safe. An
 * exception it throws is logged in the SDK's diagnostics and the next rule decides (the parent's
 * decision, then {@code tracesSampleRate}).
 */
@FunctionalInterface
public interface TracesSampler {
  /**
   * Returns the sample rate for this transaction.
   *
   * @param context what is known about the transaction
   * @return a rate from 0.0 to 1.0 (the transaction is kept when the trace's {@code sample_rand} is
   *     below it), or {@code null} to let the parent's decision or {@code tracesSampleRate} decide;
   *     a value outside 0..1 counts as 0 and is reported in the diagnostics
   */
  Double sample(SamplingContext context);
}
