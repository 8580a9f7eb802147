/**
 * The tracing implementation: one span class ({@code SentrySpan}) and one transaction class ({@code
 * SentryTransaction}), each recording or not as the sampling decision says, timed by an injectable
 * {@code SpanClock}; head sampling, the Dynamic Sampling Context, and reading and writing trace
 * headers. Spans report to {@code TracingScopes}, which the scope machinery implements. Internal,
 * may change.
 */
package dev.sentry4j.internal.tracing;
