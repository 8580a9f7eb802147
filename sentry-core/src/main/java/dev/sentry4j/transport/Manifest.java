package dev.sentry4j.transport;

import dev.sentry4j.clientreport.DiscardCounter;
import dev.sentry4j.clientreport.DiscardReason;
import dev.sentry4j.envelope.Envelope;
import dev.sentry4j.envelope.EnvelopeItem;
import dev.sentry4j.envelope.ItemType;
import java.util.ArrayList;
import java.util.List;

/**
 * What a serialized envelope holds, as a short text kept beside its bytes and in its spool file name:
 * per item {@code type~quantity~bytes}, joined by {@code +} (e.g. {@code event~1~2345+attachment~1~80}).
 * It lets the pipeline check rate limits and count drops of a spooled envelope without reading the
 * file, even when the file is corrupt. Thread-safe (stateless).
 */
final class Manifest {
  /** File names stay well below 255 characters; longer manifests are cut (counts then approximate). */
  private static final int MAX_LENGTH = 160;

  private Manifest() {}

  /** One item of a manifest. */
  static final class Entry {
    final String wireName;
    final ItemType type;
    final long quantity;
    final long bytes;

    Entry(String wireName, long quantity, long bytes) {
      this.wireName = wireName;
      this.type = ItemType.fromWireName(wireName);
      this.quantity = quantity;
      this.bytes = bytes;
    }
  }

  /** The manifest of a serialized envelope (its payloads are ready). */
  static String of(Envelope envelope) {
    StringBuilder out = new StringBuilder(32);
    for (EnvelopeItem item : envelope.getItems()) {
      String token =
          item.getType().wireName() + "~" + item.getQuantity() + "~" + item.getPayload().length;
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
      out.add(new Entry(parts[0], number(parts, 1, 1), number(parts, 2, -1)));
    }
    return out;
  }

  /** Records every item of the manifest as dropped for {@code reason}. */
  static void record(DiscardCounter counter, DiscardReason reason, String manifest) {
    for (Entry e : parse(manifest)) {
      Drops.record(counter, reason, e.type, e.quantity, e.bytes);
    }
  }

  /** Whether a name is safe as a manifest (the spool checks file names with it). */
  static boolean isValid(String manifest) {
    return manifest != null && manifest.matches("[a-z0-9_~+]{1," + MAX_LENGTH + "}");
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
