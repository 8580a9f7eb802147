package dev.sentry4j.client;

import dev.sentry4j.event.Event;
import dev.sentry4j.event.Hint;
import dev.sentry4j.event.SentryId;
import dev.sentry4j.event.TransactionEvent;
import dev.sentry4j.logs.LogItem;
import dev.sentry4j.options.SentryOptions;
import dev.sentry4j.scope.ScopeLayers;
import java.time.Duration;

/**
 * Processes captured events and hands them to the transport. {@link
 * dev.sentry4j.Sentry#getClient()} returns the installed one, or a no-op client before {@code
 * init}. Implementations are thread-safe and never throw from capture methods.
 */
public interface SentryClient {
  /** Whether this client sends anything (a DSN is set and it is not closed). */
  boolean isEnabled();

  /** The options it was made with. */
  SentryOptions getOptions();

  /**
   * Samples {@code event}, snapshots the scopes and queues it; the scopes, processors and {@code
   * beforeSend} are applied later on the SDK's worker.
   *
   * @param event the event; the client may change it, also after this call returned (do not reuse
   *     it)
   * @param hint extra information for callbacks; may be {@code null}; read on the worker
   * @param scopes the scopes to apply (snapshotted now)
   * @return the event id once the event is queued (it may still be dropped by {@code beforeSend} or
   *     a processor, counted in client reports), or {@link SentryId#EMPTY} when it was not queued
   *     (sampled out, a duplicate, no room, rate-limited)
   */
  SentryId captureEvent(Event event, Hint hint, ScopeLayers scopes);

  /**
   * Sends a finished transaction: applies the scopes, event processors and {@code
   * beforeSendTransaction} and queues one {@code transaction} envelope. An unsampled transaction is
   * only counted as dropped ({@code sample_rate}, with its spans). Transactions call this when they
   * finish; the default implementation drops it.
   *
   * @param transaction the transaction; the client may change it
   * @param hint extra information for callbacks; may be {@code null}
   * @param scopes the scopes to apply; may be {@code null}
   * @return the event id, or {@link SentryId#EMPTY} when it was not sent
   */
  default SentryId captureTransaction(TransactionEvent transaction, Hint hint, ScopeLayers scopes) {
    return SentryId.EMPTY;
  }

  /**
   * Queues a Sentry Log record for the next batch when {@code enableLogs} is on; does nothing
   * otherwise. Called on the logging thread: it only adds the scope user (with {@code
   * sendDefaultPii}) and buffers the record. Clients that do not send logs inherit this no-op.
   *
   * @param log the frozen record
   * @param scopes the scopes where it was logged (for the user), or {@code null}
   */
  default void captureLog(LogItem log, ScopeLayers scopes) {}

  /**
   * Waits until everything captured so far has been sent, at most {@code timeout}; the client stays
   * usable.
   *
   * @return true when nothing is left to send
   */
  boolean flush(Duration timeout);

  /** Flushes for at most {@code timeout}, then disables the client. */
  void close(Duration timeout);

  /**
   * Health counters: envelopes queued in memory, spooled on disk, sent, and items dropped by
   * reason. Never blocks on I/O.
   *
   * @return a snapshot; all zero for a client that does not send
   */
  default ClientStats getStats() {
    return ClientStats.EMPTY;
  }
}
