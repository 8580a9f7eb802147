package dev.sentry4j.internal;

import java.util.concurrent.ThreadLocalRandom;

/**
 * A trace's {@code sample_rand}: a number in [0, 1) with six decimals, made once per trace, so that
 * its text form ({@code 0.118307}) and the double compared with sample rates are the same number.
 * Internal, may change. Thread-safe (stateless).
 */
public final class SampleRand {
  private static final int SCALE = 1_000_000;

  private SampleRand() {}

  /** A new random value in [0, 1). */
  public static double next() {
    return ThreadLocalRandom.current().nextInt(SCALE) / (double) SCALE;
  }

  /**
   * A random value drawn so that {@code value < rate} is exactly {@code sampled}: from [0, rate)
   * when sampled, [rate, 1) when not; from [0, 1) when that range is empty (an inconsistent
   * upstream).
   */
  public static double consistentWith(double rate, boolean sampled) {
    int boundary = (int) Math.min(SCALE, Math.max(0, Math.ceil(rate * SCALE)));
    // boundary: the first micro-step m with m / SCALE >= rate (nudged below for rounding)
    while (boundary > 0 && (boundary - 1) / (double) SCALE >= rate) {
      boundary--;
    }
    while (boundary < SCALE && boundary / (double) SCALE < rate) {
      boundary++;
    }
    int lo = sampled ? 0 : boundary;
    int hi = sampled ? boundary : SCALE;
    if (lo >= hi) {
      return next();
    }
    return (lo + ThreadLocalRandom.current().nextInt(hi - lo)) / (double) SCALE;
  }

  /** Six decimals: {@code 0.118307}. */
  public static String format(double value) {
    long micros = Math.round(value * SCALE);
    if (micros >= SCALE) {
      micros = SCALE - 1;
    } else if (micros < 0) {
      micros = 0;
    }
    return "0." + Long.toString(SCALE + micros).substring(1);
  }

  /** The value of {@code text} when it is a number in [0, 1), else {@code null}. */
  public static Double parse(String text) {
    Double d = parseRate(text);
    return d == null || d >= 1.0 ? null : d;
  }

  /** The value of {@code text} when it is a number in [0, 1], else {@code null}. */
  public static Double parseRate(String text) {
    if (text == null || text.isEmpty() || text.length() > 32) {
      return null;
    }
    String t = text.trim();
    for (int i = 0; i < t.length(); i++) {
      char c = t.charAt(i);
      if (!(c >= '0' && c <= '9') && c != '.' && c != 'e' && c != 'E' && c != '-' && c != '+') {
        return null; // Double.parseDouble would also take "NaN", "0x1p-2" or "0.5f"
      }
    }
    try {
      double d = Double.parseDouble(t);
      return d >= 0.0 && d <= 1.0 ? d : null; // also false for NaN
    } catch (NumberFormatException e) {
      return null;
    }
  }

  /** A sample rate as text without exponent: {@code 0.25}, {@code 1.0}, {@code 0.0001}. */
  public static String formatRate(double rate) {
    if (rate == 0.0 || rate == 1.0) {
      return rate == 0.0 ? "0.0" : "1.0";
    }
    String s = Double.toString(rate);
    if (s.indexOf('E') < 0) {
      return s;
    }
    return new java.math.BigDecimal(s).stripTrailingZeros().toPlainString();
  }
}
