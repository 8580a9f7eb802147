package dev.sentry4j.internal.privacy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sentry4j.event.Message;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** A parameter after a deny-listed key is filtered in the text whatever it starts with. */
class ParameterFilteringTest {
  private final Scrubber scrubber = Scrubber.builder().build();

  @ParameterizedTest
  @ValueSource(
      strings = {
        "hunter2",
        "(hunter2)",
        "\"hunter2",
        "\"hunter2\"",
        ";hunter2",
        "'hunter2",
        "hunter 2 with spaces",
        "{hunter2}",
        "[hunter2]",
        "<hunter2>",
        ",hunter2",
        "&hunter2",
        "=hunter2"
      })
  void theFormattedTextNeverShowsTheValue(String password) {
    String template = "login for {} with password={} failed";
    String formatted = "login for bob with password=" + password + " failed";

    Message scrubbed =
        scrubber.scrubMessage(new Message(template, List.of("bob", password), formatted));

    assertThat(scrubbed.getFormatted())
        .doesNotContain("hunter")
        .startsWith("login for bob with password=");
    assertThat(scrubbed.getParams()).containsExactly("bob", Scrubber.FILTERED);
    assertThat(scrubber.filterParameters(template, List.of("bob", password), formatted))
        .isEqualTo(scrubbed.getFormatted());
    // the same in an encoder's output around the message
    String encoded = "[ERROR] Login: " + formatted + " (thread main)";
    assertThat(scrubber.filterParameters(template, List.of("bob", password), encoded))
        .doesNotContain("hunter")
        .startsWith("[ERROR] Login: login for bob with password=")
        .endsWith(" failed (thread main)");
  }

  @ParameterizedTest
  @ValueSource(strings = {"password=\"{}\"", "password='{}'", "password: {}", "token={0}"})
  void quotedAndNumberedPlaceholdersToo(String pair) {
    String template = "login " + pair;
    String formatted = template.replace("{}", "(s3cret").replace("{0}", "(s3cret");

    assertThat(scrubber.filterParameters(template, List.of("(s3cret"), formatted))
        .doesNotContain("s3cret");
  }

  @ParameterizedTest
  @ValueSource(strings = {"login for {}", "user={}", "no parameters"})
  void otherTextIsLeftAsItIs(String template) {
    String formatted = template.replace("{}", "bob");

    assertThat(scrubber.filterParameters(template, List.of("bob"), formatted)).isSameAs(formatted);
  }
}
