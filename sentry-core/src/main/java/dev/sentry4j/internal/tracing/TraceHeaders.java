package dev.sentry4j.internal.tracing;

/**
 * Reads and writes the {@code sentry-trace} and W3C {@code traceparent} headers. Parsing never
 * throws and rejects anything malformed (returns {@code null}), so that a bad header starts a new
 * trace. Internal, may change. Thread-safe (stateless).
 */
public final class TraceHeaders {
  /** Header name {@code sentry-trace}. */
  public static final String SENTRY_TRACE = "sentry-trace";

  /** Header name {@code traceparent}. */
  public static final String TRACEPARENT = "traceparent";

  /** Header name {@code baggage}. */
  public static final String BAGGAGE = "baggage";

  /** How many comma-joined {@code sentry-trace} values {@link #parseSentryTraceList} looks at. */
  public static final int MAX_JOINED_VALUES = 8;

  private TraceHeaders() {}

  /** A parsed trace header: the upstream trace, span and decision. Immutable. */
  public static final class Parsed {
    private final String traceId;
    private final String spanId;
    private final Boolean sampled;

    Parsed(String traceId, String spanId, Boolean sampled) {
      this.traceId = traceId;
      this.spanId = spanId;
      this.sampled = sampled;
    }

    /** The trace id, lowercase. */
    public String traceId() {
      return traceId;
    }

    /** The upstream span id, lowercase. */
    public String spanId() {
      return spanId;
    }

    /** The upstream decision, or {@code null} when deferred. */
    public Boolean sampled() {
      return sampled;
    }
  }

  /** {@code traceId-spanId[-1|-0]}; no flag when the decision is deferred. */
  public static String sentryTrace(String traceId, String spanId, Boolean sampled) {
    StringBuilder sb = new StringBuilder(51).append(traceId).append('-').append(spanId);
    if (sampled != null) {
      sb.append(sampled ? "-1" : "-0");
    }
    return sb.toString();
  }

  /** {@code 00-traceId-spanId-01} when sampled, else {@code -00} (W3C has no deferred state). */
  public static String traceparent(String traceId, String spanId, Boolean sampled) {
    return "00-" + traceId + "-" + spanId + (Boolean.TRUE.equals(sampled) ? "-01" : "-00");
  }

  /**
   * Parses {@code sentry-trace}: 32 hex, {@code -}, 16 hex, optionally {@code -1} or {@code -0};
   * blanks around it are allowed, hex digits in either case (written back lowercase, as the Java
   * SDK reads it); all-zero ids are refused.
   */
  public static Parsed parseSentryTrace(String value) {
    if (value == null) {
      return null;
    }
    int start = 0;
    int end = value.length();
    if (end > 64) {
      return null; // longer than any valid header plus some blanks: do not scan it
    }
    while (start < end && isBlank(value.charAt(start))) {
      start++;
    }
    while (end > start && isBlank(value.charAt(end - 1))) {
      end--;
    }
    int length = end - start;
    if (length != 49 && length != 51) {
      return null;
    }
    if (value.charAt(start + 32) != '-') {
      return null;
    }
    String traceId = hex(value, start, 32, true);
    String spanId = hex(value, start + 33, 16, true);
    if (traceId == null || spanId == null) {
      return null;
    }
    Boolean sampled = null;
    if (length == 51) {
      char flag = value.charAt(start + 50);
      if (value.charAt(start + 49) != '-' || (flag != '0' && flag != '1')) {
        return null;
      }
      sampled = flag == '1';
    }
    return new Parsed(traceId, spanId, sampled);
  }

  /**
   * Parses a {@code sentry-trace} value that may hold several comma-separated values (what a proxy
   * that merges repeated headers sends, {@code a-b-1,c-d-0}): the first valid one wins, the others
   * are ignored. At most {@value #MAX_JOINED_VALUES} values are looked at.
   *
   * @return the first valid value, or {@code null} when none is
   */
  public static Parsed parseSentryTraceList(String value) {
    if (value == null) {
      return null;
    }
    if (value.indexOf(',') < 0) {
      return parseSentryTrace(value);
    }
    int from = 0;
    for (int i = 0; i < MAX_JOINED_VALUES && from <= value.length(); i++) {
      int comma = value.indexOf(',', from);
      int end = comma < 0 ? value.length() : comma;
      Parsed parsed = parseSentryTrace(value.substring(from, end));
      if (parsed != null) {
        return parsed;
      }
      if (comma < 0) {
        break;
      }
      from = comma + 1;
    }
    return null;
  }

  /**
   * Parses a W3C {@code traceparent}: {@code version-traceid-parentid-flags}, lowercase hex only as
   * the W3C spec requires, version {@code ff} and all-zero ids refused; a later version may carry
   * more fields after the flags. Sampled is flag bit 0.
   */
  public static Parsed parseTraceparent(String value) {
    if (value == null || value.length() > 600) {
      return null;
    }
    String v = value.trim();
    if (v.length() < 55 || v.length() > 512) {
      return null;
    }
    String version = hexAllowZero(v, 0, 2);
    if (version == null || version.equals("ff")) {
      return null;
    }
    if (v.charAt(2) != '-' || v.charAt(35) != '-' || v.charAt(52) != '-') {
      return null;
    }
    boolean sizeOk =
        version.equals("00") ? v.length() == 55 : v.length() == 55 || v.charAt(55) == '-';
    if (!sizeOk) {
      return null;
    }
    String traceId = hex(v, 3, 32, false);
    String spanId = hex(v, 36, 16, false);
    String flags = hexAllowZero(v, 53, 2);
    if (traceId == null || spanId == null || flags == null) {
      return null;
    }
    boolean sampled = (Character.digit(flags.charAt(1), 16) & 1) == 1;
    return new Parsed(traceId, spanId, sampled);
  }

  private static boolean isBlank(char c) {
    return c == ' ' || c == '\t';
  }

  /** The lowercase hex id at {@code from}, or null when not hex or all zeros. */
  private static String hex(String s, int from, int length, boolean anyCase) {
    char[] out = new char[length];
    boolean nonZero = false;
    for (int i = 0; i < length; i++) {
      char c = s.charAt(from + i);
      if (anyCase && c >= 'A' && c <= 'F') {
        c = (char) (c + ('a' - 'A'));
      }
      if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) {
        return null;
      }
      nonZero |= c != '0';
      out[i] = c;
    }
    return nonZero ? new String(out) : null;
  }

  private static String hexAllowZero(String s, int from, int length) {
    for (int i = 0; i < length; i++) {
      char c = s.charAt(from + i);
      if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) {
        return null;
      }
    }
    return s.substring(from, from + length);
  }
}
