package dev.sentry4j.testing;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;

/**
 * An HTTP answer for {@link SentryReceiver#respondWith} and {@link
 * SentryReceiver#enqueueResponses}. Immutable: {@link #header} and {@link #body} return a new
 * response, so one value can be shared between tests.
 *
 * <pre>{@code
 * receiver.respondWith(Response.status(429)
 *     .header("Retry-After", "60")
 *     .header("X-Sentry-Rate-Limits", "60:error:key"));
 * }</pre>
 *
 * <p>Without {@link #body}, a 2xx answer carries Relay's {@code {"id":"<event_id>"}} (or {@code {}}
 * for envelopes without an event id) and any other status an empty body.
 */
public final class Response {

  private final int status;
  private final List<Map.Entry<String, String>> headers;
  private final String body;
  private final boolean chunked;

  private Response(int status, List<Map.Entry<String, String>> headers, String body) {
    this(status, headers, body, false);
  }

  private Response(
      int status, List<Map.Entry<String, String>> headers, String body, boolean chunked) {
    this.status = status;
    this.headers = headers;
    this.body = body;
    this.chunked = chunked;
  }

  /**
   * Relay's success answer: {@code 200} with {@code {"id":"<event_id>"}}.
   *
   * @return the response
   */
  public static Response ok() {
    return status(200);
  }

  /**
   * A response with the given status, no extra headers and the default body.
   *
   * @param code an HTTP status from 200 to 599, e.g. 429, 413 or 500
   * @return the response
   * @throws IllegalArgumentException if the code is outside 200..599
   */
  public static Response status(int code) {
    if (code < 200 || code > 599) {
      throw new IllegalArgumentException("HTTP status must be 200..599, got " + code);
    }
    return new Response(code, List.of(), null);
  }

  /**
   * This response with one more header; a name may be given several times.
   *
   * @param name header name, e.g. {@code X-Sentry-Rate-Limits}
   * @param value header value, e.g. {@code 60:transaction:key}
   * @return a new response
   */
  public Response header(String name, String value) {
    if (name == null || name.isEmpty() || value == null) {
      throw new IllegalArgumentException(
          "header name and value are required, got " + name + "=" + value);
    }
    List<Map.Entry<String, String>> copy = new ArrayList<>(headers);
    copy.add(Map.entry(name, value));
    return new Response(status, Collections.unmodifiableList(copy), body, chunked);
  }

  /**
   * This response with the given body, sent as UTF-8 ({@code text/plain} unless a {@code
   * Content-Type} header is set).
   *
   * @param text the body, e.g. {@code {"detail":"event too large"}}
   * @return a new response
   */
  public Response body(String text) {
    if (text == null) {
      throw new IllegalArgumentException("body text is required");
    }
    return new Response(status, headers, text, chunked);
  }

  /**
   * This response with its body sent chunked ({@code Transfer-Encoding: chunked}, no {@code
   * Content-Length}), as proxies and some servers answer. An empty body is sent without either.
   *
   * @return a new response
   */
  public Response chunked() {
    return new Response(status, headers, body, true);
  }

  /**
   * Whether the body is sent chunked.
   *
   * @return true after {@link #chunked()}
   */
  public boolean isChunked() {
    return chunked;
  }

  /**
   * The HTTP status.
   *
   * @return the status code
   */
  public int statusCode() {
    return status;
  }

  /**
   * The extra headers in the order added.
   *
   * @return an unmodifiable list of name/value pairs
   */
  public List<Map.Entry<String, String>> headers() {
    return headers;
  }

  /**
   * The explicit body.
   *
   * @return the body text, or null for the default body
   */
  public String bodyText() {
    return body;
  }

  /** Returns e.g. {@code 429 [Retry-After=60]}. */
  @Override
  public String toString() {
    return status
        + (headers.isEmpty() ? "" : " " + headers)
        + (body == null ? "" : " " + body)
        + (chunked ? " chunked" : "");
  }
}
