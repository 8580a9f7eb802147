package dev.sentry4j.tracing;

import java.util.Map;

/**
 * A timed operation within a trace, such as a database query or an outgoing HTTP call. Events, log
 * lines and breadcrumbs captured while a span is current carry its trace context.
 *
 * <pre>{@code
 * try (Span db = Sentry.startSpan("db.query", "select * from orders")) {
 *   db.setData("db.system", "postgresql");
 *   rows = query();
 * }   // finished here, and the span that was current before is current again
 * }</pre>
 *
 * <p><b>Closing and the status.</b> {@link #close()} finishes the span like {@link #finish()} and,
 * if {@code Sentry.startSpan} or {@code Sentry.startTransaction} made it current, makes the
 * previously current span current again. Java's {@code close()} cannot see an exception that leaves
 * a try-with-resources block, so the span is finished and kept all the same, with the status you
 * set (by {@link #setStatus} or {@link #finish(SpanStatus)}), or {@code ok} when you set none. To
 * report a failure, set the status where you catch it inside the block:
 *
 * <pre>{@code
 * try (Span call = Sentry.startSpan("http.client", "GET /prices")) {
 *   try {
 *     fetch();
 *   } catch (IOException e) {
 *     call.setStatus(SpanStatus.UNAVAILABLE);
 *     throw e;
 *   }
 * }
 * }</pre>
 *
 * <p><b>Thread safety.</b> All methods are thread-safe: children may be started and finished from
 * several threads at once, and a span may be finished on another thread than the one that started
 * it. Restoring the previously current span happens only on the thread that made it current;
 * finished elsewhere, it stays current on that thread until it is closed there or an outer scope
 * token of that thread is closed. So finish or close a span made current (by {@code
 * Sentry.startSpan} or {@code Sentry.startTransaction}) on its own thread, ideally with
 * try-with-resources. Calls never throw; after finishing, changes are ignored.
 *
 * <p>A span whose transaction was not sampled, or made while tracing is off, is a no-op that still
 * carries trace ids ({@link #isSampled()} is false). A span is sent only as part of its
 * transaction.
 */
public interface Span extends AutoCloseable {
  /** The trace id (32 lowercase hex). */
  String getTraceId();

  /** The span id (16 lowercase hex). */
  String getSpanId();

  /** The parent span's id (16 lowercase hex), or {@code null} for the root of a trace. */
  String getParentSpanId();

  /** The operation, e.g. {@code db.query}. */
  String getOperation();

  /** The description, e.g. the query, or {@code null}. */
  String getDescription();

  /** The status set so far, or {@code null}; finishing without one sets {@code ok}. */
  SpanStatus getStatus();

  /** Whether this span is recorded and will be sent with its transaction. */
  boolean isSampled();

  /** Whether {@link #finish()} (or {@link #close()}) was called. */
  boolean isFinished();

  /**
   * Starts a child span. It is not made current: use {@code Sentry.startSpan} for that.
   * Thread-safe.
   *
   * @param operation the operation, e.g. {@code db.query}
   */
  default Span startChild(String operation) {
    return startChild(operation, null);
  }

  /**
   * Starts a child span with a description. It is not made current.
   *
   * @param operation the operation, e.g. {@code db.query}
   * @param description what it does, e.g. the SQL statement, or {@code null}
   */
  Span startChild(String operation, String description);

  /** Sets a tag (keys and values are cut to 200 characters when sent); {@code null} removes it. */
  void setTag(String key, String value);

  /** Sets a data entry (any JSON-like value, copied now); {@code null} removes it. */
  void setData(String key, Object value);

  /** Sets the status. */
  void setStatus(SpanStatus status);

  /** Sets the description. */
  void setDescription(String description);

  /**
   * Sets the origin: {@code manual} (the default) or {@code auto[.category[.integration[.part]]]},
   * e.g. {@code auto.db.jdbc}; parts use letters, digits and {@code _} only.
   */
  void setOrigin(String origin);

  /** The origin, {@code manual} unless set. */
  String getOrigin();

  /**
   * Finishes the span now with the status set so far, else {@code ok}, and restores the previously
   * current span (see the class comment). A second call does nothing.
   */
  default void finish() {
    finish(null);
  }

  /**
   * Finishes the span now with {@code status} (or, when {@code null}, the status set so far, else
   * {@code ok}). A second call does nothing.
   */
  void finish(SpanStatus status);

  /** Same as {@link #finish()}: for try-with-resources. Never throws. */
  @Override
  default void close() {
    finish(null);
  }

  /** This span as the trace of an event, breadcrumb or log line captured while it is current. */
  TraceContext toTraceContext();

  /**
   * The Dynamic Sampling Context of this span's trace, as sent in baggage and in the envelope's
   * {@code trace} header (keys without the {@code sentry-} prefix), or {@code null} when the span
   * belongs to no transaction (the scope's propagation context then supplies it). Reading it
   * freezes it: it is read when the trace leaves the process, after which it must not change.
   */
  Map<String, String> getDynamicSamplingContext();
}
