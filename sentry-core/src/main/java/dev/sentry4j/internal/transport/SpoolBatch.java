package dev.sentry4j.internal.transport;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The content of a spool file: one or more serialized envelopes (without {@code sent_at}), each
 * with its {@link Manifest}. A burst is written in batches because creating a file costs far more
 * than writing a few more kilobytes into it. Format, after the line {@code sentry4j-spool 1}: per
 * envelope a line {@code <manifest> <length>}, the envelope's bytes, and a newline. Thread-safe
 * (stateless).
 */
final class SpoolBatch {
  /** Envelopes per file at most. */
  static final int MAX_ENVELOPES = 64;

  /** Bytes per file at most (a single larger envelope gets a file of its own). */
  static final int MAX_BYTES = 1024 * 1024;

  private static final byte[] MAGIC = "sentry4j-spool 1\n".getBytes(StandardCharsets.US_ASCII);

  private SpoolBatch() {}

  /** One envelope of a file. */
  static final class Record {
    final String manifest;
    final byte[] bytes;

    Record(String manifest, byte[] bytes) {
      this.manifest = manifest;
      this.bytes = bytes;
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
    int size = MAGIC.length;
    for (Record r : records) {
      size += r.manifest.length() + 12 + r.bytes.length;
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream(size);
    out.writeBytes(MAGIC);
    for (Record r : records) {
      out.writeBytes(
          (r.manifest + " " + r.bytes.length + "\n").getBytes(StandardCharsets.US_ASCII));
      out.writeBytes(r.bytes);
      out.write('\n');
    }
    return out.toByteArray();
  }

  static List<Record> decode(byte[] data) throws MalformedException {
    if (data.length < MAGIC.length
        || !Arrays.equals(data, 0, MAGIC.length, MAGIC, 0, MAGIC.length)) {
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
      String line = new String(data, pos, nl - pos, StandardCharsets.US_ASCII);
      int space = line.lastIndexOf(' ');
      int length;
      try {
        length = space < 0 ? -1 : Integer.parseInt(line.substring(space + 1));
      } catch (NumberFormatException e) {
        length = -1;
      }
      int start = nl + 1;
      if (length < 0 || length > data.length - start - 1 || data[start + length] != '\n') {
        throw new MalformedException("bad or truncated record at byte " + pos);
      }
      records.add(
          new Record(line.substring(0, space), Arrays.copyOfRange(data, start, start + length)));
      pos = start + length + 1;
    }
    if (records.isEmpty()) {
      throw new MalformedException("no envelope in the file");
    }
    return records;
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
