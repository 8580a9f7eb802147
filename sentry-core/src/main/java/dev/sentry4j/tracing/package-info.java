/**
 * The tracing API: {@link dev.sentry4j.tracing.Span} and {@link dev.sentry4j.tracing.Transaction},
 * their options and status, sampling ({@link dev.sentry4j.tracing.TracesSampler}, {@link
 * dev.sentry4j.tracing.SamplingContext}) and the values that carry a trace ({@link
 * dev.sentry4j.tracing.PropagationContext}, {@link dev.sentry4j.tracing.TraceContext}, {@link
 * dev.sentry4j.tracing.SpanData}). Interfaces and values only; the span and transaction
 * implementation is in {@code dev.sentry4j.internal.tracing}.
 */
package dev.sentry4j.tracing;
