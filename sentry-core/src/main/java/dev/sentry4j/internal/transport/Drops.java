package dev.sentry4j.internal.transport;

import dev.sentry4j.clientreport.DataCategory;
import dev.sentry4j.clientreport.DiscardReason;
import dev.sentry4j.internal.clientreport.DiscardCounter;
import dev.sentry4j.internal.envelope.Envelope;
import dev.sentry4j.internal.envelope.EnvelopeItem;
import dev.sentry4j.internal.envelope.ItemType;

/**
 * Turns a dropped item into client-report counts, the one place that knows how each item type is
 * counted. Thread-safe (stateless).
 */
final class Drops {
  private Drops() {}

  /**
   * Records dropped items of one type.
   *
   * <p>Hook for transactions: a dropped transaction counts {@code transaction} 1 and {@code span}
   * its {@link EnvelopeItem#getQuantity() quantity}, so whoever builds a transaction item sets its
   * quantity to its spans + 1 (the default quantity 1 counts the transaction's own span). A log
   * item counts its records ({@code quantity}) as {@code log_item} and, when its size is known, its
   * bytes as {@code log_byte}; an attachment counts its bytes. Client reports are never counted:
   * their counts are put back instead.
   *
   * @param count how many items
   * @param quantity the sum of their {@link EnvelopeItem#getQuantity()}
   * @param bytes the sum of their payload sizes, or -1 when not serialized yet
   */
  static void record(
      DiscardCounter counter,
      DiscardReason reason,
      ItemType type,
      long count,
      long quantity,
      long bytes) {
    if (type == null || count <= 0) {
      return;
    }
    long n = Math.max(count, quantity);
    switch (type) {
      case TRANSACTION:
        counter.record(reason, DataCategory.TRANSACTION, count);
        counter.record(reason, DataCategory.SPAN, n);
        break;
      case ATTACHMENT:
        counter.record(reason, DataCategory.ATTACHMENT, bytes >= 0 ? bytes : count);
        break;
      case LOG:
        counter.record(reason, DataCategory.LOG_ITEM, n);
        if (bytes >= 0) {
          counter.record(reason, DataCategory.LOG_BYTE, bytes);
        }
        break;
      case CLIENT_REPORT:
        break;
      default:
        counter.record(reason, type.category(), n);
    }
  }

  /**
   * Records every item of an envelope that may not be serialized yet (nothing is serialized here).
   */
  static void record(DiscardCounter counter, DiscardReason reason, Envelope envelope) {
    for (EnvelopeItem item : envelope.getItems()) {
      record(counter, reason, item);
    }
  }

  /** Records one item that may not be serialized yet. */
  static void record(DiscardCounter counter, DiscardReason reason, EnvelopeItem item) {
    long bytes = item.getType() == ItemType.ATTACHMENT ? item.getPayload().length : -1;
    record(counter, reason, item.getType(), 1, item.getQuantity(), bytes);
  }
}
