package dev.sentry4j.internal.tracing;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads and writes the W3C {@code baggage} header as far as Sentry needs it: the {@code sentry-}
 * members in, the Dynamic Sampling Context out, and merging ours into a header that already carries
 * other vendors' members. Keys and values are percent-encoded. W3C limits apply: at most {@value
 * #MAX_MEMBERS} members and {@value #MAX_BYTES} bytes; members that would exceed them are left out.
 * Internal, may change. Thread-safe (stateless).
 */
public final class Baggage {
  /** Most list members in one header. */
  public static final int MAX_MEMBERS = 64;

  /** Most bytes in one header. */
  public static final int MAX_BYTES = 8192;

  /** Prefix of Sentry's members. */
  public static final String PREFIX = "sentry-";

  /** Incoming headers longer than this are read only up to the last member that fits. */
  private static final int MAX_READ = 4 * MAX_BYTES;

  private static final char[] HEX = "0123456789ABCDEF".toCharArray();

  private Baggage() {}

  /**
   * The Sentry members of an incoming header, without the prefix and decoded, in header order;
   * empty when there are none. Other vendors' members are ignored (never forwarded), and so are
   * malformed members.
   */
  public static Map<String, String> parseSentryMembers(String header) {
    Map<String, String> out = new LinkedHashMap<>();
    if (header == null || header.isEmpty()) {
      return out;
    }
    String h =
        header.length() > MAX_READ
            ? header.substring(0, header.lastIndexOf(',', MAX_READ) + 1)
            : header;
    int from = 0;
    while (from <= h.length()) {
      int comma = h.indexOf(',', from);
      int end = comma < 0 ? h.length() : comma;
      readSentryMember(h.substring(from, end), out);
      if (comma < 0) {
        break;
      }
      from = comma + 1;
    }
    return out;
  }

  private static void readSentryMember(String member, Map<String, String> out) {
    int semicolon = member.indexOf(';');
    String kv = semicolon < 0 ? member : member.substring(0, semicolon); // properties are ignored
    int eq = kv.indexOf('=');
    if (eq <= 0) {
      return;
    }
    String key = kv.substring(0, eq).trim();
    if (!key.startsWith(PREFIX) || key.length() == PREFIX.length()) {
      return;
    }
    String value = decode(kv.substring(eq + 1).trim());
    String name = decode(key.substring(PREFIX.length()));
    if (value != null && name != null && !out.containsKey(name)) {
      out.put(name, value);
    }
  }

  /** {@code sentry-k=v,...} for the DSC, within the limits. */
  public static String format(Map<String, String> dsc) {
    return merge(null, dsc);
  }

  /**
   * An outgoing header made of {@code existing}'s members that are not Sentry's, unchanged and in
   * order, followed by the DSC's members (Sentry's members already in {@code existing} are
   * replaced). Existing members come first; a Sentry member that would exceed {@value #MAX_MEMBERS}
   * members or {@value #MAX_BYTES} bytes is left out.
   *
   * @param existing the header the request already has, or {@code null}
   * @param dsc the Dynamic Sampling Context, or {@code null}
   * @return the header value; empty when there is nothing to send
   */
  public static String merge(String existing, Map<String, String> dsc) {
    StringBuilder sb = new StringBuilder(256);
    int members = 0;
    int bytes = 0;
    if (existing != null && !existing.isEmpty()) {
      for (String member : splitMembers(existing)) {
        if (isSentryMember(member)) {
          continue;
        }
        if (sb.length() > 0) {
          sb.append(',');
        }
        sb.append(member);
        members++;
      }
      bytes = sb.toString().getBytes(StandardCharsets.UTF_8).length;
    }
    if (dsc != null) {
      for (Map.Entry<String, String> e : dsc.entrySet()) {
        if (e.getKey() == null || e.getValue() == null) {
          continue;
        }
        String member = encode(PREFIX + e.getKey()) + "=" + encode(e.getValue());
        int extra = member.length() + (sb.length() > 0 ? 1 : 0); // encoded text is ASCII
        if (members + 1 > MAX_MEMBERS || bytes + extra > MAX_BYTES) {
          continue;
        }
        if (sb.length() > 0) {
          sb.append(',');
        }
        sb.append(member);
        members++;
        bytes += extra;
      }
    }
    return sb.toString();
  }

  private static List<String> splitMembers(String header) {
    List<String> out = new ArrayList<>();
    int from = 0;
    while (from <= header.length()) {
      int comma = header.indexOf(',', from);
      int end = comma < 0 ? header.length() : comma;
      String member = header.substring(from, end).trim();
      if (!member.isEmpty()) {
        out.add(member);
      }
      if (comma < 0) {
        break;
      }
      from = comma + 1;
    }
    return out;
  }

  private static boolean isSentryMember(String member) {
    return member.regionMatches(true, 0, PREFIX, 0, PREFIX.length());
  }

  /**
   * Percent-encodes everything but RFC 3986 unreserved characters (so {@code @} is {@code %40}).
   */
  static String encode(String s) {
    byte[] utf8 = s.getBytes(StandardCharsets.UTF_8);
    StringBuilder sb = new StringBuilder(utf8.length + 8);
    for (byte b : utf8) {
      int c = b & 0xFF;
      boolean unreserved =
          (c >= 'a' && c <= 'z')
              || (c >= 'A' && c <= 'Z')
              || (c >= '0' && c <= '9')
              || c == '-'
              || c == '.'
              || c == '_'
              || c == '~';
      if (unreserved) {
        sb.append((char) c);
      } else {
        sb.append('%').append(HEX[c >> 4]).append(HEX[c & 0xF]);
      }
    }
    return sb.toString();
  }

  /** Percent-decodes UTF-8 ({@code +} stays {@code +}); {@code null} when malformed. */
  static String decode(String s) {
    if (s.indexOf('%') < 0) {
      return s;
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream(s.length());
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == '%') {
        if (i + 2 >= s.length()) {
          return null;
        }
        int hi = Character.digit(s.charAt(i + 1), 16);
        int lo = Character.digit(s.charAt(i + 2), 16);
        if (hi < 0 || lo < 0) {
          return null;
        }
        out.write((hi << 4) | lo);
        i += 2;
      } else if (c < 0x80) {
        out.write(c);
      } else {
        byte[] b = String.valueOf(c).getBytes(StandardCharsets.UTF_8);
        out.write(b, 0, b.length);
      }
    }
    return new String(out.toByteArray(), StandardCharsets.UTF_8);
  }
}
