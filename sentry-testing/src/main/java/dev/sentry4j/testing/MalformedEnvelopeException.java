package dev.sentry4j.testing;

/** A request body that is not a valid envelope; the message says exactly what is wrong. */
final class MalformedEnvelopeException extends Exception {
  private static final long serialVersionUID = 1L;

  MalformedEnvelopeException(String message) {
    super(message);
  }
}
