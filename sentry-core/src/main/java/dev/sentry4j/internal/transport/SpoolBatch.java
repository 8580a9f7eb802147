package dev.sentry4j.internal.transport;

import dev.sentry4j.internal.transport.spool.DiskSpool;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The content of a spool file: one or more serialized envelopes (without {@code sent_at}), each
 * with its {@link Manifest} and a one-byte state. A burst is written in batches because creating a
 * file costs far more than writing a few more kilobytes into it. Format, after the line {@code
 * sentry4j-spool 2}: per envelope a line {@code <state><manifest> <length>}, the envelope's bytes,
 * and a newline. Files of format 1 (no state) are still read, every envelope pending. Thread-safe
 * (stateless).
 *
 * <p><b>The state byte keeps the books.</b> It is written in place, in a file this process holds
 * the lock of (a spool file being sent, a group-commit file), so that whoever reads the file later
 * — this process evicting it, or the next start after a kill -9 — knows what became of each
 * envelope:
 *
 * <ul>
 *   <li>{@link #PENDING} ({@code .}): never sent, or sent and answered with a failure (5xx, a
 *       refused connection, a timeout): evicting it counts it ({@code cache_overflow});
 *   <li>{@link #ATTEMPTED} ({@code *}): written just before the request; it stays when the outcome
 *       is unknown (the process died, or close cut the request: Sentry may have received it). Such
 *       an envelope is never counted as dropped: eviction writes it back to be sent again (Sentry
 *       drops a repeated event id), so the books err towards a re-send, never towards counting as
 *       dropped an envelope Sentry may have;
 *   <li>{@link #DONE} ({@code #}): answered 2xx, or dropped for good and counted then: evicting it
 *       counts nothing, and it is never sent again.
 * </ul>
 *
 * <p>Order, for a kill -9 at any point: {@code *} before the request, {@code #} after the answer
 * and before a drop is counted. A mark lost by the kill leaves {@code *} (or {@code .} before the
 * first request): the next start sends it again, and counts a drop at most once.
 */
final class SpoolBatch {
  /** Envelopes per file at most. */
  static final int MAX_ENVELOPES = 64;

  /** Bytes per file at most (a single larger envelope gets a file of its own). */
  static final int MAX_BYTES = 1024 * 1024;

  /** Not sent yet (or answered with a failure): counted if evicted. */
  static final byte PENDING = '.';

  /** A request was made and its outcome is unknown: never counted, sent again. */
  static final byte ATTEMPTED = '*';

  /** Delivered, or dropped for good and counted: nothing left to do. */
  static final byte DONE = '#';

  private static final byte[] MAGIC_1 = "sentry4j-spool 1\n".getBytes(StandardCharsets.US_ASCII);
  private static final byte[] MAGIC = "sentry4j-spool 2\n".getBytes(StandardCharsets.US_ASCII);

  /** A record header line is at most this long (state, manifest, space, length, newline). */
  private static final int MAX_HEADER = Manifest.MAX_LENGTH + 16;

  private SpoolBatch() {}

  /** One envelope of a file. */
  static final class Record {
    final String manifest;
    final byte[] bytes;
    final byte state;

    /** Where its state byte is in the file's data; -1 when it has none (format 1). */
    final long offset;

    Record(String manifest, byte[] bytes) {
      this(manifest, bytes, PENDING, -1);
    }

    Record(String manifest, byte[] bytes, byte state) {
      this(manifest, bytes, state, -1);
    }

    private Record(String manifest, byte[] bytes, byte state, long offset) {
      this.manifest = manifest;
      this.bytes = bytes;
      this.state = state;
      this.offset = offset;
    }

    Record withState(byte value) {
      return new Record(manifest, bytes, value, offset);
    }
  }

  /** The file is not what we write (damaged, truncated, or not ours). */
  static final class MalformedException extends Exception {
    private static final long serialVersionUID = 1L;

    MalformedException(String message) {
      super(message);
    }
  }

  static byte[] encode(List<Record> records) {
    return encode(records, null);
  }

  /**
   * Encodes records; {@code offsets}, when given, gets where each record's state byte is in the
   * data (for {@link #mark}).
   */
  static byte[] encode(List<Record> records, long[] offsets) {
    int size = MAGIC.length;
    for (Record r : records) {
      size += r.manifest.length() + 13 + r.bytes.length;
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream(size);
    out.writeBytes(MAGIC);
    for (int i = 0; i < records.size(); i++) {
      Record r = records.get(i);
      if (offsets != null) {
        offsets[i] = out.size();
      }
      out.write(isState(r.state) ? r.state : PENDING);
      out.writeBytes(
          (r.manifest + " " + r.bytes.length + "\n").getBytes(StandardCharsets.US_ASCII));
      out.writeBytes(r.bytes);
      out.write('\n');
    }
    return out.toByteArray();
  }

  static List<Record> decode(byte[] data) throws MalformedException {
    boolean states = startsWith(data, MAGIC);
    if (!states && !startsWith(data, MAGIC_1)) {
      throw new MalformedException("not a sentry4j spool file");
    }
    List<Record> records = new ArrayList<>();
    int pos = MAGIC.length;
    while (pos < data.length) {
      int nl = pos;
      while (nl < data.length && data[nl] != '\n') {
        nl++;
      }
      if (nl == data.length) {
        throw new MalformedException("truncated record header at byte " + pos);
      }
      byte state = PENDING;
      int from = pos;
      if (states) {
        state = data[pos];
        from++;
        if (!isState(state) || from > nl) {
          throw new MalformedException("bad record state at byte " + pos);
        }
      }
      String line = new String(data, from, nl - from, StandardCharsets.US_ASCII);
      int space = line.lastIndexOf(' ');
      int length = lengthOf(line, space);
      int start = nl + 1;
      if (length < 0 || length > data.length - start - 1 || data[start + length] != '\n') {
        throw new MalformedException("bad or truncated record at byte " + pos);
      }
      records.add(
          new Record(
              line.substring(0, space),
              Arrays.copyOfRange(data, start, start + length),
              state,
              states ? pos : -1));
      pos = start + length + 1;
    }
    if (records.isEmpty()) {
      throw new MalformedException("no envelope in the file");
    }
    return records;
  }

  /**
   * Writes a record's state in place, in a file this process holds. Quiet: a mark that cannot be
   * written leaves the older state, which errs towards a re-send (see the class comment).
   */
  static void mark(DiskSpool.Claim file, Record r, byte state) {
    if (file != null && r.offset >= 0) {
      mark(file, r.offset, state);
    }
  }

  /** {@link #mark(DiskSpool.Claim, Record, byte)} by offset. */
  static void mark(DiskSpool.Claim file, long offset, byte state) {
    if (file == null || offset < 0) {
      return;
    }
    try {
      file.write(offset, state);
    } catch (IOException | RuntimeException e) {
      // closed meanwhile (completed, replaced) or the disk refuses: the older state stays
    }
  }

  /**
   * What eviction does with a file of envelopes: counts the pending ones, writes the ones whose
   * outcome is unknown back (to be sent again), forgets the done ones. Reads only the record
   * headers, plus the bytes of the few envelopes kept.
   */
  static DiskSpool.Evicted evicted(DiskSpool.Claim file) throws IOException {
    ByteBuffer head = ByteBuffer.allocate(MAX_HEADER);
    if (file.read(0, head) < MAGIC.length
        || !Arrays.equals(head.array(), 0, MAGIC.length, MAGIC, 0, MAGIC.length)) {
      return new DiskSpool.Evicted(file.manifest(), null, 0, null); // format 1: all pending
    }
    List<String> dropped = new ArrayList<>();
    List<Record> kept = new ArrayList<>();
    long size = file.dataSize();
    long pos = MAGIC.length;
    while (pos < size) {
      head.clear();
      int n = file.read(pos, head);
      int nl = 0;
      while (nl < n && head.get(nl) != '\n') {
        nl++;
      }
      if (nl == n || nl < 3) {
        throw new IOException("bad record header at byte " + pos);
      }
      byte state = head.get(0);
      String line = new String(head.array(), 1, nl - 1, StandardCharsets.US_ASCII);
      int space = line.lastIndexOf(' ');
      int length = lengthOf(line, space);
      if (length < 0 || !isState(state)) {
        throw new IOException("bad record header at byte " + pos);
      }
      String manifest = line.substring(0, space);
      long start = pos + nl + 1;
      if (state == PENDING) {
        dropped.add(manifest);
      } else if (state == ATTEMPTED) {
        ByteBuffer bytes = ByteBuffer.allocate(length);
        while (bytes.hasRemaining()) {
          if (file.read(start + bytes.position(), bytes) <= 0) {
            throw new IOException("truncated record at byte " + pos);
          }
        }
        kept.add(new Record(manifest, bytes.array(), ATTEMPTED));
      }
      pos = start + length + 1;
    }
    String count = Manifest.merge(dropped);
    if (kept.isEmpty()) {
      return new DiskSpool.Evicted(count, null, 0, null);
    }
    return new DiskSpool.Evicted(count, encode(kept), kept.size(), manifestOf(kept));
  }

  private static int lengthOf(String line, int space) {
    try {
      return space < 0 ? -1 : Integer.parseInt(line.substring(space + 1));
    } catch (NumberFormatException e) {
      return -1;
    }
  }

  private static boolean startsWith(byte[] data, byte[] prefix) {
    return data.length >= prefix.length
        && Arrays.equals(data, 0, prefix.length, prefix, 0, prefix.length);
  }

  private static boolean isState(byte b) {
    return b == PENDING || b == ATTEMPTED || b == DONE;
  }

  /** The manifest of a file holding these records. */
  static String manifestOf(List<Record> records) {
    List<String> manifests = new ArrayList<>(records.size());
    for (Record r : records) {
      manifests.add(r.manifest);
    }
    return Manifest.merge(manifests);
  }
}
