package dev.sentry4j.jul;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sentry4j.logs.LogLevel;
import java.util.logging.Level;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class JulLevelsTest {
  @ParameterizedTest
  @CsvSource({
    "SEVERE, ERROR, error",
    "WARNING, WARN, warning",
    "INFO, INFO, info",
    "CONFIG, DEBUG, debug", // as sentry-java maps it: below an INFO threshold
    "FINE, DEBUG, debug",
    "FINER, TRACE, debug",
    "FINEST, TRACE, debug",
    "ALL, TRACE, debug",
    "1100, ERROR, error",
    "950, WARN, warning",
    "850, INFO, info",
    "750, DEBUG, debug",
    "600, DEBUG, debug",
    "499, TRACE, debug",
  })
  void mapsStandardAndCustomLevelsByValue(String jul, LogLevel neutral, String eventLevel) {
    LogLevel mapped = JulLevels.toLogLevel(Level.parse(jul).intValue());
    assertThat(mapped).isEqualTo(neutral);
    assertThat(mapped.toEventLevel().wireName()).isEqualTo(eventLevel);
  }

  @ParameterizedTest
  @CsvSource({
    "SEVERE, ERROR",
    "severe, ERROR",
    "error, ERROR",
    "WARNING, WARN",
    "warn, WARN",
    "INFO, INFO",
    "CONFIG, DEBUG",
    "FINE, DEBUG",
    "debug, DEBUG",
    "FINEST, TRACE",
    "ALL, TRACE",
    "OFF, OFF",
    "950, WARN",
    "2147483647, OFF",
  })
  void parsesThresholdsInJulAndLogbackSpelling(String text, LogLevel expected) {
    assertThat(JulLevels.parseThreshold(text)).isEqualTo(expected);
  }

  @ParameterizedTest
  @CsvSource({
    "WARNING, WARNING", "warning, WARNING", "warn, WARNING", "error, SEVERE", "debug, FINE",
    "trace, FINEST", "ALL, ALL", "OFF, OFF", "CONFIG, CONFIG", "config, CONFIG",
  })
  void parsesTheHandlerLevelInBothSpellings(String text, String expected) {
    assertThat(JulLevels.parseHandlerLevel(text)).isEqualTo(Level.parse(expected));
  }

  @ParameterizedTest
  @ValueSource(strings = {"LOUD", "", "12x"})
  void badLevelNamesFailNamingTheValue(String text) {
    assertThatThrownBy(() -> JulLevels.parseThreshold(text))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("'" + text + "'");
    assertThatThrownBy(() -> JulLevels.parseHandlerLevel(text))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("'" + text + "'");
  }

  @ParameterizedTest
  @CsvSource({
    "TRACE, -2147483648",
    "DEBUG, 500",
    "INFO, 800",
    "WARN, 900",
    "ERROR, 1000",
    "FATAL, 2147483647",
    "OFF, 2147483647"
  })
  void theEarlyExitValueIsTheLowestJulValueReachingTheThreshold(LogLevel threshold, int value) {
    assertThat(JulLevels.lowestValue(threshold)).isEqualTo(value);
    if (value > Integer.MIN_VALUE && value < Integer.MAX_VALUE) {
      assertThat(JulLevels.toLogLevel(value)).isEqualTo(threshold);
      assertThat(JulLevels.toLogLevel(value - 1).compareTo(threshold)).isNegative();
    }
  }
}
