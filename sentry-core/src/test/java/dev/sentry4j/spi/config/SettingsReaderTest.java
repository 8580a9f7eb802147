package dev.sentry4j.spi.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sentry4j.Sentry;
import dev.sentry4j.options.SentryOptions;
import dev.sentry4j.spi.Diagnostics;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The one settings reader: unknown keys warned once per source with a "did you mean", sentry-java's
 * spellings honoured, bad values failing with the option, the source and the value (DSN masked).
 */
class SettingsReaderTest {
  @TempDir Path dir;
  private final List<String> warnings = new CopyOnWriteArrayList<>();
  private AutoCloseable listener;

  @BeforeEach
  void listen() {
    OptionSources.resetWarnings();
    Diagnostics.resetRateLimits();
    listener =
        Diagnostics.addListener(
            (severity, line) -> {
              if (severity == Diagnostics.Severity.WARN) {
                warnings.add(line);
              }
            });
  }

  @AfterEach
  void stopListening() throws Exception {
    listener.close();
    OptionSources.resetWarnings();
  }

  private OptionSources sources(String sentryProperties, Map<String, String> env, Properties sys)
      throws IOException {
    Path folder = Files.createTempDirectory(dir, "cp");
    Files.writeString(folder.resolve("sentry.properties"), sentryProperties);
    ClassLoader cl = new URLClassLoader(new URL[] {folder.toUri().toURL()}, null);
    return new OptionSources(env, sys, cl);
  }

  private static Properties sys(String... keyValues) {
    Properties p = new Properties();
    for (int i = 0; i < keyValues.length; i += 2) {
      p.setProperty(keyValues[i], keyValues[i + 1]);
    }
    return p;
  }

  @Test
  void withNoAdapterListeningAndNoDebugATypoIsPrintedToStderrOnce() throws Exception {
    listener.close(); // a code-only Sentry.init: no adapter forwards the warning
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    Diagnostics.setOutput(new PrintStream(err, true, StandardCharsets.UTF_8));
    System.setProperty("sentry.enviroment", "staging");
    try {
      Sentry.init(o -> o.setDsn(""));
      Sentry.init(o -> o.setDsn("")); // read again: said once
    } finally {
      System.clearProperty("sentry.enviroment");
      Sentry.close();
      Diagnostics.setOutput(null);
    }
    assertThat(Diagnostics.isDebug()).isFalse();
    assertThat(err.toString(StandardCharsets.UTF_8).lines())
        .filteredOn(l -> l.contains("sentry.enviroment"))
        .singleElement()
        .satisfies(
            l ->
                assertThat(l)
                    .contains(
                        "WARN Unknown system property sentry.enviroment (ignored);"
                            + " did you mean sentry.environment?"));
  }

  @Test
  void withAnAdapterListeningATypoGoesToItAndNotToStderr() throws IOException {
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    Diagnostics.setOutput(new PrintStream(err, true, StandardCharsets.UTF_8));
    try {
      sources("enviroment=staging\n", Map.of(), sys()).read();
    } finally {
      Diagnostics.setOutput(null);
    }
    assertThat(warnings).hasSize(1);
    assertThat(err.toString(StandardCharsets.UTF_8)).isEmpty();
  }

  @Test
  void anAdapterReadingSilentlySaysTheTypoItselfAndItIsNotSaidAgain() throws IOException {
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    Diagnostics.setOutput(new PrintStream(err, true, StandardCharsets.UTF_8));
    Settings settings;
    try {
      OptionSources sources = sources("enviroment=staging\n", Map.of(), sys());
      settings = sources.readSilently(); // the adapter puts settings.warnings() in its status
      sources.read(); // Sentry.init in code afterwards
    } finally {
      Diagnostics.setOutput(null);
    }
    assertThat(settings.warnings())
        .containsExactly(
            "Unknown sentry.properties key enviroment (ignored); did you mean environment?");
    assertThat(warnings).isEmpty();
    assertThat(err.toString(StandardCharsets.UTF_8)).isEmpty();
  }

  @Test
  void aTypoInSentryPropertiesIsWarnedOnceWithTheClosestKey() throws IOException {
    OptionSources sources =
        sources("dns=https://k@o1.ingest.sentry.io/1\nenviroment=staging\n", Map.of(), sys());

    Settings settings = sources.read();
    sources.read(); // a second reader (another adapter) does not warn again

    assertThat(warnings)
        .containsExactlyInAnyOrder(
            "Unknown sentry.properties key dns (ignored); did you mean dsn?",
            "Unknown sentry.properties key enviroment (ignored); did you mean environment?");
    assertThat(settings.warnings()).hasSize(2);
    SentryOptions options = SentryOptions.builder().apply(settings).build();
    assertThat(options.isEnabled()).isFalse();
    assertThat(options.getEnvironment()).isEqualTo("production");
  }

  @Test
  void aTypoInAnEnvironmentVariableIsWarnedInItsOwnSpelling() throws IOException {
    sources(
            "",
            Map.of(
                "SENTRY_ENVIROMENT", "staging",
                "SENTRY_AUTH_TOKEN", "sntrys_x", // sentry-cli's, not an SDK setting
                "SENTRY_PROPERTIES_FILE_X", "x",
                "PATH", "/bin"),
            sys())
        .read();

    assertThat(warnings)
        .containsExactlyInAnyOrder(
            "Unknown environment variable SENTRY_ENVIROMENT (ignored); did you mean"
                + " SENTRY_ENVIRONMENT?",
            "Unknown environment variable SENTRY_PROPERTIES_FILE_X (ignored)");
  }

  @Test
  void aTypoInASystemPropertyIsWarnedInItsOwnSpelling() throws IOException {
    sources("", Map.of(), sys("sentry.tracesSampelRate", "0.5", "sentry.properties.file.x", "1"))
        .read();

    assertThat(warnings)
        .contains(
            "Unknown system property sentry.tracesSampelRate (ignored); did you mean"
                + " sentry.traces-sample-rate?");
  }

  @Test
  void knownKeysInEverySpellingAreNotWarned() throws IOException {
    Settings settings =
        sources(
                "sample-rate=0.5\nmdc.trace-id-key=tid\n",
                Map.of("SENTRY_MAX_BREADCRUMBS", "7", "SENTRY_MDC_SPAN_ID_KEY", "sid"),
                sys("sentry.flushTimeout", "1s", "sentry.flush_timeout", "2s"))
            .read();

    assertThat(warnings).isEmpty();
    assertThat(settings.warnings()).isEmpty();
    SentryOptions options = SentryOptions.builder().apply(settings).build();
    assertThat(options.getSampleRate()).isEqualTo(0.5);
    assertThat(options.getMaxBreadcrumbs()).isEqualTo(7);
    assertThat(settings.value(OptionRegistry.MDC_TRACE_ID_KEY)).isEqualTo("tid");
    assertThat(settings.value(OptionRegistry.MDC_SPAN_ID_KEY)).isEqualTo("sid");
  }

  @Test
  void sentryJavaSpellingsOfSentryPropertiesAreHonoured() throws IOException {
    Settings settings =
        sources(
                "dsn=https://k@o1.ingest.sentry.io/1\n"
                    + "logs.enabled=true\n"
                    + "servername=web-1\n"
                    + "enable-spotlight=true\n"
                    + "spotlight-connection-url=http://127.0.0.1:9/stream\n"
                    + "tracing-origins=api.example.com\n"
                    + "traces-sample-rate=0.1\n"
                    + "in-app-includes=com.shop\n"
                    + "send-default-pii=true\n",
                Map.of(),
                sys())
            .read();
    SentryOptions options = SentryOptions.builder().apply(settings).build();

    assertThat(warnings).isEmpty();
    assertThat(options.isEnableLogs()).isTrue();
    assertThat(options.getServerName()).isEqualTo("web-1");
    assertThat(options.isSpotlight()).isTrue();
    assertThat(options.getSpotlightUrl()).isEqualTo("http://127.0.0.1:9/stream");
    assertThat(options.getTracePropagationTargets()).containsExactly("api.example.com");
    assertThat(options.getTracesSampleRate()).isEqualTo(0.1);
    assertThat(options.getInAppIncludes()).containsExactly("com.shop");
    assertThat(options.isSendDefaultPii()).isTrue();
  }

  @Test
  void sentryJavaEnabledFalseKeepsTheSdkOff() throws IOException {
    Settings settings =
        sources("dsn=https://k@o1.ingest.sentry.io/1\nenabled=false\n", Map.of(), sys()).read();
    assertThat(SentryOptions.builder().apply(settings).build().isEnabled()).isFalse();
  }

  @Test
  void sentryJavaOptionsWithoutAnEquivalentAreWarnedAsSuch() throws IOException {
    sources("attach-threads=true\nproxy.host=proxy\nprofiles-sample-rate=1.0\n", Map.of(), sys())
        .read();

    assertThat(warnings)
        .containsExactlyInAnyOrder(
            "sentry.properties key attach-threads is a sentry-java option without an equivalent in"
                + " sentry4j; ignored",
            "sentry.properties key proxy.host is a sentry-java option without an equivalent in"
                + " sentry4j; ignored",
            "sentry.properties key profiles-sample-rate is a sentry-java option without an"
                + " equivalent in sentry4j; ignored");
  }

  @Test
  void aBadValueNamesTheSourceTheOptionAndTheValue() throws IOException {
    Settings settings = sources("sample-rate=7\n", Map.of(), sys()).read();
    assertThatThrownBy(() -> SentryOptions.builder().apply(settings))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "Invalid value for sentry.properties key sample-rate (option sampleRate): '7'"
                + " (expected 0.0 to 1.0)");

    Settings env = sources("", Map.of("SENTRY_FLUSH_TIMEOUT", "soon"), sys()).read();
    assertThatThrownBy(() -> SentryOptions.builder().apply(env))
        .hasMessageStartingWith(
            "Invalid value for environment variable SENTRY_FLUSH_TIMEOUT (option flushTimeout):"
                + " 'soon' is not a duration");
  }

  @Test
  void aBadDsnNeverShowsItsKeyOrSecret() throws IOException {
    Settings settings =
        sources("", Map.of("SENTRY_DSN", "https://publickey:secretkey@o1.ingest.sentry.io/"), sys())
            .read();
    assertThatThrownBy(() -> SentryOptions.builder().apply(settings))
        .hasMessageContaining("environment variable SENTRY_DSN")
        .hasMessageContaining("https://***@o1.ingest.sentry.io/")
        .hasMessageNotContaining("secretkey")
        .hasMessageNotContaining("publickey");
  }

  @Test
  void precedenceIsFileThenEnvironmentThenSystemProperties() throws IOException {
    Settings settings =
        sources(
                "flush-timeout=1s\n",
                Map.of("SENTRY_FLUSH_TIMEOUT", "2s"),
                sys("sentry.flush-timeout", "3s"))
            .read();
    assertThat(settings.value(OptionRegistry.FLUSH_TIMEOUT)).isEqualTo(Duration.ofSeconds(3));
    assertThat(settings.get(OptionRegistry.FLUSH_TIMEOUT).source())
        .isEqualTo("system property sentry.flush-timeout");
  }

  @Test
  void unknownOptionsInCodeSuggestTheClosestName() {
    assertThatThrownBy(() -> SentryOptions.builder().setOption("enviroment", "x"))
        .hasMessage("Unknown Sentry option 'enviroment' (did you mean 'environment'?)");
  }
}
