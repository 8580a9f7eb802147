package dev.sentry4j.event;

import dev.sentry4j.Hint;

/**
 * Edits or drops events before they are sent. Runs on the capturing thread; must be thread-safe when
 * registered on a shared scope or in the options. An exception it throws is logged and the event goes
 * on unchanged. Transactions pass through {@link #process(TransactionEvent, Hint)}, which keeps them
 * unchanged unless overridden.
 */
@FunctionalInterface
public interface EventProcessor {
  /**
   * Processes one event.
   *
   * @return the event (edited or not), or {@code null} to drop it
   */
  Event process(Event event, Hint hint);

  /**
   * Processes one transaction; by default returns it unchanged.
   *
   * @return the transaction (edited or not), or {@code null} to drop it
   */
  default TransactionEvent process(TransactionEvent transaction, Hint hint) {
    return transaction;
  }
}
