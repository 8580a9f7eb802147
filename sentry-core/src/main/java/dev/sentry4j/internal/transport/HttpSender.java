package dev.sentry4j.internal.transport;

import java.io.IOException;

/**
 * Posts one serialized envelope to Sentry and returns its answer. Called only from the SDK's worker
 * thread. Implementations keep their HTTP library out of this signature.
 */
public interface HttpSender extends AutoCloseable {
  /**
   * Sends an envelope body (uncompressed; the sender may compress it).
   *
   * @throws IOException on network failure (connection refused, timeout, reset)
   */
  HttpResult send(byte[] envelope) throws IOException;

  @Override
  void close();
}
