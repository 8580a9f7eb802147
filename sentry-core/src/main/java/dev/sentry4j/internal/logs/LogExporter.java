package dev.sentry4j.internal.logs;

import dev.sentry4j.clientreport.DataCategory;
import dev.sentry4j.clientreport.DiscardReason;
import dev.sentry4j.internal.SdkThread;
import dev.sentry4j.internal.clientreport.DiscardCounter;
import dev.sentry4j.internal.envelope.Envelope;
import dev.sentry4j.internal.envelope.EnvelopeItem;
import dev.sentry4j.internal.envelope.ItemType;
import dev.sentry4j.internal.json.LogWriter;
import dev.sentry4j.internal.transport.Transport;
import dev.sentry4j.logs.LogItem;
import dev.sentry4j.spi.Diagnostics;
import java.lang.ref.Cleaner;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongConsumer;

/**
 * The export step of the Sentry Logs pipeline: serializes one processed batch into one envelope
 * with one {@code log} item and hands it to the {@link Transport}, keeping count of the serialized
 * bytes handed over and not yet taken by the transport's worker (a payload counts as taken when the
 * worker reads it, or when the envelope is garbage because a transport dropped it unread).
 * Thread-safe. Internal, may change.
 */
final class LogExporter {
  private static final String CONTENT_TYPE = "application/vnd.sentry.items.log+json";

  /** Releases the in-flight bytes of envelopes a transport dropped without reading them. */
  private static final Cleaner CLEANER = Cleaner.create(r -> new SdkThread(r, "logs-cleaner"));

  private final Transport transport;
  private final DiscardCounter discards;
  private final AtomicLong inFlightBytes = new AtomicLong();
  private final LongConsumer onReleased;

  /**
   * @param onReleased told, on whichever thread, how many in-flight bytes were just taken
   */
  LogExporter(Transport transport, DiscardCounter discards, LongConsumer onReleased) {
    this.transport = transport;
    this.discards = discards;
    this.onReleased = onReleased;
  }

  long inFlightBytes() {
    return inFlightBytes.get();
  }

  /** Serializes {@code batch} and hands one envelope to the transport. */
  void export(List<LogItem> batch) {
    if (batch.isEmpty()) {
      return;
    }
    byte[] payload;
    try {
      payload = LogWriter.write(batch);
    } catch (RuntimeException e) {
      for (LogItem item : batch) {
        discards.record(DiscardReason.INTERNAL_SDK_ERROR, DataCategory.LOG_ITEM, 1);
        discards.record(
            DiscardReason.INTERNAL_SDK_ERROR, DataCategory.LOG_BYTE, LogBuffer.estimateBytes(item));
      }
      Diagnostics.error("logs-serialize", "Could not serialize Sentry Logs; batch dropped", e);
      return;
    }
    Map<String, Object> headers = new LinkedHashMap<>();
    headers.put("item_count", batch.size());
    headers.put("content_type", CONTENT_TYPE);
    Release release = new Release(this, payload.length);
    inFlightBytes.addAndGet(payload.length);
    EnvelopeItem item =
        EnvelopeItem.lazy(
            ItemType.LOG,
            null,
            batch.size(),
            headers,
            () -> {
              release.run(); // the worker is taking it
              return payload;
            });
    // No trace header: a batch mixes records of many traces, and logs are not dynamically sampled.
    Envelope envelope = new Envelope(null, null, List.of(item));
    CLEANER.register(envelope, release);
    if (!transport.send(envelope)) {
      release.run();
    }
  }

  private void released(long bytes) {
    inFlightBytes.addAndGet(-bytes);
    onReleased.accept(bytes);
  }

  /** Gives back an envelope's in-flight bytes, once. Must not refer to the envelope. */
  private static final class Release implements Runnable {
    private final LogExporter exporter;
    private final long bytes;
    private final AtomicBoolean done = new AtomicBoolean();

    Release(LogExporter exporter, long bytes) {
      this.exporter = exporter;
      this.bytes = bytes;
    }

    @Override
    public void run() {
      if (done.compareAndSet(false, true)) {
        exporter.released(bytes);
      }
    }
  }
}
