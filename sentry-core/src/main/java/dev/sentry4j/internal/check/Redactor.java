package dev.sentry4j.internal.check;

import dev.sentry4j.options.Dsn;
import java.util.ArrayList;
import java.util.List;

/** Removes a DSN's keys from any text before the check prints it. */
final class Redactor {
  private static final String MASK = "***";
  private final List<String> secrets = new ArrayList<>();

  /** A redactor that knows nothing secret yet; {@link #add} teaches it. */
  Redactor() {}

  /** Adds a text that must never be printed (ignored when null or empty). */
  void add(String secret) {
    // a part of one or two characters would mask half of every line; no real key is that short
    if (secret != null && secret.length() > 2 && !secrets.contains(secret)) {
      secrets.add(secret);
      // the longest first, so that a DSN is masked as a whole before its key is
      secrets.sort((a, b) -> b.length() - a.length());
    }
  }

  /** Adds a DSN's text and its keys. */
  void add(Dsn dsn) {
    add(dsn.toString());
    add(dsn.getPublicKey());
    add(dsn.getSecretKey());
  }

  /**
   * Adds a DSN's text as given, valid or not: its keys (what lies between {@code ://} and
   * {@code @}), or the whole text when it has no such part (it might be a bare key).
   */
  void addDsnText(String text) {
    if (text == null || text.trim().isEmpty()) {
      return;
    }
    int scheme = text.indexOf("://");
    int at = text.lastIndexOf('@');
    if (scheme < 0 || at < scheme + 3) {
      add(text.trim());
      return;
    }
    String userInfo = text.substring(scheme + 3, at);
    add(userInfo);
    for (String part : userInfo.split(":")) {
      add(part);
    }
  }

  /** {@code text} with every known secret replaced by {@code ***}; null stays null. */
  String clean(String text) {
    if (text == null) {
      return null;
    }
    String result = text;
    for (String secret : secrets) {
      result = result.replace(secret, MASK);
    }
    return result;
  }

  /** The DSN as it may be printed: {@code https://***@host/path/project}. */
  static String mask(Dsn dsn) {
    String text = dsn.toString();
    int scheme = text.indexOf("://");
    int at = text.lastIndexOf('@');
    if (scheme < 0 || at < scheme) {
      return MASK;
    }
    return text.substring(0, scheme + 3) + MASK + text.substring(at);
  }
}
