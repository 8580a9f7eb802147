package dev.sentry4j.internal.transport;

import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;

/**
 * Posts serialized envelopes to Sentry and returns their answers. Implementations keep their HTTP
 * library out of these signatures.
 */
public interface HttpSender extends AutoCloseable {
  /**
   * Sends an envelope body (uncompressed; the sender may compress it) and waits for the answer.
   *
   * @throws IOException on network failure (connection refused, timeout, reset)
   */
  HttpResult send(byte[] envelope) throws IOException;

  /**
   * Sends an envelope without waiting: the future completes with Sentry's answer, or exceptionally
   * with the network failure ({@link IOException}, possibly wrapped). The SDK's sender keeps up to
   * {@code maxInFlight} of these at once. The default sends synchronously on the calling thread
   * (one request at a time); implementations over an asynchronous client override it.
   *
   * @param envelope the envelope body
   * @return the answer to come; never {@code null}
   */
  default CompletableFuture<HttpResult> sendAsync(byte[] envelope) {
    try {
      return CompletableFuture.completedFuture(send(envelope));
    } catch (IOException | RuntimeException e) {
      return CompletableFuture.failedFuture(e);
    }
  }

  /**
   * Whether a plain TCP connection to Sentry is refused, or cannot be made within {@code timeout}
   * (no route, unknown host): a cheap probe for a close that has seen no answer yet, so that an
   * exit does not wait for a first request the cold HTTP stack has not even made. The default knows
   * nothing ({@code false}). Blocks for at most about {@code timeout} (plus a name lookup).
   *
   * @param timeout the connect timeout of the probe
   */
  default boolean refusesConnections(Duration timeout) {
    return false;
  }

  @Override
  void close();
}
