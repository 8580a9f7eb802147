package dev.sentry4j.mdc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sentry4j.spi.config.OptionSources;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MdcSettingsTest {

  private static Properties props(String... keyValues) {
    Properties p = new Properties();
    for (int i = 0; i < keyValues.length; i += 2) {
      p.setProperty(keyValues[i], keyValues[i + 1]);
    }
    return p;
  }

  @TempDir Path dir;

  /** Reads through sentry-core's one settings reader, {@code file} being sentry.properties. */
  private MdcSettings read(Map<String, String> env, Properties system, Properties file) {
    try {
      Path folder = Files.createTempDirectory(dir, "cp");
      try (OutputStream out = Files.newOutputStream(folder.resolve("sentry.properties"))) {
        file.store(out, null);
      }
      ClassLoader cl = new URLClassLoader(new URL[] {folder.toUri().toURL()}, null);
      return MdcSettings.from(new OptionSources(env, system, cl).read());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Test
  void defaultsWriteAllThreeKeysOnlyInsideSpans() {
    MdcSettings s = read(Map.of(), props(), props());
    assertThat(s.enabled).isTrue();
    assertThat(s.traceIdKey).isEqualTo("trace_id");
    assertThat(s.spanIdKey).isEqualTo("span_id");
    assertThat(s.traceSampledKey).isEqualTo("trace_sampled");
    assertThat(s.propagationIds).isFalse();
    assertThat(s.tagKeys).isEmpty();
  }

  @Test
  void systemPropertiesBeatTheEnvironmentWhichBeatsSentryProperties() {
    Properties file =
        props("mdc.trace-id-key", "fromFile", "mdc.spanIdKey", "spanFromFile", "mdc.tags", "a");
    Map<String, String> env =
        Map.of("SENTRY_MDC_TRACE_ID_KEY", "fromEnv", "SENTRY_MDC_TAGS", "b, c");
    Properties system = props("sentry.mdc.traceIdKey", "fromSystem");
    MdcSettings s = read(env, system, file);
    assertThat(s.traceIdKey).isEqualTo("fromSystem");
    assertThat(s.spanIdKey).isEqualTo("spanFromFile");
    assertThat(s.tagKeys).containsExactly("b", "c");
  }

  @Test
  void theEnvironmentVariableTurnsTheModuleOff() {
    assertThat(read(Map.of("SENTRY_MDC_ENABLED", "FALSE"), props(), props()).enabled).isFalse();
    assertThat(read(Map.of(), props("sentry.mdc.enabled", " false "), props()).enabled).isFalse();
  }

  @Test
  void anEmptyKeyIsNotWrittenAndTagsAreTrimmedAndUnique() {
    MdcSettings s =
        read(
            Map.of(),
            props(
                "sentry.mdc.trace-sampled-key", " ", "sentry.mdc.tags", " tenant,,region , tenant"),
            props());
    assertThat(s.traceSampledKey).isNull();
    assertThat(s.tagKeys).containsExactly("tenant", "region");
  }

  @Test
  void aBadBooleanNamesItsSourceAndValue() {
    assertThatThrownBy(() -> read(Map.of(), props("sentry.mdc.enabled", "flase"), props()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith(
            "sentry-slf4j-mdc: Invalid value for system property sentry.mdc.enabled (option"
                + " mdc.enabled): 'flase' is not a boolean");
    assertThatThrownBy(() -> read(Map.of("SENTRY_MDC_PROPAGATION_IDS", "maybe"), props(), props()))
        .hasMessageContaining("environment variable SENTRY_MDC_PROPAGATION_IDS")
        .hasMessageContaining("'maybe'");
  }

  @Test
  void twoIdsUnderOneKeyAreRefused() {
    assertThatThrownBy(() -> read(Map.of(), props(), props("mdc.span-id-key", "trace_id")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "sentry-slf4j-mdc: sentry.properties key mdc.span-id-key = 'trace_id' is the MDC key of"
                + " another id as well");
  }

  @Test
  void unrelatedSentryPropertiesAreIgnored() {
    MdcSettings s =
        read(
            Map.of("SENTRY_DSN", "x"),
            props("sentry.dsn", "x", "sentry.mdc", "x"),
            props("dsn", "x"));
    assertThat(s.enabled).isTrue();
  }
}
