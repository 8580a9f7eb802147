package dev.sentry4j.internal;

/** Small string helpers. Internal, may change. */
public final class Strings {
  private Strings() {}

  /** Cuts {@code s} to at most {@code max} characters, marking the cut with an ellipsis. */
  public static String truncate(String s, int max) {
    if (s == null || s.length() <= max) {
      return s;
    }
    int end = max - 1;
    if (end > 0 && Character.isHighSurrogate(s.charAt(end - 1))) {
      end--;
    }
    return s.substring(0, Math.max(0, end)) + "\u2026";
  }

  /** {@code String.valueOf(value)} that never throws: a failing {@code toString()} is described. */
  public static String safeToString(Object value) {
    if (value == null) {
      return "null";
    }
    try {
      String s = value.toString();
      return s == null ? "null" : s;
    } catch (Throwable t) { // NOPMD: user code may throw anything, even errors
      if (t instanceof VirtualMachineError) {
        throw (VirtualMachineError) t;
      }
      return "[" + value.getClass().getName() + ".toString() threw " + t.getClass().getName() + "]";
    }
  }

  /** Whether {@code s} is null or empty after trimming. */
  public static boolean isBlank(String s) {
    return s == null || s.trim().isEmpty();
  }
}
