package dev.sentry4j.bench.report;

import java.util.HashMap;
import java.util.Map;

/** A bench result line: a prefix, then {@code key=value} tokens separated by blanks. */
final class KeyValueLine {
  private final String line;
  private final Map<String, String> values = new HashMap<>();

  KeyValueLine(String prefix, String line) {
    this.line = line;
    for (String token : line.substring(prefix.length()).trim().split("\\s+")) {
      int eq = token.indexOf('=');
      if (eq > 0) {
        values.put(token.substring(0, eq), token.substring(eq + 1));
      }
    }
  }

  /** The value of {@code key}; an error naming the key and the line if it is absent. */
  String get(String key) {
    String value = values.get(key);
    if (value == null) {
      throw new IllegalArgumentException("Result line lacks '" + key + "': " + line);
    }
    return value;
  }

  /** The value of {@code key}, or {@code fallback} if it is absent. */
  String get(String key, String fallback) {
    return values.getOrDefault(key, fallback);
  }
}
