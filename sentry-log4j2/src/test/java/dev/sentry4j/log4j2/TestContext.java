package dev.sentry4j.log4j2;

import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.net.URLClassLoader;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.logging.log4j.Logger;
import org.apache.logging.log4j.core.LoggerContext;
import org.apache.logging.log4j.core.config.Configurator;

/**
 * A Log4j 2 LoggerContext of its own, configured from a test resource. A fresh class loader keys a
 * fresh context in Log4j's class-loader context selector, so no test sees another's configuration.
 */
final class TestContext implements AutoCloseable {
  private static final AtomicInteger COUNTER = new AtomicInteger();

  private final LoggerContext context;

  private TestContext(LoggerContext context) {
    this.context = context;
  }

  /** Starts a context from {@code resource} (a path in src/test/resources). */
  static TestContext start(String resource) {
    URL url = TestContext.class.getResource("/" + resource);
    if (url == null) {
      throw new IllegalArgumentException("No test resource " + resource);
    }
    ClassLoader loader = new URLClassLoader(new URL[0], TestContext.class.getClassLoader());
    try {
      URI uri = url.toURI();
      String name = resource + "#" + COUNTER.incrementAndGet();
      return new TestContext(Configurator.initialize(name, loader, uri));
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  Logger logger(String name) {
    return context.getLogger(name);
  }

  LoggerContext context() {
    return context;
  }

  /** The Sentry appender, or {@code null} when it was not created. */
  SentryAppender sentry() {
    return context.getConfiguration().getAppender("sentry");
  }

  List<String> lines() {
    LinesAppender lines = context.getConfiguration().getAppender("lines");
    return lines.lines();
  }

  @Override
  public void close() {
    context.stop(10, TimeUnit.SECONDS);
  }
}
