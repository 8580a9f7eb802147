package dev.sentry4j.internal;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Decides whether a key name is sensitive. A key is cut into lower-case words at every character
 * that is not a letter or digit and at camel-case humps ({@code X-Api-Key}, {@code api.key}, {@code
 * API_KEY} and {@code apiKey} all become {@code api key}); its compact form is the words joined
 * ({@code apikey}). Then:
 *
 * <ul>
 *   <li>a key whose compact form equals an allowed key's compact form is never sensitive;
 *   <li>an "anywhere" entry matches when its compact form occurs anywhere in the key's compact form
 *       ({@code password} matches {@code user_password}, {@code dbPassword2}, {@code PASSWORD});
 *   <li>a "word" entry matches when its words occur as whole, consecutive words of the key ({@code
 *       auth} matches {@code auth}, {@code X-Auth-Token}, {@code basicAuth}, but not {@code author}
 *       or {@code authority}).
 * </ul>
 *
 * Results are remembered for up to {@value #MAX_CACHED} distinct keys, so that the same MDC keys on
 * every event cost one hash lookup and no allocation. Thread-safe.
 */
public final class KeyMatcher {
  /** Default deny-list entries matched anywhere in a key's compact form. */
  public static final List<String> DEFAULT_DENY_ANYWHERE =
      List.of(
          "password",
          "passwd",
          "passphrase",
          "secret",
          "token",
          "api_key",
          "authorization",
          "credential",
          "private_key",
          "cookie",
          "csrf",
          "xsrf",
          "sessionid",
          "sessid");

  /** Default deny-list entries matched as whole words of a key. */
  public static final List<String> DEFAULT_DENY_WORDS = List.of("pwd", "auth", "session", "sid");

  static final int MAX_CACHED = 4096;

  private final List<String> anywhere;
  private final List<String[]> words;
  private final Set<String> allowed;
  private final String[] stems;
  private final boolean[] stemStarts;
  private final boolean anyNonAsciiStem;
  private final ConcurrentHashMap<String, Boolean> cache = new ConcurrentHashMap<>();

  public KeyMatcher(
      Collection<String> anywhere, Collection<String> words, Collection<String> allowed) {
    List<String> firstWords = new ArrayList<>();
    this.anywhere = new ArrayList<>();
    for (String a : anywhere) {
      List<String> split = split(a);
      if (!split.isEmpty()) {
        this.anywhere.add(String.join("", split));
        firstWords.add(split.get(0));
      }
    }
    this.words = new ArrayList<>();
    for (String w : words) {
      List<String> split = split(w);
      if (!split.isEmpty()) {
        this.words.add(split.toArray(new String[0]));
        firstWords.add(split.get(0));
      }
    }
    this.stems = shortest(firstWords);
    this.stemStarts = new boolean[128];
    boolean nonAscii = false;
    for (String stem : stems) {
      char c = stem.charAt(0);
      if (c < 128) {
        stemStarts[c] = true;
      } else {
        nonAscii = true;
      }
    }
    this.anyNonAsciiStem = nonAscii;
    this.allowed = new HashSet<>();
    for (String a : allowed) {
      String c = compact(a);
      if (!c.isEmpty()) {
        this.allowed.add(c);
      }
    }
  }

  /**
   * Whether {@code text} may hold a sensitive key: it contains, ignoring case, the first word of a
   * deny entry. A cheap, allocation-free pre-check for free text; a key whose separators cut a deny
   * word apart ({@code pass_word}) is not seen by it.
   */
  public boolean mayContainKey(String text) {
    int n = text.length();
    for (int i = 0; i < n; i++) {
      char c = Character.toLowerCase(text.charAt(i));
      if (c < 128 ? !stemStarts[c] : !anyNonAsciiStem) {
        continue;
      }
      for (String stem : stems) {
        if (stem.charAt(0) == c && text.regionMatches(true, i, stem, 0, stem.length())) {
          return true;
        }
      }
    }
    return false;
  }

  /**
   * The words, without any that contains another (finding {@code auth} finds {@code
   * authorization}).
   */
  private static String[] shortest(List<String> words) {
    List<String> out = new ArrayList<>();
    for (String w : words) {
      boolean covered = false;
      for (String other : words) {
        if (!other.equals(w) && w.contains(other)) {
          covered = true;
          break;
        }
      }
      if (!covered && !out.contains(w)) {
        out.add(w);
      }
    }
    return out.toArray(new String[0]);
  }

  /** Whether values under {@code key} must be filtered. */
  public boolean isSensitive(String key) {
    if (key == null || key.isEmpty()) {
      return false;
    }
    Boolean known = cache.get(key);
    if (known != null) {
      return known;
    }
    boolean sensitive = compute(key);
    if (cache.size() < MAX_CACHED) {
      cache.put(key, sensitive);
    }
    return sensitive;
  }

  private boolean compute(String key) {
    List<String> keyWords = split(key);
    if (keyWords.isEmpty()) {
      return false;
    }
    String compact = String.join("", keyWords);
    if (allowed.contains(compact)) {
      return false;
    }
    for (String a : anywhere) {
      if (compact.contains(a)) {
        return true;
      }
    }
    for (String[] w : words) {
      if (containsRun(keyWords, w)) {
        return true;
      }
    }
    return false;
  }

  private static boolean containsRun(List<String> keyWords, String[] run) {
    for (int start = 0; start + run.length <= keyWords.size(); start++) {
      int i = 0;
      while (i < run.length && keyWords.get(start + i).equals(run[i])) {
        i++;
      }
      if (i == run.length) {
        return true;
      }
    }
    return false;
  }

  /** The words joined: {@code X-Api-Key} gives {@code xapikey}. */
  public static String compact(String key) {
    return String.join("", split(key));
  }

  /**
   * Cuts a key into lower-case words: at every character that is not a letter or digit, before an
   * upper-case letter that follows a lower-case letter or digit ({@code userPassword}), and before
   * the last capital of a run of capitals followed by a lower-case letter ({@code APIKey}).
   */
  static List<String> split(String key) {
    List<String> out = new ArrayList<>(4);
    StringBuilder word = new StringBuilder();
    int n = key.length();
    for (int i = 0; i < n; i++) {
      char c = key.charAt(i);
      if (!Character.isLetterOrDigit(c)) {
        flush(word, out);
        continue;
      }
      if (Character.isUpperCase(c) && word.length() > 0) {
        char prev = key.charAt(i - 1);
        boolean hump = Character.isLowerCase(prev) || Character.isDigit(prev);
        boolean acronymEnd =
            Character.isUpperCase(prev) && i + 1 < n && Character.isLowerCase(key.charAt(i + 1));
        if (hump || acronymEnd) {
          flush(word, out);
        }
      }
      word.append(Character.toLowerCase(c));
    }
    flush(word, out);
    return out;
  }

  private static void flush(StringBuilder word, List<String> out) {
    if (word.length() > 0) {
      out.add(word.toString());
      word.setLength(0);
    }
  }
}
