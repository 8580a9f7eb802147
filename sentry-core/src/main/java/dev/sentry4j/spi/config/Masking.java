package dev.sentry4j.spi.config;

import java.util.regex.Pattern;

/** Hides DSN secrets in configuration messages: {@code https://***@host/1}. Stateless. */
final class Masking {
  private static final Pattern USER_INFO = Pattern.compile("(https?://)[^@/\\s']+@");

  private Masking() {}

  /**
   * {@code text} with the user part of every URL (a DSN's key and secret) replaced by {@code ***}.
   */
  static String mask(String text) {
    return text == null ? null : USER_INFO.matcher(text).replaceAll("$1***@");
  }
}
