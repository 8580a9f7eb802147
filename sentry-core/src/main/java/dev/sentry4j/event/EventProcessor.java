package dev.sentry4j.event;

/**
 * Edits or drops events before they are sent. For error events it runs on the SDK's worker thread,
 * after the capture call returned (a transaction's run on the thread that finishes it): read the
 * MDC or {@link ThreadLocal}s through {@link dev.sentry4j.spi.CallerThreadCapture}, not here. Must
 * be thread-safe. An exception it throws is logged and the event goes on unchanged. Transactions
 * pass through {@link #process(TransactionEvent, Hint)}, which keeps them unchanged unless
 * overridden.
 *
 * <p>Add one to a scope ({@code Scope.addEventProcessor}) or to the options ({@code
 * SentryOptions.Builder.addEventProcessor}). Integrations may also register one with {@link
 * java.util.ServiceLoader}: list the class in {@code
 * META-INF/services/dev.sentry4j.event.EventProcessor} (public no-argument constructor); every
 * client made by {@code Sentry.init} then runs it first, before the scopes' and the options'
 * processors. Its constructor may throw {@link IllegalArgumentException} naming a bad configuration
 * value: {@code Sentry.init} then fails with that message.
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
