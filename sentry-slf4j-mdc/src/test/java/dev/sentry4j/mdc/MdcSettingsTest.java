package dev.sentry4j.mdc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;

class MdcSettingsTest {

  private static Properties props(String... keyValues) {
    Properties p = new Properties();
    for (int i = 0; i < keyValues.length; i += 2) {
      p.setProperty(keyValues[i], keyValues[i + 1]);
    }
    return p;
  }

  private static MdcSettings read(Map<String, String> env, Properties system, Properties file) {
    return MdcSettings.read(env::get, system, file);
  }

  @Test
  void defaultsWriteAllThreeKeysAndThePropagationIds() {
    MdcSettings s = read(Map.of(), props(), props());
    assertThat(s.enabled).isTrue();
    assertThat(s.traceIdKey).isEqualTo("trace_id");
    assertThat(s.spanIdKey).isEqualTo("span_id");
    assertThat(s.traceSampledKey).isEqualTo("trace_sampled");
    assertThat(s.propagationIds).isTrue();
    assertThat(s.tagKeys).isEmpty();
  }

  @Test
  void systemPropertiesBeatTheEnvironmentWhichBeatsSentryProperties() {
    Properties file = props("mdc.trace-id-key", "fromFile", "mdc.spanIdKey", "spanFromFile", "mdc.tags", "a");
    Map<String, String> env = Map.of("SENTRY_MDC_TRACE_ID_KEY", "fromEnv", "SENTRY_MDC_TAGS", "b, c");
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
            props("sentry.mdc.trace-sampled-key", " ", "sentry.mdc.tags", " tenant,,region , tenant"),
            props());
    assertThat(s.traceSampledKey).isNull();
    assertThat(s.tagKeys).containsExactly("tenant", "region");
  }

  @Test
  void aBadBooleanNamesItsSourceAndValue() {
    assertThatThrownBy(() -> read(Map.of(), props("sentry.mdc.enabled", "flase"), props()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("sentry-slf4j-mdc: system property sentry.mdc.enabled = 'flase' is neither true nor false");
    assertThatThrownBy(() -> read(Map.of("SENTRY_MDC_PROPAGATION_IDS", "yes"), props(), props()))
        .hasMessageContaining("environment variable SENTRY_MDC_PROPAGATION_IDS = 'yes'");
  }

  @Test
  void twoIdsUnderOneKeyAreRefused() {
    assertThatThrownBy(() -> read(Map.of(), props(), props("mdc.span-id-key", "trace_id")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "sentry-slf4j-mdc: sentry.properties key mdc.span-id-key = 'trace_id' is the MDC key of another id as well");
  }

  @Test
  void unrelatedSentryPropertiesAreIgnored() {
    MdcSettings s = read(Map.of("SENTRY_DSN", "x"), props("sentry.dsn", "x", "sentry.mdc", "x"), props("dsn", "x"));
    assertThat(s.enabled).isTrue();
  }
}
