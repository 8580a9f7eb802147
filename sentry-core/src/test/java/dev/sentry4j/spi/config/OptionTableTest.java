package dev.sentry4j.spi.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * The README's option table is the registry's: a changed option without a README change fails here.
 */
class OptionTableTest {
  private static final String BEGIN =
      "<!-- options:begin (generated from OptionRegistry; OptionTableTest checks it) -->";
  private static final String END = "<!-- options:end -->";

  static String render() {
    StringBuilder sb = new StringBuilder();
    sb.append("| option | environment variable | system property | default | meaning |\n");
    sb.append("| --- | --- | --- | --- | --- |\n");
    for (OptionSpec<?> spec : OptionRegistry.all()) {
      sb.append("| `")
          .append(spec.name())
          .append("` | `")
          .append(spec.envVar())
          .append("` | `")
          .append(spec.systemProperty())
          .append("` | ")
          .append(spec.defaultText().isEmpty() ? "—" : "`" + spec.defaultText() + "`")
          .append(" | ")
          .append(spec.description())
          .append(" |\n");
    }
    return sb.toString();
  }

  @Test
  void readmeOptionTableMatchesTheCode() throws IOException {
    Path readme = Path.of("README.md");
    String text = Files.readString(readme, StandardCharsets.UTF_8);
    int begin = text.indexOf(BEGIN);
    int end = text.indexOf(END);
    assertThat(begin).as("README.md must contain the marker " + BEGIN).isNotNegative();
    String table = text.substring(begin + BEGIN.length(), end).strip() + "\n";
    assertThat(table)
        .as("sentry-core/README.md's option table is out of date; replace it with:\n" + render())
        .isEqualTo(render());
  }
}
