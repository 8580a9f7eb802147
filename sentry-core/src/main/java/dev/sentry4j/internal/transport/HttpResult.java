package dev.sentry4j.internal.transport;

/** What Sentry answered to one envelope: status and the rate-limit headers. Immutable. */
public final class HttpResult {
  private final int status;
  private final String retryAfter;
  private final String rateLimits;
  private final String body;

  /**
   * Creates a result.
   *
   * @param status the HTTP status
   * @param retryAfter the {@code Retry-After} header, or {@code null}
   * @param rateLimits the {@code X-Sentry-Rate-Limits} header, or {@code null}
   */
  public HttpResult(int status, String retryAfter, String rateLimits) {
    this(status, retryAfter, rateLimits, null);
  }

  /**
   * Creates a result with the start of the answer's body (shown in diagnostics of refusals).
   *
   * @param body the body text, or {@code null}
   */
  public HttpResult(int status, String retryAfter, String rateLimits, String body) {
    this.status = status;
    this.retryAfter = retryAfter;
    this.rateLimits = rateLimits;
    this.body = body;
  }

  /** The HTTP status. */
  public int getStatus() {
    return status;
  }

  /** The {@code Retry-After} header, or {@code null}. */
  public String getRetryAfter() {
    return retryAfter;
  }

  /** The {@code X-Sentry-Rate-Limits} header, or {@code null}. */
  public String getRateLimits() {
    return rateLimits;
  }

  /**
   * The start of the body of a refusal (it may explain it; its format may change), or {@code null}.
   */
  public String getBody() {
    return body;
  }

  /** Whether the status is 2xx. */
  public boolean isSuccess() {
    return status >= 200 && status < 300;
  }
}
