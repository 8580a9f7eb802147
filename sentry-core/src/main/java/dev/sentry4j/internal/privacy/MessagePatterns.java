package dev.sentry4j.internal.privacy;

import dev.sentry4j.internal.KeyMatcher;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Value scrubbing of free text (option {@code scrubMessages}). Each rule replaces only the secret
 * part with {@value Scrubber#FILTERED}:
 *
 * <ol>
 *   <li><b>Pairs</b> {@code key=value}, {@code key: value}, {@code "key":"value"} whose key is
 *       sensitive by the scrubber's key rules: {@code password=hunter2}, {@code ?token=abc&page=2},
 *       {@code Authorization: Bearer abc} (an auth scheme word before the value is kept). A bare
 *       value ends at white space or one of {@code " ' , ; & < > ( ) { } [ ]}; a quoted value at
 *       its closing quote.
 *   <li><b>URL passwords</b> {@code scheme://user:secret@host} keep the user.
 *   <li><b>Bearer tokens</b> anywhere: {@code Bearer} followed by at least 8 token characters.
 *   <li><b>Card-like numbers</b>: 13 to 19 digits starting with 2 to 6, written together or in
 *       groups of at least 3 digits separated by one space or dash, not touching a letter, digit or
 *       decimal point, and passing the Luhn check.
 * </ol>
 *
 * A text without a match is returned as the same instance. Thread-safe.
 */
final class MessagePatterns {
  private static final Pattern PAIR =
      Pattern.compile(
          "(?<![\\w.\\-])([A-Za-z_][\\w.\\-]{0,63}+)([\"']?[ \\t]{0,4}+[=:][ \\t]{0,4}+)"
              + "(?:\"([^\"\\r\\n]{1,1024}+)\"|'([^'\\r\\n]{1,1024}+)'"
              + "|((?i:bearer|basic|digest|token|negotiate)[ \\t]{1,4}+)?([^\\s\"',;&<>(){}\\[\\]]++))?");

  /** {@code key={}} or {@code key: {0}} in a message template. */
  private static final Pattern PLACEHOLDER_PAIR =
      Pattern.compile(
          "(?<![\\w.\\-])([A-Za-z_][\\w.\\-]{0,63}+)[\"']?[ \\t]{0,4}+[=:][ \\t]{0,4}+[\"']?\\{(\\d{0,4}+)\\}");

  private static final int[] NONE = new int[0];
  private static final Pattern URL_PASSWORD =
      Pattern.compile("(://[^\\s/:@]{1,256}+:)([^\\s/@]{1,256}+)(?=@)");
  private static final Pattern BEARER =
      Pattern.compile("(?<![\\w])((?i:bearer)[ \\t]{1,4}+)([A-Za-z0-9\\-._~+/]{8,}+=*+)");

  private final KeyMatcher keys;

  MessagePatterns(KeyMatcher keys) {
    this.keys = keys;
  }

  /** The text with secrets replaced, or the same instance when nothing matched. */
  String scrub(String text) {
    if (text == null || text.isEmpty()) {
      return text;
    }
    String s = text;
    if ((s.indexOf('=') >= 0 || s.indexOf(':') >= 0) && keys.mayContainKey(s)) {
      s = pairs(s);
    }
    if (s.contains("://")) {
      s = replaceGroup(s, URL_PASSWORD);
    }
    if (s.contains("earer") || s.contains("EARER")) {
      s = replaceGroup(s, BEARER);
    }
    return cards(s);
  }

  /**
   * The positions of the parameters that stand right after a sensitive key in a template ({@code
   * password={}} or {@code password={1}}): {@code {}} placeholders count from 0 in order, {@code
   * {N}} names its position. An empty array when there is none; allocation-free then for templates
   * without a deny word.
   */
  int[] sensitivePlaceholders(String template) {
    if (template == null
        || template.indexOf('{') < 0
        || (template.indexOf('=') < 0 && template.indexOf(':') < 0)
        || !keys.mayContainKey(template)) {
      return NONE;
    }
    Matcher m = PLACEHOLDER_PAIR.matcher(template);
    int[] found = NONE;
    while (m.find()) {
      if (!keys.isSensitive(m.group(1))) {
        continue;
      }
      String number = m.group(2);
      int index =
          number.isEmpty() ? anonymousBefore(template, m.start(2) - 1) : Integer.parseInt(number);
      found = java.util.Arrays.copyOf(found, found.length + 1);
      found[found.length - 1] = index;
    }
    return found;
  }

  /** How many {@code {}} placeholders come before {@code end} (escaped {@code \{}} not counted). */
  private static int anonymousBefore(String template, int end) {
    int count = 0;
    int i = template.indexOf("{}");
    while (i >= 0 && i < end) {
      if (i == 0 || template.charAt(i - 1) != '\\') {
        count++;
      }
      i = template.indexOf("{}", i + 2);
    }
    return count;
  }

  /**
   * Filters the values of sensitive pairs in {@code text}; a value that starts with one of {@code
   * known} (the filtered parameters of its template) is filtered for that whole length, spaces
   * included.
   */
  String pairs(String text, java.util.List<String> known) {
    if (text == null
        || (text.indexOf('=') < 0 && text.indexOf(':') < 0)
        || !keys.mayContainKey(text)) {
      return text;
    }
    return pairsMatching(text, known);
  }

  private String pairs(String s) {
    return pairsMatching(s, java.util.List.of());
  }

  private String pairsMatching(String s, java.util.List<String> known) {
    Matcher m = PAIR.matcher(s);
    StringBuilder out = null;
    int copied = 0;
    int from = 0;
    while (from < s.length() && m.find(from)) {
      if (!keys.isSensitive(m.group(1))) {
        // the "value" may itself hold a pair (query: token=abc): look again right after the
        // separator
        from = m.end(2);
        continue;
      }
      int valueStart = -1;
      int valueEnd = -1;
      if (m.start(3) >= 0) {
        valueStart = m.start(3);
        valueEnd = m.end(3);
      } else if (m.start(4) >= 0) {
        valueStart = m.start(4);
        valueEnd = m.end(4);
      } else if (m.start(6) >= 0) {
        valueStart = m.start(6);
        valueEnd = m.end(6);
      }
      // a parameter of the template is filtered whole, whatever it starts with: ( " ; ...
      int at = m.end(2);
      if (at < s.length() && (s.charAt(at) == '"' || s.charAt(at) == '\'')) {
        at++; // password="{}" in the template
      }
      for (String value : known) {
        if (!value.isEmpty() && (s.startsWith(value, m.end(2)) || s.startsWith(value, at))) {
          valueStart = s.startsWith(value, m.end(2)) ? m.end(2) : at;
          valueEnd = Math.max(valueEnd, valueStart + value.length());
          break;
        }
      }
      if (valueStart < 0) {
        from = m.end(2); // a key and a separator with no value this pattern knows
        continue;
      }
      if (out == null) {
        out = new StringBuilder(s.length());
      }
      out.append(s, copied, valueStart).append(Scrubber.FILTERED);
      copied = valueEnd;
      from = Math.max(m.end(), valueEnd);
    }
    if (out == null) {
      return s;
    }
    return out.append(s, copied, s.length()).toString();
  }

  /** Replaces group 2 of every match with the filter marker. */
  private static String replaceGroup(String s, Pattern pattern) {
    Matcher m = pattern.matcher(s);
    StringBuilder out = null;
    int copied = 0;
    while (m.find()) {
      if (out == null) {
        out = new StringBuilder(s.length());
      }
      out.append(s, copied, m.start(2)).append(Scrubber.FILTERED);
      copied = m.end(2);
    }
    if (out == null) {
      return s;
    }
    return out.append(s, copied, s.length()).toString();
  }

  /** Finds card-like numbers by a linear scan; allocates only when one is found. */
  static String cards(String s) {
    StringBuilder out = null;
    int copied = 0;
    int n = s.length();
    int i = 0;
    int[] groupStart = null;
    int[] groupEnd = null;
    while (i < n) {
      if (!isDigit(s.charAt(i)) || !startsRun(s, i)) {
        i++;
        continue;
      }
      // a run of digit groups joined by single spaces or dashes; most runs are short: skip them
      // without recording anything
      int runDigits = 0;
      int k = i;
      while (true) {
        while (k < n && isDigit(s.charAt(k))) {
          k++;
          runDigits++;
        }
        if (k + 1 < n && (s.charAt(k) == ' ' || s.charAt(k) == '-') && isDigit(s.charAt(k + 1))) {
          k++;
        } else {
          break;
        }
      }
      if (runDigits < 13 || !endsRun(s, k)) {
        i = k;
        continue;
      }
      if (groupStart == null) {
        groupStart = new int[8];
        groupEnd = new int[8];
      }
      int groups = 0;
      int j = i;
      while (true) {
        int start = j;
        while (j < n && isDigit(s.charAt(j))) {
          j++;
        }
        if (groups == groupStart.length) {
          groupStart = java.util.Arrays.copyOf(groupStart, groups * 2);
          groupEnd = java.util.Arrays.copyOf(groupEnd, groups * 2);
        }
        groupStart[groups] = start;
        groupEnd[groups] = j;
        groups++;
        if (j + 1 < n && (s.charAt(j) == ' ' || s.charAt(j) == '-') && isDigit(s.charAt(j + 1))) {
          j++;
        } else {
          break;
        }
      }
      int runEnd = j;
      int g = 0;
      while (g < groups) {
        int last = longestCard(s, groupStart, groupEnd, g, groups);
        if (last < 0) {
          g++;
          continue;
        }
        if (out == null) {
          out = new StringBuilder(n);
        }
        out.append(s, copied, groupStart[g]).append(Scrubber.FILTERED);
        copied = groupEnd[last];
        g = last + 1;
      }
      i = runEnd;
    }
    if (out == null) {
      return s;
    }
    return out.append(s, copied, n).toString();
  }

  /**
   * The last group of the longest card-like window starting at group {@code first}, or -1: groups
   * of at least 3 digits, 13 to 19 digits in all, first digit 2 to 6, Luhn-valid.
   */
  private static int longestCard(String s, int[] starts, int[] ends, int first, int groups) {
    char lead = s.charAt(starts[first]);
    if (lead < '2' || lead > '6') {
      return -1;
    }
    int found = -1;
    int digits = 0;
    for (int g = first; g < groups; g++) {
      int len = ends[g] - starts[g];
      if (len < 3) {
        break;
      }
      digits += len;
      if (digits > 19) {
        break;
      }
      if (digits >= 13 && luhn(s, starts, ends, first, g)) {
        found = g;
      }
    }
    return found;
  }

  private static boolean luhn(String s, int[] starts, int[] ends, int first, int last) {
    int sum = 0;
    boolean twice = false;
    for (int g = last; g >= first; g--) {
      for (int k = ends[g] - 1; k >= starts[g]; k--) {
        int d = s.charAt(k) - '0';
        if (twice) {
          d *= 2;
          if (d > 9) {
            d -= 9;
          }
        }
        sum += d;
        twice = !twice;
      }
    }
    return sum % 10 == 0;
  }

  private static boolean startsRun(String s, int i) {
    if (i == 0) {
      return true;
    }
    char before = s.charAt(i - 1);
    if (Character.isLetterOrDigit(before)) {
      return false;
    }
    // the fraction of a decimal number (3.14159...) is not a card number
    return !(before == '.' && i >= 2 && isDigit(s.charAt(i - 2)));
  }

  private static boolean endsRun(String s, int end) {
    if (end >= s.length()) {
      return true;
    }
    char after = s.charAt(end);
    if (Character.isLetterOrDigit(after)) {
      return false;
    }
    return !(after == '.' && end + 1 < s.length() && isDigit(s.charAt(end + 1)));
  }

  private static boolean isDigit(char c) {
    return c >= '0' && c <= '9';
  }
}
