package dev.sentry4j.examples;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.joran.JoranConfigurator;
import ch.qos.logback.core.status.Status;
import dev.sentry4j.spi.config.OptionRegistry;
import dev.sentry4j.spi.config.OptionSpec;
import dev.sentry4j.testing.ReceivedEvent;
import dev.sentry4j.testing.RelaySchema;
import dev.sentry4j.testing.SentryReceiver;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.logging.log4j.core.config.ConfigurationSource;
import org.apache.logging.log4j.core.config.Configurator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.slf4j.LoggerFactory;

/**
 * The root README says what the code does: its option table is generated from the code, the
 * diagnostic lines it explains are the SDK's, its links lead somewhere, and its configuration
 * snippets work when pasted (with the DSN pointed at a local receiver).
 */
@Timeout(30)
class ReadmeTest {
  private static final Path ROOT = Path.of("..");
  private static final String SNIPPET_DSN = "https://key@o1.ingest.sentry.io/42";

  private final SentryReceiver receiver = SentryReceiver.start();

  @AfterEach
  void stopReceiver() {
    receiver.close();
  }

  private static String readme() throws IOException {
    return Files.readString(ROOT.resolve("README.md"), StandardCharsets.UTF_8);
  }

  private static String between(String text, String beginPrefix, String end) {
    int begin = text.indexOf(beginPrefix);
    assertThat(begin).as("README.md must contain " + beginPrefix).isNotNegative();
    int from = text.indexOf("-->", begin) + 3;
    int to = text.indexOf(end, from);
    assertThat(to).as("README.md must contain " + end).isPositive();
    return text.substring(from, to).strip();
  }

  /**
   * The first fenced block of {@code language} after {@code heading} that contains {@code marker}.
   */
  private static String snippet(String heading, String language, String marker) throws IOException {
    String text = readme();
    int at = text.indexOf("\n" + heading + "\n");
    assertThat(at).as("README.md must have the heading " + heading).isNotNegative();
    Matcher m = Pattern.compile("```" + language + "\n(.*?)```", Pattern.DOTALL).matcher(text);
    while (m.find(at)) {
      if (m.group(1).contains(marker)) {
        return m.group(1);
      }
      at = m.end();
    }
    throw new AssertionError("no ```" + language + " block with " + marker + " after " + heading);
  }

  @Test
  void commonOptionsTableIsTheRegistrys() throws IOException {
    String table = between(readme(), "<!-- common-options:begin", "<!-- common-options:end -->");
    List<String> names = new ArrayList<>();
    Matcher m = Pattern.compile("(?m)^\\| `([a-zA-Z]+)` \\|").matcher(table);
    while (m.find()) {
      names.add(m.group(1));
    }
    StringBuilder expected = new StringBuilder();
    expected.append("| option | environment variable | system property | default | meaning |\n");
    expected.append("| --- | --- | --- | --- | --- |\n");
    for (String name : names) {
      OptionSpec<?> spec = OptionRegistry.find(name);
      assertThat(spec)
          .as("README names option " + name + ", which the code does not have")
          .isNotNull();
      expected
          .append("| `")
          .append(spec.name())
          .append("` | `")
          .append(spec.envVar())
          .append("` | `")
          .append(spec.systemProperty())
          .append("` | ")
          .append(spec.defaultText().isEmpty() ? "—" : "`" + spec.defaultText() + "`")
          .append(" | ")
          .append(spec.description())
          .append(" |\n");
    }
    assertThat(names).contains("dsn", "debug", "tracesSampleRate", "enableLogs", "spotlight");
    assertThat(table + "\n")
        .as("the README's option table is out of date; replace it with:\n" + expected)
        .isEqualTo(expected.toString());
  }

  @Test
  void everyDiagnosticLineTheReadmeExplainsIsOneTheSdkPrints() throws IOException {
    String table = between(readme(), "<!-- diagnostics:begin", "<!-- diagnostics:end -->");
    String sources;
    try (Stream<Path> files = Files.walk(ROOT)) {
      List<Path> java =
          files
              .filter(
                  p -> p.toString().endsWith(".java") && p.toString().contains("/src/main/java/"))
              .filter(
                  p -> !p.toString().contains("/examples/") && !p.toString().contains("/bench/"))
              .collect(Collectors.toList());
      StringBuilder all = new StringBuilder();
      for (Path p : java) {
        all.append(Files.readString(p, StandardCharsets.UTF_8));
      }
      sources = all.toString();
    }
    Matcher m = Pattern.compile("(?m)^\\| `([^`]+)` \\|").matcher(table);
    int count = 0;
    List<String> unknown = new ArrayList<>();
    while (m.find()) {
      count++;
      // Messages are put together from literals and values: each literal piece between the
      // <placeholders> and "; " joints must be in the code.
      for (String piece : m.group(1).split("<[^>]*>|; ")) {
        String literal = piece.strip();
        if (literal.length() >= 6 && !sources.contains(literal)) {
          unknown.add(m.group(1) + "  (no '" + literal + "' in the code)");
        }
      }
    }
    assertThat(unknown).as("README explains diagnostic lines the SDK does not print").isEmpty();
    assertThat(count).isGreaterThan(5);
  }

  @Test
  void relativeLinksLeadToFilesThatExist() throws IOException {
    Matcher m = Pattern.compile("\\]\\(([^)#]+)(#[^)]*)?\\)").matcher(readme());
    List<String> missing = new ArrayList<>();
    while (m.find()) {
      String target = m.group(1);
      if (target.startsWith("http") || target.equals("bench/RESULTS.md")) {
        continue; // RESULTS.md is written by bench/run.sh
      }
      if (!Files.exists(ROOT.resolve(target))) {
        missing.add(target);
      }
    }
    assertThat(missing).as("README links to files that do not exist").isEmpty();
  }

  @Test
  void theBomListsEveryPublishedModule() throws IOException {
    String parent = Files.readString(ROOT.resolve("pom.xml"), StandardCharsets.UTF_8);
    String bom = Files.readString(ROOT.resolve("sentry-bom/pom.xml"), StandardCharsets.UTF_8);
    Matcher m = Pattern.compile("<module>([^<]+)</module>").matcher(parent);
    List<String> missing = new ArrayList<>();
    while (m.find()) {
      String module = m.group(1);
      if (module.startsWith("sentry-")
          && !module.equals("sentry-bom")
          && !bom.contains("<artifactId>" + module + "</artifactId>")) {
        missing.add(module);
      }
    }
    assertThat(missing).as("modules missing from sentry-bom/pom.xml").isEmpty();
  }

  private ReceivedEvent theOneEvent() {
    ReceivedEvent event = receiver.awaitEvents(1, Duration.ofSeconds(10)).get(0);
    RelaySchema.assertValid(event);
    assertThat(receiver.malformed()).isEmpty();
    return event;
  }

  @Test
  void logbackSnippetWorksAsPasted() throws Exception {
    String xml =
        snippet("## logback.xml", "xml", "<configuration>").replace(SNIPPET_DSN, receiver.dsn());
    LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
    context.reset();
    JoranConfigurator configurator = new JoranConfigurator();
    configurator.setContext(context);
    try (InputStream in = new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8))) {
      configurator.doConfigure(in);
      List<Status> errors =
          context.getStatusManager().getCopyOfStatusList().stream()
              .filter(s -> s.getLevel() >= Status.WARN)
              .collect(Collectors.toList());
      assertThat(errors).as("Logback status").isEmpty();
      org.slf4j.MDC.put("tenant", "acme");
      LoggerFactory.getLogger("com.shop.Checkout")
          .error("payment failed", new IllegalStateException("declined"));
    } finally {
      org.slf4j.MDC.clear();
      LogbackConfig.useDefault(); // stops the appender: flushes and closes the SDK
    }
    ReceivedEvent event = theOneEvent();
    assertThat(event.message()).isEqualTo("payment failed");
    assertThat(event.tags()).containsEntry("tenant", "acme");
  }

  @Test
  void log4j2SnippetWorksAsPasted() throws Exception {
    String xml =
        snippet("## log4j2.xml", "xml", "<Configuration>").replace(SNIPPET_DSN, receiver.dsn());
    org.apache.logging.log4j.core.LoggerContext context =
        Configurator.initialize(
            ReadmeTest.class.getClassLoader(),
            new ConfigurationSource(
                new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8))));
    try {
      assertThat(context.getConfiguration().getAppenders()).containsKeys("out", "sentry");
      org.apache.logging.log4j.ThreadContext.put("tenant", "acme");
      context
          .getLogger("com.shop.Checkout")
          .error("payment failed", new IllegalStateException("declined"));
    } finally {
      org.apache.logging.log4j.ThreadContext.clearAll();
      Configurator.shutdown(context);
    }
    ReceivedEvent event = theOneEvent();
    assertThat(event.message()).isEqualTo("payment failed");
    assertThat(event.tags()).containsEntry("tenant", "acme");
  }

  @Test
  void julSnippetWorksAsPasted() throws Exception {
    String properties =
        snippet("## logging.properties (JUL)", "properties", "SentryHandler")
            .replace(SNIPPET_DSN, receiver.dsn());
    java.util.logging.LogManager manager = java.util.logging.LogManager.getLogManager();
    try (InputStream in = new ByteArrayInputStream(properties.getBytes(StandardCharsets.UTF_8))) {
      manager.readConfiguration(in);
      java.util.logging.Logger.getLogger("com.shop.Invoices")
          .log(
              java.util.logging.Level.SEVERE,
              "invoice not sent",
              new IllegalStateException("smtp down"));
    } finally {
      manager.readConfiguration(); // closes the handler: flushes and closes the SDK
    }
    ReceivedEvent event = theOneEvent();
    assertThat(event.message()).isEqualTo("invoice not sent");
    assertThat(event.logger()).isEqualTo("com.shop.Invoices");
  }
}
