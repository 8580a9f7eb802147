package dev.sentry4j.jul;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sentry4j.spi.Diagnostics;
import dev.sentry4j.spi.config.OptionSources;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Misspelt logging.properties keys are warned once, naming the key, with the closest real one. */
class HandlerConfigKeysTest {
  private static final String P = HandlerConfig.PREFIX;
  private final List<String> warnings = new CopyOnWriteArrayList<>();
  private AutoCloseable listener;

  @BeforeEach
  void listen() {
    OptionSources.resetWarnings();
    Diagnostics.resetRateLimits();
    listener = Diagnostics.addListener((severity, line) -> warnings.add(severity + " " + line));
  }

  @AfterEach
  void stop() throws Exception {
    listener.close();
    OptionSources.resetWarnings();
  }

  @Test
  void unknownKeysAreWarnedWithTheClosestKnownKey() {
    Map<String, String> props =
        Map.of(
            P + "dns",
            "https://k@o1.ingest.sentry.io/1",
            P + "minimumEventLvel",
            "WARNING",
            P + "level",
            "INFO",
            P + "environment",
            "staging",
            "java.util.logging.ConsoleHandler.level",
            "INFO");

    HandlerConfig config = HandlerConfig.read(props::get, props.keySet());

    assertThat(warnings)
        .containsExactlyInAnyOrder(
            "WARN Unknown logging.properties key "
                + P
                + "dns (ignored); did you mean "
                + P
                + "dsn?",
            "WARN Unknown logging.properties key "
                + P
                + "minimumEventLvel (ignored); did you mean "
                + P
                + "minimumEventLevel?");
    assertThat(config.options.build().getEnvironment()).isEqualTo("staging");
  }

  @Test
  void sentryJavaSpellingsAreHonouredAndTheBooleanGrammarIsTheSdks() {
    Map<String, String> props = Map.of(P + "logs.enabled", "yes", P + "mdcAsContext", "on");

    HandlerConfig config = HandlerConfig.read(props::get, props.keySet());

    assertThat(warnings).isEmpty();
    assertThat(config.options.build().isEnableLogs()).isTrue();
    assertThat(config.settings.isMdcAsContext()).isTrue();
  }
}
