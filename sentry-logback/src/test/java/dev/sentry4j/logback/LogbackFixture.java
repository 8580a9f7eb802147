package dev.sentry4j.logback;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.joran.JoranConfigurator;
import ch.qos.logback.core.Appender;
import ch.qos.logback.core.joran.spi.JoranException;
import ch.qos.logback.core.status.Status;
import java.net.URL;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.slf4j.MDC;

/** A fresh Logback context per test, configured from a logback XML file in the test resources. */
final class LogbackFixture implements AutoCloseable {
  final LoggerContext context;

  private LogbackFixture(LoggerContext context) {
    this.context = context;
  }

  /**
   * Configures a new context from {@code resource}; {@code properties} become context properties,
   * such as {@code SENTRY_TEST_DSN} for {@code ${SENTRY_TEST_DSN}} in the file.
   */
  static LogbackFixture configure(String resource, Map<String, String> properties) {
    LoggerContext context = new LoggerContext();
    context.setName(resource);
    // The SLF4J MDC that tests write to must be the one the events read.
    context.setMDCAdapter(MDC.getMDCAdapter());
    properties.forEach(context::putProperty);
    JoranConfigurator configurator = new JoranConfigurator();
    configurator.setContext(context);
    URL url = LogbackFixture.class.getResource("/" + resource);
    assertThat(url).as(resource).isNotNull();
    try {
      configurator.doConfigure(url);
    } catch (JoranException e) {
      // Joran reports through the status manager too; tests look there.
    }
    return new LogbackFixture(context);
  }

  Logger logger(String name) {
    return context.getLogger(name);
  }

  Logger root() {
    return context.getLogger(Logger.ROOT_LOGGER_NAME);
  }

  @SuppressWarnings("unchecked")
  <A extends Appender<?>> A appender(String name) {
    return (A) root().getAppender(name);
  }

  List<Status> statuses() {
    return context.getStatusManager().getCopyOfStatusList();
  }

  List<String> statusLines(int level) {
    return statuses().stream()
        .filter(s -> s.getLevel() == level)
        .map(Status::getMessage)
        .collect(Collectors.toList());
  }

  @Override
  public void close() {
    context.stop();
  }
}
