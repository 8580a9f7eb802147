package dev.sentry4j.tracing;

/**
 * The root span of a trace's part in this service, sent to Sentry as one {@code transaction} event
 * with its finished child spans when it is finished. Children that are not finished by then are
 * left out (and counted as dropped spans).
 *
 * <pre>{@code
 * try (Transaction tx = Sentry.startTransaction("nightly-report", "task")) {
 *   tx.setTag("region", "eu");
 *   try (Span step = Sentry.startSpan("db.query", "select ...")) { ... }
 * }
 * }</pre>
 *
 * <p>Thread-safe, like every {@link Span}; see there how the status is set on close.
 */
public interface Transaction extends Span {
  /** The name, e.g. {@code GET /orders/{id}}. */
  String getName();

  /** Renames it; the source stays. */
  void setName(String name);

  /** Renames it and says how the new name was made. */
  void setName(String name, TransactionSource source);

  /** How the name was made. */
  TransactionSource getSource();
}
