package dev.sentry4j.internal;

import java.util.concurrent.ThreadLocalRandom;

/**
 * Fast random ids for events, traces and spans: no SecureRandom, no UUID formatting. Internal, may
 * change. Thread-safe.
 */
public final class Ids {
  private static final char[] HEX = "0123456789abcdef".toCharArray();

  private Ids() {}

  /** A random, non-zero 32-character lowercase hex id (event and trace ids). */
  public static String newId32() {
    ThreadLocalRandom random = ThreadLocalRandom.current();
    long hi;
    long lo;
    do {
      hi = random.nextLong();
      lo = random.nextLong();
    } while (hi == 0 && lo == 0);
    char[] out = new char[32];
    writeHex(hi, out, 0);
    writeHex(lo, out, 16);
    return new String(out);
  }

  /** A random, non-zero 16-character lowercase hex id (span ids). */
  public static String newId16() {
    ThreadLocalRandom random = ThreadLocalRandom.current();
    long value;
    do {
      value = random.nextLong();
    } while (value == 0);
    char[] out = new char[16];
    writeHex(value, out, 0);
    return new String(out);
  }

  /** Whether {@code s} is exactly {@code length} lowercase hex characters and not all zeros. */
  public static boolean isLowerHex(String s, int length) {
    if (s == null || s.length() != length) {
      return false;
    }
    boolean nonZero = false;
    for (int i = 0; i < length; i++) {
      char c = s.charAt(i);
      boolean digit = c >= '0' && c <= '9';
      if (!digit && !(c >= 'a' && c <= 'f')) {
        return false;
      }
      if (c != '0') {
        nonZero = true;
      }
    }
    return nonZero;
  }

  private static void writeHex(long value, char[] out, int offset) {
    for (int i = 15; i >= 0; i--) {
      out[offset + i] = HEX[(int) (value & 0xF)];
      value >>>= 4;
    }
  }
}
