package dev.sentry4j.internal.transport;

import java.util.Arrays;
import java.util.zip.CRC32;
import java.util.zip.Deflater;

/**
 * Compresses envelope bodies as one gzip member for both HTTP senders. One {@link Deflater} is
 * reused (a new one per envelope allocates and frees zlib's native state every time), at {@link
 * Deflater#BEST_SPEED}: on event JSON it is about 4x cheaper in CPU than the default level for
 * about 10 % more bytes, which is the better trade for an SDK sharing the application's CPU.
 * Thread-safe; {@link #end} frees zlib's memory (later calls use a throwaway deflater).
 */
final class Gzip {
  private static final byte[] HEADER = {0x1f, (byte) 0x8b, 8, 0, 0, 0, 0, 0, 0, (byte) 0xff};

  private final Object lock = new Object();
  private Deflater deflater = new Deflater(Deflater.BEST_SPEED, true); // guarded by lock

  /**
   * Compresses {@code data}: a header, the deflated data, CRC-32 and size, written from offset
   * {@code reserve} of the returned array (the bytes before it are left free for the caller, e.g.
   * the HTTP request head, so that head and body go out in one write without a copy).
   *
   * @param data the bytes to compress
   * @param reserve how many bytes to leave free at the start
   * @param end receives, in {@code end[0]}, the index after the last compressed byte
   * @return the array holding the compressed bytes from {@code reserve} to {@code end[0]}
   */
  byte[] compress(byte[] data, int reserve, int[] end) {
    byte[] out = new byte[reserve + data.length / 4 + 64];
    int pos = reserve + HEADER.length;
    System.arraycopy(HEADER, 0, out, reserve, HEADER.length);
    synchronized (lock) {
      Deflater d = deflater;
      boolean own = d == null; // ended meanwhile: a throwaway one
      if (own) {
        d = new Deflater(Deflater.BEST_SPEED, true);
      }
      try {
        d.reset();
        d.setInput(data);
        d.finish();
        while (!d.finished()) {
          if (pos == out.length) {
            out = Arrays.copyOf(out, out.length * 2);
          }
          pos += d.deflate(out, pos, out.length - pos);
        }
      } finally {
        if (own) {
          d.end();
        }
      }
    }
    CRC32 crc = new CRC32();
    crc.update(data, 0, data.length);
    if (out.length - pos < 8) {
      out = Arrays.copyOf(out, pos + 8);
    }
    pos = littleEndian(out, pos, (int) crc.getValue());
    pos = littleEndian(out, pos, data.length);
    end[0] = pos;
    return out;
  }

  /** Frees zlib's native memory. */
  void end() {
    synchronized (lock) {
      if (deflater != null) {
        deflater.end();
        deflater = null;
      }
    }
  }

  private static int littleEndian(byte[] out, int pos, int value) {
    out[pos] = (byte) value;
    out[pos + 1] = (byte) (value >>> 8);
    out[pos + 2] = (byte) (value >>> 16);
    out[pos + 3] = (byte) (value >>> 24);
    return pos + 4;
  }
}
