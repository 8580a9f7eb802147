package dev.sentry4j.internal.logs;

import dev.sentry4j.clientreport.DataCategory;
import dev.sentry4j.clientreport.DiscardReason;
import dev.sentry4j.internal.MemoryBudget;
import dev.sentry4j.internal.clientreport.DiscardCounter;
import dev.sentry4j.internal.privacy.Scrubber;
import dev.sentry4j.internal.transport.Transport;
import dev.sentry4j.logs.LogItem;
import dev.sentry4j.options.SentryOptions;
import dev.sentry4j.spi.Diagnostics;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The Sentry Logs pipeline: a bounded {@link LogBuffer}, the {@link LogProcessor} (default
 * attributes, scrubbing, {@code beforeSendLog}) and the {@link LogExporter} (JSON, one envelope per
 * batch, to the {@link Transport}); this class decides when batches go: when {@code logsBatchSize}
 * (100) are waiting, or {@code logsFlushInterval} (5 s) after the first one, or on {@link
 * #flush}/{@link #close}. Internal, may change.
 *
 * <p>The logging thread only appends a frozen {@link LogItem} to the buffer ({@link #add}): at most
 * {@code maxLogsInMemory} records and {@link #DEFAULT_MAX_BYTES_IN_MEMORY} estimated bytes; what
 * does not fit is dropped and counted as {@code buffer_overflow} under {@code log_item} and {@code
 * log_byte}. Processing and export run on the {@link LogScheduler}'s SDK thread, or on the thread
 * that calls {@code flush}/{@code close}, so records leave the heap as soon as their batch is made.
 *
 * <p>Backpressure: at most {@link #MAX_IN_FLIGHT_BYTES} of log payloads may wait in the transport's
 * queue. Beyond that, size- and time-triggered flushes leave the records in the bounded buffer
 * (which then drops and counts) until the transport's worker takes an envelope, so a burst cannot
 * fill the heap through the transport's queue.
 *
 * <p>Thread-safe: {@link #add} takes the buffer's short lock; batches are made under a second lock,
 * so they reach the transport in order and {@code flush} waits for a batch another thread is
 * making.
 */
public final class LogBatcher {
  /** See {@link LogBufferLimits#DEFAULT_MAX_BYTES_IN_MEMORY}. */
  public static final long DEFAULT_MAX_BYTES_IN_MEMORY =
      LogBufferLimits.DEFAULT_MAX_BYTES_IN_MEMORY;

  /** See {@link LogBufferLimits#MAX_BATCH_BYTES}. */
  public static final long MAX_BATCH_BYTES = LogBufferLimits.MAX_BATCH_BYTES;

  /** See {@link LogBufferLimits#MAX_IN_FLIGHT_BYTES}. */
  public static final long MAX_IN_FLIGHT_BYTES = LogBufferLimits.MAX_IN_FLIGHT_BYTES;

  private final LogBufferLimits limits;
  private final LogBuffer buffer;
  private final LogProcessor processor;
  private final LogExporter exporter;
  private final DiscardCounter discards;
  private final LogScheduler scheduler;
  private final Duration flushInterval;
  private final ReentrantLock sendLock = new ReentrantLock();
  private volatile boolean stalled; // a scheduled flush stopped at MAX_IN_FLIGHT_BYTES

  /**
   * Creates a batcher with the default memory bound.
   *
   * @param options {@code logsBatchSize}, {@code logsFlushInterval}, {@code maxLogsInMemory},
   *     {@code beforeSendLog} and the values of the default attributes
   * @param transport where envelopes go
   * @param discards where drops are counted
   * @param scheduler runs size- and time-triggered flushes
   */
  public LogBatcher(
      SentryOptions options, Transport transport, DiscardCounter discards, LogScheduler scheduler) {
    this(options, transport, discards, scheduler, MemoryBudget.logBytes());
  }

  /**
   * Creates a batcher.
   *
   * @param maxBytesInMemory estimated bytes of records buffered at most
   */
  public LogBatcher(
      SentryOptions options,
      Transport transport,
      DiscardCounter discards,
      LogScheduler scheduler,
      long maxBytesInMemory) {
    this.limits = LogBufferLimits.of(options, maxBytesInMemory);
    this.buffer = new LogBuffer(limits);
    this.processor = new LogProcessor(options);
    this.exporter = new LogExporter(transport, discards, this::released);
    this.discards = discards;
    this.scheduler = scheduler;
    this.flushInterval = options.getLogsFlushInterval();
  }

  /**
   * Buffers a record (called on the logging thread: a lock, an append, no JSON). Never throws.
   *
   * @return false when it was dropped (and counted) because the buffer is full or closed
   */
  public boolean add(LogItem item) {
    long size = LogBuffer.estimateBytes(item);
    LogBuffer.Offer offer = buffer.offer(item, size);
    switch (offer) {
      case DROPPED_FULL:
      case DROPPED_CLOSED:
        DiscardReason reason =
            offer == LogBuffer.Offer.DROPPED_FULL
                ? DiscardReason.BUFFER_OVERFLOW
                : DiscardReason.QUEUE_OVERFLOW;
        discards.record(reason, DataCategory.LOG_ITEM, 1);
        discards.record(reason, DataCategory.LOG_BYTE, size);
        Diagnostics.warn(
            offer == LogBuffer.Offer.DROPPED_FULL
                ? "Sentry Logs buffer full (maxLogsInMemory); log records are dropped and counted"
                : "Sentry Logs record dropped: the client is closed");
        return false;
      case ACCEPTED_FULL:
        scheduler.schedule(this::flushFullBatches, Duration.ZERO);
        return true;
      case ACCEPTED_FULL_ARM_TIMER:
        scheduler.schedule(this::flushFullBatches, Duration.ZERO);
        scheduler.schedule(this::flushOnTimer, flushInterval);
        return true;
      case ACCEPTED_ARM_TIMER:
        scheduler.schedule(this::flushOnTimer, flushInterval);
        return true;
      default:
        return true;
    }
  }

  /**
   * Sends everything buffered now, on the calling thread, waiting at most {@code timeout} for a
   * batch another thread is making. Records added meanwhile wait for the next flush.
   *
   * @return true when everything buffered at the call was handed to the transport
   */
  public boolean flush(Duration timeout) {
    long deadline = System.nanoTime() + Math.max(0, timeout.toNanos());
    try {
      if (!sendLock.tryLock(Math.max(0, timeout.toNanos()), TimeUnit.NANOSECONDS)) {
        return false;
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
    try {
      int budget = buffer.size();
      while (budget > 0) {
        if (System.nanoTime() - deadline > 0) {
          return false;
        }
        List<LogItem> batch = buffer.takeBatch(false, budget);
        if (batch == null) {
          break;
        }
        budget -= batch.size();
        send(batch);
      }
      return true;
    } finally {
      sendLock.unlock();
    }
  }

  /**
   * Sends what is buffered (at most {@code timeout}), then refuses new records and stops the
   * scheduler.
   */
  public void close(Duration timeout) {
    if (!buffer.close()) {
      return;
    }
    if (!flush(timeout)) {
      Diagnostics.warn("Closing before all Sentry Logs were sent; the rest is dropped and counted");
    }
    scheduler.shutdown();
    for (LogItem item : buffer.drainAll()) {
      discards.record(DiscardReason.QUEUE_OVERFLOW, DataCategory.LOG_ITEM, 1);
      discards.record(
          DiscardReason.QUEUE_OVERFLOW, DataCategory.LOG_BYTE, LogBuffer.estimateBytes(item));
    }
  }

  /** Filters sensitive attributes and message parameters before {@code beforeSendLog} sees them. */
  public void setScrubber(Scrubber scrubber) {
    processor.setScrubber(scrubber);
  }

  /** Records buffered now (health and tests). */
  public int bufferedCount() {
    return buffer.size();
  }

  /** Estimated bytes buffered now (health and tests). */
  public long bufferedBytes() {
    return buffer.bytes();
  }

  /**
   * Serialized log bytes handed to the transport and not yet taken by its worker (tests, health).
   */
  public long inFlightBytes() {
    return exporter.inFlightBytes();
  }

  /** Size-triggered: sends every full batch, leaves the rest for the timer. */
  private void flushFullBatches() {
    buffer.fullFlushStarted();
    sendLock.lock();
    try {
      drain(true);
    } finally {
      sendLock.unlock();
    }
  }

  /** Time-triggered: sends everything buffered; the next record arms the timer again. */
  private void flushOnTimer() {
    buffer.timerFired();
    sendLock.lock();
    try {
      drain(false);
    } finally {
      sendLock.unlock();
    }
  }

  /**
   * After a stall: the transport took some envelopes, so send on, and make sure a timer is armed.
   */
  private void resume() {
    flushFullBatches();
    if (buffer.armTimerIfWaiting()) {
      scheduler.schedule(this::flushOnTimer, flushInterval);
    }
  }

  /**
   * Sends batches (only full ones when asked) while the transport has room for more log bytes, at
   * most what was buffered at the start. Holds sendLock.
   */
  private void drain(boolean onlyFull) {
    int budget = buffer.size();
    while (budget > 0) {
      while (budget > 0 && exporter.inFlightBytes() < limits.maxInFlightBytes) {
        List<LogItem> batch = buffer.takeBatch(onlyFull, budget);
        if (batch == null) {
          return;
        }
        budget -= batch.size();
        send(batch);
      }
      if (budget <= 0) {
        return;
      }
      stalled = true;
      if (exporter.inFlightBytes() >= limits.maxInFlightBytes) {
        return; // released() will resume
      }
      stalled = false; // the worker took something meanwhile: go on
    }
  }

  private void released(long bytes) {
    if (stalled) {
      stalled = false;
      scheduler.schedule(this::resume, Duration.ZERO);
    }
  }

  /** Processes a batch (drops counted as {@code before_send}) and exports what is left. */
  private void send(List<LogItem> batch) {
    Map<String, Object> defaults = processor.defaults();
    List<LogItem> out = new ArrayList<>(batch.size());
    for (LogItem item : batch) {
      LogItem processed = processor.process(item, defaults);
      if (processed == null) {
        discards.record(DiscardReason.BEFORE_SEND, DataCategory.LOG_ITEM, 1);
        discards.record(
            DiscardReason.BEFORE_SEND, DataCategory.LOG_BYTE, LogBuffer.estimateBytes(item));
      } else {
        out.add(processed);
      }
    }
    exporter.export(out);
  }

  /** See {@link LogBuffer#estimateBytes}. */
  static long estimateBytes(LogItem item) {
    return LogBuffer.estimateBytes(item);
  }
}
