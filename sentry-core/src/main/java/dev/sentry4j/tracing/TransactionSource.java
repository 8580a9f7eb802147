package dev.sentry4j.tracing;

/**
 * How a transaction's name was made ({@code transaction_info.source}). Sentry groups and scrubs
 * names by it, and the Dynamic Sampling Context leaves out names whose source is {@link #URL},
 * since raw paths may hold ids.
 */
public enum TransactionSource {
  /** Set by the user (the default). */
  CUSTOM("custom"),
  /** A raw URL path, which may contain ids. */
  URL("url"),
  /** A parameterised route such as {@code GET /orders/{id}}. */
  ROUTE("route"),
  /** A view or controller name. */
  VIEW("view"),
  /** A component, function or class name. */
  COMPONENT("component"),
  /** A background job or task name. */
  TASK("task");

  private final String wireName;

  TransactionSource(String wireName) {
    this.wireName = wireName;
  }

  /** The name written in {@code transaction_info.source}. */
  public String wireName() {
    return wireName;
  }
}
