/**
 * The Sentry Logs pipeline, one job per class: {@code LogBuffer} (the bounded buffer the logging
 * threads append to, its limits in {@code LogBufferLimits}), {@code LogProcessor} (the pure step:
 * default attributes, scrubbing, {@code beforeSendLog}), {@code LogExporter} (JSON, one envelope
 * per batch, handed to the transport with in-flight accounting) and {@code LogBatcher}, which
 * decides when a batch goes (size, timer, flush, close) and runs the others on the {@code
 * LogScheduler}'s SDK thread. Internal, may change: the public API is {@link dev.sentry4j.logs}.
 */
package dev.sentry4j.internal.logs;
