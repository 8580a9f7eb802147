package dev.sentry4j.log4j2;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sentry4j.Sentry;
import dev.sentry4j.spi.Diagnostics;
import dev.sentry4j.spi.config.OptionRegistry;
import dev.sentry4j.spi.config.OptionSpec;
import dev.sentry4j.testing.SourceDocs;
import java.io.InputStream;
import java.lang.reflect.Method;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Collections;
import java.util.List;
import java.util.UUID;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.Logger;
import org.apache.logging.log4j.core.appender.AppenderLoggingException;
import org.apache.logging.log4j.core.config.plugins.processor.PluginCache;
import org.apache.logging.log4j.core.config.plugins.processor.PluginEntry;
import org.apache.logging.log4j.message.AsynchronouslyFormattable;
import org.apache.logging.log4j.message.Message;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SentryAppenderConfigurationTest extends ReceiverSupport {
  private static final String PLUGIN_INDEX =
      "META-INF/org/apache/logging/log4j/core/config/plugins/Log4j2Plugins.dat";

  @Test
  void theAppenderIsFoundThroughThePluginIndexWithoutPackages() throws Exception {
    try (InputStream config = getClass().getResourceAsStream("/sentry-basic.xml")) {
      assertThat(new String(config.readAllBytes(), StandardCharsets.UTF_8))
          .doesNotContain("packages=");
    }
    // the index the annotation processor wrote for the main classes lists <Sentry>
    URL mainIndex =
        SentryAppender.class
            .getProtectionDomain()
            .getCodeSource()
            .getLocation()
            .toURI()
            .resolve(PLUGIN_INDEX)
            .toURL();
    PluginCache cache = new PluginCache();
    cache.loadCacheFiles(Collections.enumeration(List.of(mainIndex)));
    PluginEntry entry = cache.getCategory("core").get("sentry");
    assertThat(entry.getClassName()).isEqualTo(SentryAppender.class.getName());
    assertThat(entry.getCategory()).isEqualTo("core");

    TestContext ctx = start("sentry-basic.xml");
    assertThat(ctx.sentry()).isInstanceOf(SentryAppender.class);
    assertThat(ctx.sentry().isStarted()).isTrue();
    assertThat(ctx.sentry().getSettings().getContextTags()).containsExactly("tenant", "region");
  }

  /**
   * One boolean grammar everywhere: {@code yes} works here as in logback.xml and
   * logging.properties.
   */
  @Test
  void booleansUseTheSdksOneGrammar() {
    TestContext ctx = start("sentry-mdc-as-context-yes.xml");
    assertThat(ctx.sentry()).isNotNull();
    assertThat(ctx.sentry().getSettings().isMdcAsContext()).isTrue();
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      quoteCharacter = '"',
      value = {
        "bad-minimum-event-level.xml | 'LOUD'",
        "bad-sample-rate.xml         | sampleRate: '7",
        "bad-mdc-as-context.xml      | 'maybe'",
        "bad-property.xml            | 'many'",
        "bad-dsn.xml                 | ftp://***@example.com/1",
        "bad-layout.xml              | MessageLayout",
      })
  void aBadValueIsReportedByNameAndTheApplicationStartsWithoutTheAppender(
      String resource, String badValue) {
    List<String> errors;
    TestContext ctx;
    try (StatusMessages status = StatusMessages.listen()) {
      ctx = start(resource);
      errors = status.at(Level.ERROR);
    }

    assertThat(errors)
        .anySatisfy(
            message ->
                assertThat(message)
                    .startsWith("Sentry appender 'sentry' was not created: ")
                    .contains(badValue));
    assertThat(ctx.sentry()).isNull();
    assertThat(Sentry.isInitialized()).isFalse();
    Logger log = ctx.logger("com.acme.Orders");
    assertThatCode(() -> log.error("still logging")).doesNotThrowAnyException();
    assertThat(ctx.lines()).last().asString().endsWith("still logging");
  }

  @Test
  void nestedPropertiesSetAnySdkOption() {
    Logger log = start("sentry-properties.xml").logger("com.acme.Orders");

    log.error("with option tags");

    assertThat(event("with option tags").tags()).containsEntry("team", "payments");
  }

  @Test
  void withoutADsnTheAppenderRunsAsANoOp() {
    TestContext ctx = start("sentry-no-dsn.xml");

    ctx.logger("com.acme.Orders").error("nowhere to go");

    assertThat(ctx.sentry().isStarted()).isTrue();
    assertThat(Sentry.isInitialized()).isFalse();
    assertThat(ctx.lines()).last().asString().endsWith("nowhere to go");
    ctx.close();
    assertThat(receiver.requestCount()).isZero();
  }

  @Test
  void anSdkInitializedInCodeIsUsedAndLeftOpen() {
    Sentry.init(o -> o.setDsn(receiver.dsn()).setEnvironment("from-code"));
    TestContext ctx;
    List<String> infos;
    try (StatusMessages status = StatusMessages.listen()) {
      ctx = start("sentry-basic.xml"); // says environment="test"
      infos = status.at(Level.INFO);
    }

    ctx.logger("com.acme.Orders").error("app owns the sdk");

    assertThat(event("app owns the sdk").json().path("environment").asText())
        .isEqualTo("from-code");
    assertThat(infos).anySatisfy(m -> assertThat(m).contains("already initialized in code"));
    ctx.close();
    assertThat(Sentry.isInitialized()).isTrue();
    Sentry.captureMessage("after log4j stopped");
    event("after log4j stopped");
  }

  @Test
  void stopHandsEverythingLoggedRightBeforeToTheSdkAndClosesTheSdkItStarted() {
    TestContext ctx = start("sentry-basic.xml");
    Logger log = ctx.logger("com.acme.Orders");
    for (int i = 0; i < 20; i++) {
      log.error("burst {}", i);
    }

    ctx.close(); // returns at once: the SDK sends in the background within its flushTimeout

    events(20);
    assertThat(Sentry.isInitialized()).isFalse();
    assertThatCode(ctx::close).doesNotThrowAnyException();
  }

  @Test
  void aReconfigurationAppliesTheNewOptionsAndKeepsTheSdkRunning() throws Exception {
    TestContext ctx = start("sentry-basic.xml");
    Logger log = ctx.logger("com.acme.Orders");
    log.error("before reconfiguration");
    assertThat(event("before reconfiguration").json().path("environment").asText())
        .isEqualTo("test");

    ctx.context().setConfigLocation(getClass().getResource("/sentry-environment-b.xml").toURI());

    log.error("after reconfiguration");
    assertThat(event("after reconfiguration").json().path("environment").asText())
        .isEqualTo("second");
    assertThat(Sentry.isInitialized()).isTrue();
  }

  @Test
  void ignoreExceptionsFalseHandsARealFailureToTheCaller() {
    Logger log = start("sentry-strict.xml").logger("com.acme.sentryonly.Orders");

    assertThatThrownBy(() -> log.error(new UnformattableMessage()))
        .isInstanceOf(AppenderLoggingException.class);
  }

  @Test
  void atStartTheAppenderSaysWhichReferencesHideLinesOrCouldSkipIgnoredOnes() {
    List<String> warnings;
    List<String> infos;
    try (StatusMessages status = StatusMessages.listen()) {
      start("sentry-ref-levels.xml");
      warnings = status.at(Level.WARN);
      infos = status.at(Level.INFO);
    }

    assertThat(warnings)
        .filteredOn(m -> m.startsWith("Sentry appender 'sentry': the AppenderRef"))
        .containsExactly(
            "Sentry appender 'sentry': the AppenderRef of logger 'com.acme.audit' has"
                + " level=\"WARN\", so lines below WARN never reach the appender, which captures"
                + " from INFO");
    assertThat(infos)
        .filteredOn(m -> m.startsWith("Sentry appender 'sentry': the AppenderRef"))
        .containsExactly(
            "Sentry appender 'sentry': the AppenderRef of logger root has no level, so lines"
                + " below INFO go through Log4j's appender call only to be ignored;"
                + " level=\"INFO\" on it skips them before that call");
  }

  @Test
  void byDefaultAFailureIsReportedToTheStatusLoggerAndNeverReachesTheCaller() {
    Logger log = start("sentry-basic.xml").logger("com.acme.sentryonly.Orders");
    List<String> errors;
    try (StatusMessages status = StatusMessages.listen()) {
      assertThatCode(() -> log.error(new UnformattableMessage())).doesNotThrowAnyException();
      errors = status.at(Level.ERROR);
    }
    assertThat(errors).anySatisfy(m -> assertThat(m).contains("could not capture a log event"));
    log.error("still capturing");
    event("still capturing");
  }

  @Test
  void theSdksWarningsGoToTheStatusLoggerWhileTheAppenderRuns() {
    TestContext ctx = start("sentry-basic.xml");
    String whileRunning = "probe " + UUID.randomUUID();
    String afterStop = "probe " + UUID.randomUUID();
    List<String> warnings;
    try (StatusMessages status = StatusMessages.listen()) {
      Diagnostics.warn(whileRunning);
      ctx.close();
      Diagnostics.warn(afterStop);
      warnings = status.at(Level.WARN);
    }
    assertThat(warnings)
        .contains("sentry4j: " + whileRunning)
        .doesNotContain("sentry4j: " + afterStop);
  }

  /** A message that cannot be formatted, and is formatted late (only by the appender). */
  @AsynchronouslyFormattable
  static final class UnformattableMessage implements Message {
    private static final long serialVersionUID = 1L;

    @Override
    public String getFormattedMessage() {
      throw new IllegalStateException("cannot format");
    }

    @Override
    @SuppressWarnings("deprecation") // still part of the Message interface it implements
    public String getFormat() {
      return "unformattable";
    }

    @Override
    public Object[] getParameters() {
      return null;
    }

    @Override
    public Throwable getThrowable() {
      return null;
    }
  }

  /**
   * Each builder setter that names an SDK option says what the registry says (description and
   * default), so that the attributes' documentation cannot drift from the SDK.
   */
  @Test
  void everyOptionSetterDocumentsTheRegistrysMeaningAndDefault() {
    SourceDocs docs =
        SourceDocs.of(Path.of("src/main/java/dev/sentry4j/log4j2/SentryAppender.java"));
    int checked = 0;
    for (Method m : SentryAppender.Builder.class.getDeclaredMethods()) {
      String name =
          m.getName().length() > 3
              ? Character.toLowerCase(m.getName().charAt(3)) + m.getName().substring(4)
              : "";
      OptionSpec<?> spec = OptionRegistry.find(name);
      if (m.getName().startsWith("set") && spec != null && spec.name().equals(name)) {
        assertThat(docs.javadocOf(m.getName()))
            .as("Builder." + m.getName() + "'s Javadoc")
            .isEqualTo(
                "Option {@code "
                    + name
                    + "}: "
                    + spec.description()
                    + (spec.defaultText().isEmpty()
                        ? ""
                        : " Default {@code " + spec.defaultText() + "}."));
        checked++;
      }
    }
    assertThat(checked).as("option setters on the builder").isGreaterThanOrEqualTo(10);
  }
}
