package dev.sentry4j.log4j2;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sentry4j.logs.LogLevel;
import org.apache.logging.log4j.Level;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class LevelMappingTest {

  @ParameterizedTest
  @CsvSource({
    "OFF, FATAL",
    "FATAL, FATAL",
    "ERROR, ERROR",
    "WARN, WARN",
    "INFO, INFO",
    "DEBUG, DEBUG",
    "TRACE, TRACE",
    "ALL, TRACE"
  })
  void standardLevelsMapByName(String log4j, LogLevel expected) {
    assertThat(LevelMapping.toLogLevel(Level.getLevel(log4j))).isEqualTo(expected);
  }

  @ParameterizedTest
  @CsvSource({
    "100, FATAL",
    "101, ERROR",
    "200, ERROR",
    "201, WARN",
    "300, WARN",
    "350, INFO",
    "400, INFO",
    "450, DEBUG",
    "500, DEBUG",
    "501, TRACE",
    "10000, TRACE"
  })
  void customLevelsMapByIntLevelToTheNextStandardLevelBelow(int intLevel, LogLevel expected) {
    Level custom = Level.forName("CUSTOM_" + intLevel, intLevel);
    assertThat(LevelMapping.toLogLevel(custom)).isEqualTo(expected);
  }
}
