package dev.sentry4j.internal.transport;

import dev.sentry4j.clientreport.DiscardReason;
import dev.sentry4j.internal.clientreport.DiscardCounter;
import dev.sentry4j.internal.envelope.Envelope;
import dev.sentry4j.internal.envelope.EnvelopeItem;
import dev.sentry4j.internal.envelope.ItemType;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What serialized envelopes hold, as a short text kept beside their bytes and in spool file names:
 * per item type {@code type~count~quantity~bytes}, joined by {@code +} (e.g. {@code
 * event~1~1~2345+attachment~1~1~80}; a spool file of several envelopes sums them: {@code
 * event~64~64~150000}). It lets the pipeline check rate limits and count drops of spooled envelopes
 * without reading them, even when a file is corrupt. Thread-safe (stateless).
 */
final class Manifest {
  /**
   * File names stay well below 255 characters; longer manifests are cut (counts then approximate).
   */
  static final int MAX_LENGTH = 160;

  private Manifest() {}

  /** One item type of a manifest. */
  static final class Entry {
    final String wireName;
    final ItemType type;
    final long count;
    final long quantity;
    final long bytes;

    Entry(String wireName, long count, long quantity, long bytes) {
      this.wireName = wireName;
      this.type = ItemType.fromWireName(wireName);
      this.count = count;
      this.quantity = quantity;
      this.bytes = bytes;
    }
  }

  /** The manifest of one serialized envelope (its payloads are ready), one token per item. */
  static String of(Envelope envelope) {
    List<Entry> entries = new ArrayList<>(envelope.getItems().size());
    for (EnvelopeItem item : envelope.getItems()) {
      byte[] payload = item.getPayload();
      if (payload != null) { // null: dropped while being made, and counted then
        entries.add(new Entry(item.getType().wireName(), 1, item.getQuantity(), payload.length));
      }
    }
    return format(entries);
  }

  /** Sums the manifests of several envelopes per item type (for a spool file holding them all). */
  static String merge(List<String> manifests) {
    Map<String, long[]> sums = new LinkedHashMap<>();
    for (String m : manifests) {
      for (Entry e : parse(m)) {
        long[] s = sums.computeIfAbsent(e.wireName, k -> new long[3]);
        s[0] += e.count;
        s[1] += e.quantity;
        s[2] += Math.max(0, e.bytes);
      }
    }
    List<Entry> entries = new ArrayList<>(sums.size());
    sums.forEach((name, s) -> entries.add(new Entry(name, s[0], s[1], s[2])));
    return format(entries);
  }

  /** The entries of a manifest; malformed tokens are skipped. */
  static List<Entry> parse(String manifest) {
    List<Entry> out = new ArrayList<>(2);
    if (manifest == null || manifest.isEmpty()) {
      return out;
    }
    for (String token : manifest.split("\\+")) {
      String[] parts = token.split("~");
      if (parts.length == 0 || parts[0].isEmpty()) {
        continue;
      }
      long count = number(parts, 1, 1);
      out.add(new Entry(parts[0], count, number(parts, 2, count), number(parts, 3, -1)));
    }
    return out;
  }

  /** Records every item of the manifest as dropped for {@code reason}. */
  static void record(DiscardCounter counter, DiscardReason reason, String manifest) {
    for (Entry e : parse(manifest)) {
      Drops.record(counter, reason, e.type, e.count, e.quantity, e.bytes);
    }
  }

  private static String format(List<Entry> entries) {
    StringBuilder out = new StringBuilder(32);
    for (Entry e : entries) {
      String token = e.wireName + "~" + e.count + "~" + e.quantity + "~" + Math.max(0, e.bytes);
      if (out.length() + token.length() + 1 > MAX_LENGTH) {
        break;
      }
      if (out.length() > 0) {
        out.append('+');
      }
      out.append(token);
    }
    return out.toString();
  }

  private static long number(String[] parts, int index, long fallback) {
    if (parts.length <= index) {
      return fallback;
    }
    try {
      return Long.parseLong(parts[index]);
    } catch (NumberFormatException e) {
      return fallback;
    }
  }
}
