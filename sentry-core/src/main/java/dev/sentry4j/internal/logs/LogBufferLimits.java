package dev.sentry4j.internal.logs;

import dev.sentry4j.options.SentryOptions;

/**
 * The bounds of the Sentry Logs pipeline in one place: records and estimated bytes buffered,
 * records and bytes per batch, and serialized bytes handed to the transport and not yet taken.
 * Immutable. Internal, may change.
 */
public final class LogBufferLimits {
  /** Estimated bytes of buffered records held at most (besides the count bound). */
  public static final long DEFAULT_MAX_BYTES_IN_MEMORY = 4L * 1024 * 1024;

  /**
   * Estimated bytes of one batch at most, well under Relay's envelope limit so that a batch of long
   * records is split rather than rejected.
   */
  public static final long MAX_BATCH_BYTES = 512L * 1024;

  /** Serialized log payloads handed to the transport and not yet taken by its worker, at most. */
  public static final long MAX_IN_FLIGHT_BYTES = 2L * 1024 * 1024;

  final int maxItems;
  final long maxBytes;
  final int batchSize;
  final long maxBatchBytes;
  final long maxInFlightBytes;

  LogBufferLimits(
      int maxItems, long maxBytes, int batchSize, long maxBatchBytes, long maxInFlightBytes) {
    this.maxItems = maxItems;
    this.maxBytes = maxBytes;
    this.batchSize = batchSize;
    this.maxBatchBytes = maxBatchBytes;
    this.maxInFlightBytes = maxInFlightBytes;
  }

  /** The limits of {@code options} ({@code maxLogsInMemory}, {@code logsBatchSize}). */
  static LogBufferLimits of(SentryOptions options, long maxBytesInMemory) {
    return new LogBufferLimits(
        options.getMaxLogsInMemory(),
        maxBytesInMemory,
        options.getLogsBatchSize(),
        MAX_BATCH_BYTES,
        MAX_IN_FLIGHT_BYTES);
  }
}
