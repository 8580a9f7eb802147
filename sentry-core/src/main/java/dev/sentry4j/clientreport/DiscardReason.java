package dev.sentry4j.clientreport;

/** Why an item was dropped, as named in client reports. */
public enum DiscardReason {
  /** The in-memory queue was full. */
  QUEUE_OVERFLOW("queue_overflow"),
  /** The disk spool was full. */
  CACHE_OVERFLOW("cache_overflow"),
  /** A rate limit was active. */
  RATELIMIT_BACKOFF("ratelimit_backoff"),
  /** Sentry could not be reached, and the SDK gave up. */
  NETWORK_ERROR("network_error"),
  /** Sampled out. */
  SAMPLE_RATE("sample_rate"),
  /** {@code beforeSend} (or its transaction and log siblings) returned null. */
  BEFORE_SEND("before_send"),
  /** An event processor returned null, or the event was a duplicate. */
  EVENT_PROCESSOR("event_processor"),
  /** Sentry answered with an error. */
  SEND_ERROR("send_error"),
  /** The SDK failed (serialization, unreadable file). */
  INTERNAL_SDK_ERROR("internal_sdk_error"),
  /** Backpressure lowered the sample rate. */
  BACKPRESSURE("backpressure"),
  /** An SDK buffer (spans, logs) was full. */
  BUFFER_OVERFLOW("buffer_overflow");

  private final String wireName;

  DiscardReason(String wireName) {
    this.wireName = wireName;
  }

  /** The name written in client reports. */
  public String wireName() {
    return wireName;
  }
}
