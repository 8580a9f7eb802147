package dev.sentry4j.testing;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * One well-formed envelope as the receiver got it: the HTTP request (path, headers, decoded body),
 * the parsed envelope header and items, and the status the receiver answered with.
 *
 * <p>Immutable and thread-safe; the JSON and byte accessors return copies.
 */
public final class ReceivedEnvelope {

  private final String path;
  private final Map<String, List<String>> requestHeaders;
  private final byte[] body;
  private final JsonNode header;
  private final List<ReceivedItem> items;
  private final int responseStatus;
  private final Instant receivedAt;

  ReceivedEnvelope(
      String path,
      Map<String, List<String>> requestHeaders,
      byte[] body,
      JsonNode header,
      List<ReceivedItem> items,
      int responseStatus,
      Instant receivedAt) {
    this.path = path;
    TreeMap<String, List<String>> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    requestHeaders.forEach(
        (name, values) ->
            headers.merge(
                name,
                List.copyOf(values),
                (a, b) -> {
                  List<String> all = new ArrayList<>(a);
                  all.addAll(b);
                  return List.copyOf(all);
                }));
    this.requestHeaders = Collections.unmodifiableMap(headers);
    this.body = body;
    this.header = header;
    this.items = List.copyOf(items);
    this.responseStatus = responseStatus;
    this.receivedAt = receivedAt;
  }

  /**
   * The envelope header line, e.g. {@code {"event_id":"...","sent_at":"...","sdk":{...}}}.
   *
   * @return a copy of the header JSON object
   */
  public JsonNode header() {
    return header.deepCopy();
  }

  /**
   * The envelope header's {@code event_id}.
   *
   * @return the id, or null when the header has none
   */
  public String eventId() {
    return Json.text(header.get("event_id"));
  }

  /**
   * All items in the order they appeared in the envelope.
   *
   * @return an unmodifiable list
   */
  public List<ReceivedItem> items() {
    return items;
  }

  /**
   * The items of one type, in envelope order.
   *
   * @param type an item type such as {@code event} or {@code attachment}
   * @return an unmodifiable list, empty when there are none
   */
  public List<ReceivedItem> items(String type) {
    List<ReceivedItem> matching = new ArrayList<>();
    for (ReceivedItem item : items) {
      if (item.type().equals(type)) {
        matching.add(item);
      }
    }
    return Collections.unmodifiableList(matching);
  }

  /**
   * The request headers, keyed case-insensitively.
   *
   * @return an unmodifiable map from header name to its values
   */
  public Map<String, List<String>> requestHeaders() {
    return requestHeaders;
  }

  /**
   * The first value of a request header, e.g. {@code requestHeader("x-sentry-auth")}.
   *
   * @param name the header name, in any case
   * @return the first value, or null when the request had no such header
   */
  public String requestHeader(String name) {
    List<String> values = requestHeaders.get(name);
    return values == null || values.isEmpty() ? null : values.get(0);
  }

  /**
   * The request path, e.g. {@code /api/1/envelope/} (a DSN path prefix shows up here).
   *
   * @return the path without the query string
   */
  public String path() {
    return path;
  }

  /**
   * The request body after removing the {@code Content-Encoding}.
   *
   * @return a copy of the decoded envelope bytes
   */
  public byte[] body() {
    return body.clone();
  }

  /**
   * The HTTP status the receiver answered this envelope with (set by {@link
   * SentryReceiver#respondWith} or {@link SentryReceiver#enqueueResponses}; 200 by default).
   *
   * @return the status code
   */
  public int responseStatus() {
    return responseStatus;
  }

  /**
   * When the request was received.
   *
   * @return the arrival time
   */
  public Instant receivedAt() {
    return receivedAt;
  }

  /** The shared header node, for views in this package that never change it. */
  JsonNode headerNode() {
    return header;
  }

  /** Returns a one-line summary such as {@code envelope[event, attachment] -> 200}. */
  @Override
  public String toString() {
    List<String> types = new ArrayList<>();
    for (ReceivedItem item : items) {
      types.add(item.type());
    }
    String encoding = requestHeader("content-encoding");
    return String.format(
        Locale.ROOT,
        "envelope%s%s -> %d",
        types,
        encoding == null ? "" : " (" + encoding + ")",
        responseStatus);
  }
}
