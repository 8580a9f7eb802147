package dev.sentry4j.tracing;

/**
 * How a span or transaction ended, with Relay's wire names ({@code ok}, {@code internal_error},
 * ...). These are the values of Relay's {@code SpanStatus}; Sentry shows anything but {@code ok} as
 * a failure.
 */
public enum SpanStatus {
  /** The operation completed successfully. */
  OK("ok"),
  /** The operation was cancelled, typically by the caller. */
  CANCELLED("cancelled"),
  /** An unknown error. */
  UNKNOWN("unknown"),
  /** The client gave an invalid argument (HTTP 400). */
  INVALID_ARGUMENT("invalid_argument"),
  /** The deadline passed before the operation completed (HTTP 504). */
  DEADLINE_EXCEEDED("deadline_exceeded"),
  /** Something was not found (HTTP 404). */
  NOT_FOUND("not_found"),
  /** Something already exists (HTTP 409). */
  ALREADY_EXISTS("already_exists"),
  /** The caller may not do this (HTTP 403). */
  PERMISSION_DENIED("permission_denied"),
  /** A quota or resource is exhausted (HTTP 429). */
  RESOURCE_EXHAUSTED("resource_exhausted"),
  /** The system is not in a state required for the operation (HTTP 413 in Sentry's mapping). */
  FAILED_PRECONDITION("failed_precondition"),
  /** The operation was aborted, typically by a concurrency conflict. */
  ABORTED("aborted"),
  /** The operation was attempted past the valid range. */
  OUT_OF_RANGE("out_of_range"),
  /** The operation is not implemented (HTTP 501). */
  UNIMPLEMENTED("unimplemented"),
  /** An internal error (HTTP 500). */
  INTERNAL_ERROR("internal_error"),
  /** The service is unavailable (HTTP 503). */
  UNAVAILABLE("unavailable"),
  /** Unrecoverable data loss or corruption. */
  DATA_LOSS("data_loss"),
  /** The caller is not authenticated (HTTP 401). */
  UNAUTHENTICATED("unauthenticated");

  private final String wireName;

  SpanStatus(String wireName) {
    this.wireName = wireName;
  }

  /** The name Relay expects, e.g. {@code internal_error}. */
  public String wireName() {
    return wireName;
  }

  /** The status with this wire name, or {@code null}. */
  public static SpanStatus fromWireName(String name) {
    for (SpanStatus s : values()) {
      if (s.wireName.equals(name)) {
        return s;
      }
    }
    return null;
  }

  /**
   * The status for an HTTP response code, as Sentry's SDKs map it: below 400 {@code ok}; 401, 403,
   * 404, 409, 413 and 429 have their own statuses, other 4xx are {@code invalid_argument}; 501, 503
   * and 504 have their own, other 5xx are {@code internal_error}; anything else {@code unknown}.
   */
  public static SpanStatus fromHttpStatus(int code) {
    if (code >= 100 && code < 400) {
      return OK;
    }
    switch (code) {
      case 401:
        return UNAUTHENTICATED;
      case 403:
        return PERMISSION_DENIED;
      case 404:
        return NOT_FOUND;
      case 409:
        return ALREADY_EXISTS;
      case 413:
        return FAILED_PRECONDITION;
      case 429:
        return RESOURCE_EXHAUSTED;
      case 501:
        return UNIMPLEMENTED;
      case 503:
        return UNAVAILABLE;
      case 504:
        return DEADLINE_EXCEEDED;
      default:
        break;
    }
    if (code >= 400 && code < 500) {
      return INVALID_ARGUMENT;
    }
    if (code >= 500 && code < 600) {
      return INTERNAL_ERROR;
    }
    return UNKNOWN;
  }
}
