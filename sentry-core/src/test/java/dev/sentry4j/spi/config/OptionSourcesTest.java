package dev.sentry4j.spi.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sentry4j.options.SentryOptions;
import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OptionSourcesTest {
  @TempDir Path dir;

  private ClassLoader classpathWith(String sentryProperties) throws IOException {
    Files.writeString(dir.resolve("sentry.properties"), sentryProperties);
    return new URLClassLoader(new URL[] {dir.toUri().toURL()}, null);
  }

  @Test
  void precedenceIsPropertiesFileThenEnvironmentThenSystemPropertiesThenCode() throws IOException {
    ClassLoader cl =
        classpathWith(
            "dsn=https://filekey@o7.ingest.sentry.io/1\n"
                + "environment=from-file\nrelease=file@1\ndist=file-dist\nsample-rate=0.1\n");
    Map<String, String> env =
        Map.of(
            "SENTRY_ENVIRONMENT",
            "from-env",
            "SENTRY_RELEASE",
            "env@2",
            "SENTRY_SAMPLE_RATE",
            "0.2");
    Properties sys = new Properties();
    sys.setProperty("sentry.release", "sys@3");
    sys.setProperty("sentry.sampleRate", "0.3");
    SentryOptions.Builder builder = SentryOptions.builder();
    builder.apply(new OptionSources(env, sys, cl).read());
    builder.setSampleRate(0.4);
    SentryOptions options = builder.build();

    assertThat(options.getDsn().getPublicKey()).isEqualTo("filekey");
    assertThat(options.getOrgId()).isEqualTo("7");
    assertThat(options.getDist()).isEqualTo("file-dist");
    assertThat(options.getEnvironment()).isEqualTo("from-env");
    assertThat(options.getRelease()).isEqualTo("sys@3");
    assertThat(options.getSampleRate()).isEqualTo(0.4);
  }

  @Test
  void badValueFromTheEnvironmentNamesTheVariableAndTheValue() {
    Map<String, String> env = Map.of("SENTRY_SAMPLE_RATE", "lots");
    OptionSources sources = new OptionSources(env, new Properties(), getClass().getClassLoader());
    assertThatThrownBy(() -> SentryOptions.builder().apply(sources.read()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("SENTRY_SAMPLE_RATE")
        .hasMessageContaining("lots");
  }

  @Test
  void badValuesFailWithTheirNameAndValue() {
    SentryOptions.Builder b = SentryOptions.builder();
    assertThatThrownBy(() -> b.setOption("sampleRate", "7"))
        .hasMessageContaining("sampleRate")
        .hasMessageContaining("7");
    assertThatThrownBy(() -> b.setOption("dsn", "https://o1.ingest.sentry.io/42"))
        .hasMessageContaining("https://o1.ingest.sentry.io/42")
        .hasMessageContaining("public key");
    assertThatThrownBy(() -> b.setOption("dsn", "ftp://k@host/1"))
        .hasMessageContaining("http or https");
    assertThatThrownBy(() -> b.setOption("dsn", "https://k@host/"))
        .hasMessageContaining("project id");
    assertThatThrownBy(() -> b.setOption("flushTimeout", "soon")).hasMessageContaining("soon");
    assertThatThrownBy(() -> b.setOption("debug", "maybe")).hasMessageContaining("maybe");
    assertThatThrownBy(() -> b.setOption("noSuchOption", "1")).hasMessageContaining("noSuchOption");
  }

  @Test
  void parsesEveryKindOfValue() {
    SentryOptions o =
        SentryOptions.builder()
            .setOption("traces-sample-rate", "0.25")
            .setOption("flush_timeout", "500ms")
            .setOption("shutdownTimeout", "3s")
            .setOption("inAppIncludes", "com.example, org.shop ,")
            .setOption("tags", "region=eu, tier=gold")
            .setOption("debug", "yes")
            .setOption("maxBreadcrumbs", "5")
            .build();
    assertThat(o.getTracesSampleRate()).isEqualTo(0.25);
    assertThat(o.getFlushTimeout()).isEqualTo(Duration.ofMillis(500));
    assertThat(o.getShutdownTimeout()).isEqualTo(Duration.ofSeconds(3));
    assertThat(o.getInAppIncludes()).containsExactly("com.example", "org.shop");
    assertThat(o.getTags()).containsEntry("region", "eu").containsEntry("tier", "gold");
    assertThat(o.isDebug()).isTrue();
    assertThat(o.getMaxBreadcrumbs()).isEqualTo(5);
    assertThat(o.isEnabled()).isFalse();
  }

  @Test
  void everyOptionHasAnEnvironmentVariableAndSystemProperty() {
    OptionSpec spec = OptionRegistry.find("tracesSampleRate");
    assertThat(spec.envVar()).isEqualTo("SENTRY_TRACES_SAMPLE_RATE");
    assertThat(spec.systemProperty()).isEqualTo("sentry.traces-sample-rate");
    assertThat(OptionRegistry.all()).extracting(OptionSpec::name).doesNotHaveDuplicates();
  }

  @Test
  void parsesDsnPartsAndEndpoint() {
    var dsn = dev.sentry4j.options.Dsn.parse("http://pub:sec@sentry.intranet:9000/sentry/7");
    assertThat(dsn.getEnvelopeUri().toString())
        .isEqualTo("http://sentry.intranet:9000/sentry/api/7/envelope/");
    assertThat(dsn.getSecretKey()).isEqualTo("sec");
    assertThat(dsn.getOrgId()).isNull();
    assertThat(dev.sentry4j.options.Dsn.parse("https://k@o4504.ingest.us.sentry.io/45").getOrgId())
        .isEqualTo("4504");
  }

  @Test
  void spotlightTakesABooleanOrAUrl() {
    assertThat(SentryOptions.builder().setOption("spotlight", "on").build().isSpotlight()).isTrue();
    SentryOptions o =
        SentryOptions.builder().setOption("spotlight", "http://127.0.0.1:9999/stream").build();
    assertThat(o.isSpotlight()).isTrue();
    assertThat(o.getSpotlightUrl()).isEqualTo("http://127.0.0.1:9999/stream");
  }
}
