package dev.sentry4j.jul;

import java.text.MessageFormat;
import java.util.MissingResourceException;
import java.util.ResourceBundle;
import java.util.logging.LogRecord;

/**
 * A record's message the way {@link java.util.logging.Formatter#formatMessage} prints it: the text
 * looked up in the record's resource bundle, then {@link MessageFormat} applied only when it holds a
 * {@code {digit} placeholder. Split in two so the template (the localized pattern) is kept apart from
 * the formatted text.
 */
final class JulMessages {
  private JulMessages() {}

  /**
   * The record's pattern: its message, or the bundle's text for it when the record has a bundle
   * that knows the key. May be {@code null}.
   */
  static String template(LogRecord record) {
    String message = record.getMessage();
    ResourceBundle bundle = record.getResourceBundle();
    if (bundle == null || message == null) {
      return message;
    }
    try {
      return bundle.getString(message);
    } catch (MissingResourceException | ClassCastException e) {
      return message;
    }
  }

  /**
   * The pattern with its parameters, or the pattern itself when there are none, when it has no
   * {@code {digit} placeholder, or when formatting fails (an argument's {@code toString()} threw):
   * JUL's own rules, so the event says what a console line says.
   */
  static String format(String template, Object[] params, boolean printfStyle) {
    if (printfStyle) {
      return formatPrintf(template, params);
    }
    return format(template, params);
  }

  /**
   * The pattern formatted with {@link String#format} (sentry-java's {@code printfStyle}): {@code
   * %s}, {@code %d}, ... placeholders; the pattern itself when there are no parameters or when
   * formatting fails.
   */
  static String formatPrintf(String template, Object[] params) {
    if (template == null || params == null || params.length == 0) {
      return template;
    }
    try {
      return String.format(template, params);
    } catch (Exception e) { // NOPMD: a bad pattern or a throwing toString(): keep the pattern
      return template;
    }
  }

  static String format(String template, Object[] params) {
    if (template == null || params == null || params.length == 0 || !hasPlaceholder(template)) {
      return template;
    }
    String simple = formatSimple(template, params);
    if (simple != null) {
      return simple;
    }
    try {
      return MessageFormat.format(template, params);
    } catch (Exception e) { // NOPMD: user toString() may throw anything JUL itself tolerates
      return template;
    }
  }

  /**
   * What {@link MessageFormat} makes of the common pattern, without parsing it into a MessageFormat
   * (which costs more than the rest of a breadcrumb): every placeholder a plain {@code {n}}, no
   * quote, and each argument used a {@code String} or {@code null}. Then MessageFormat prints the
   * string as is, {@code null} as "null", and an index without argument as {@code {n}}. Anything
   * else (a format type such as {@code {0,number}}, a quote, a number or date argument, which
   * MessageFormat formats by locale, unbalanced braces) returns {@code null}: MessageFormat
   * decides.
   */
  static String formatSimple(String template, Object[] params) {
    if (template.indexOf('\'') >= 0) {
      return null;
    }
    int length = template.length();
    StringBuilder out = null;
    int copied = 0;
    for (int open = template.indexOf('{'); open >= 0; open = template.indexOf('{', copied)) {
      int end = open + 1;
      int index = 0;
      while (end < length && end - open <= 9) {
        char c = template.charAt(end);
        if (c < '0' || c > '9') {
          break;
        }
        index = index * 10 + (c - '0');
        end++;
      }
      if (end == open + 1 || end >= length || template.charAt(end) != '}') {
        return null;
      }
      if (out == null) {
        out = new StringBuilder(length + 32);
      }
      out.append(template, copied, open);
      if (index >= params.length) {
        out.append('{').append(index).append('}');
      } else if (params[index] == null) {
        out.append("null");
      } else if (params[index] instanceof String) {
        out.append((String) params[index]);
      } else {
        return null;
      }
      copied = end + 1;
    }
    if (out == null) {
      return null;
    }
    return out.append(template, copied, length).toString();
  }

  /** Whether the text has a {@code {} followed by a digit, JUL's cheap test for a MessageFormat. */
  static boolean hasPlaceholder(String text) {
    int last = text.length() - 1;
    for (int i = text.indexOf('{'); i >= 0 && i < last; i = text.indexOf('{', i + 1)) {
      char next = text.charAt(i + 1);
      if (next >= '0' && next <= '9') {
        return true;
      }
    }
    return false;
  }
}
