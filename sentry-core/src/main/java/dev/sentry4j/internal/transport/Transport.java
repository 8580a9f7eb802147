package dev.sentry4j.internal.transport;

import dev.sentry4j.client.ClientStats;
import dev.sentry4j.internal.envelope.Envelope;
import java.time.Duration;

/**
 * Delivers envelopes to Sentry. {@link #send} is called on the capturing thread: it must neither
 * block nor throw. Implementations are thread-safe.
 */
public interface Transport {
  /**
   * Accepts an envelope for delivery.
   *
   * @return false when it was dropped at once (and counted)
   */
  boolean send(Envelope envelope);

  /**
   * Waits until everything accepted so far has been delivered or given up on, at most {@code
   * timeout}.
   *
   * @return true when nothing is left
   */
  boolean flush(Duration timeout);

  /** Flushes for at most {@code timeout}, then stops; later envelopes are dropped. */
  void close(Duration timeout);

  /** Envelopes queued, spooled and sent so far; all zero unless the transport counts them. */
  default ClientStats getStats() {
    return ClientStats.EMPTY;
  }
}
