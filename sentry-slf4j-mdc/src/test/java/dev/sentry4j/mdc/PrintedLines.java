package dev.sentry4j.mdc;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Reads lines printed with the test pattern {@code message|trace=%X{trace_id}|span=...} back into
 * the message's fields.
 */
final class PrintedLines {
  private PrintedLines() {}

  /** The fields of the only line printed for {@code message}: trace, span, sampled, tenant, ... */
  static Map<String, String> line(List<String> lines, String message) {
    List<String> matching =
        lines.stream().filter(l -> l.startsWith(message + "|")).collect(Collectors.toList());
    assertThat(matching).as("lines printed for '%s' among %s", message, lines).hasSize(1);
    String[] parts = matching.get(0).split("\\|", -1);
    Map<String, String> fields = new LinkedHashMap<>();
    for (int i = 1; i < parts.length; i++) {
      int eq = parts[i].indexOf('=');
      fields.put(parts[i].substring(0, eq), parts[i].substring(eq + 1));
    }
    return fields;
  }
}
