/**
 * The client implementation: {@code DefaultSentryClient} runs the capture pipeline on the caller's
 * thread (dedup, scope merge, processors, scrubbing, {@code beforeSend}, sampling) and hands
 * events, transactions and logs to the transport; {@code NoOpSentryClient} is the client before
 * {@code init}. Internal, may change.
 */
package dev.sentry4j.internal.client;
