package dev.sentry4j.spi.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The one text grammar every source of settings goes through. */
class TextParserTest {
  @ParameterizedTest
  @ValueSource(strings = {"true", "TRUE", " yes ", "Yes", "on", "ON", "1"})
  void trueSpellings(String text) {
    assertThat(TextParser.parseBoolean(text)).isTrue();
  }

  @ParameterizedTest
  @ValueSource(strings = {"false", "False", " no", "NO", "off", "Off", "0"})
  void falseSpellings(String text) {
    assertThat(TextParser.parseBoolean(text)).isFalse();
  }

  @ParameterizedTest
  @ValueSource(strings = {"", " ", "maybe", "flase", "2", "y", "t", "enabled"})
  void anythingElseIsNotABooleanAndTheMessageQuotesIt(String text) {
    assertThatThrownBy(() -> TextParser.parseBoolean(text))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("'" + text + "' is not a boolean")
        .hasMessageContaining("yes/no");
  }

  @Test
  void listsAreTrimmedAndDropEmptyEntries() {
    assertThat(TextParser.parseList(" a, b ,,c ,")).containsExactly("a", "b", "c");
    assertThat(TextParser.parseList("")).isEmpty();
    assertThat(TextParser.parseList(null)).isEmpty();
  }

  @Test
  void mapsNeedAKeyForEveryEntry() {
    assertThat(TextParser.parseMap("region=eu, tier = gold,empty="))
        .containsEntry("region", "eu")
        .containsEntry("tier", "gold")
        .containsEntry("empty", "");
    assertThatThrownBy(() -> TextParser.parseMap("region=eu,=x"))
        .hasMessageContaining("'=x' is not key=value");
  }

  @Test
  void durationsInEveryUnitAndPlainMilliseconds() {
    assertThat(TextParser.parseDuration("15s")).isEqualTo(Duration.ofSeconds(15));
    assertThat(TextParser.parseDuration("1.5s")).isEqualTo(Duration.ofMillis(1500));
    assertThat(TextParser.parseDuration(" 500ms ")).isEqualTo(Duration.ofMillis(500));
    assertThat(TextParser.parseDuration("2m")).isEqualTo(Duration.ofMinutes(2));
    assertThat(TextParser.parseDuration("1h")).isEqualTo(Duration.ofHours(1));
    assertThat(TextParser.parseDuration("PT3S")).isEqualTo(Duration.ofSeconds(3));
    assertThat(TextParser.parseDuration("2000")).isEqualTo(Duration.ofSeconds(2));
    assertThatThrownBy(() -> TextParser.parseDuration("soon"))
        .hasMessageContaining("'soon' is not a duration");
  }

  @Test
  void sizesInBytesOrBinaryUnits() {
    assertThat(TextParser.parseSize("33554432")).isEqualTo(32L << 20);
    assertThat(TextParser.parseSize("32MiB")).isEqualTo(32L << 20);
    assertThat(TextParser.parseSize("32 mb")).isEqualTo(32L << 20);
    assertThat(TextParser.parseSize("512KiB")).isEqualTo(512L << 10);
    assertThat(TextParser.parseSize("1GiB")).isEqualTo(1L << 30);
    assertThat(TextParser.parseSize("100B")).isEqualTo(100);
    assertThat(TextParser.parseSize("10_000")).isEqualTo(10_000);
    assertThatThrownBy(() -> TextParser.parseSize("lots"))
        .hasMessageContaining("'lots' is not a size");
  }

  @Test
  void numbers() {
    assertThat(TextParser.parseLong("10_000")).isEqualTo(10_000);
    assertThat(TextParser.parseDouble(" 0.25 ")).isEqualTo(0.25);
    assertThatThrownBy(() -> TextParser.parseInt("99999999999")).hasMessageContaining("too large");
    assertThatThrownBy(() -> TextParser.parseDouble("NaN")).hasMessageContaining("not a number");
  }

  @Test
  void everyTypedDefaultReadsBackThroughTheGrammar() {
    for (OptionSpec<?> spec : OptionRegistry.all()) {
      roundTrip(spec);
    }
    for (OptionSpec<?> spec : OptionRegistry.integrationSettings()) {
      roundTrip(spec);
    }
  }

  private static <T> void roundTrip(OptionSpec<T> spec) {
    T def = spec.defaultValue();
    if (def != null) {
      assertThat(spec.parse(spec.type().format(def))).as(spec.name()).isEqualTo(def);
    }
  }
}
