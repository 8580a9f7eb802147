package dev.sentry4j.bench;

import dev.sentry4j.log4j2.ThreadContextTraceListener;
import dev.sentry4j.spi.SpanListener;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.logging.log4j.core.Appender;
import org.apache.logging.log4j.core.LoggerContext;
import org.apache.logging.log4j.core.config.Configuration;
import org.apache.logging.log4j.core.config.Configurator;

/** Loads a variant's log4j2 XML into a fresh Log4j 2 context. */
final class Log4j2Setup {

  private Log4j2Setup() {}

  /**
   * Creates the context from {@code log4j2-<variant>.xml} (no default configuration first, so no
   * "no configuration found" warning).
   *
   * @throws IllegalStateException if another file was loaded, a plugin in it was not found (Log4j 2
   *     would otherwise carry on with a root logger that has no appender), or a root appender is
   *     not the variant's or did not start
   */
  static LoggerContext configure(Variant variant) throws URISyntaxException {
    String resource = variant.resource("log4j2", "xml");
    LogbackSetup.silence();
    Thread thread = Thread.currentThread();
    ClassLoader previous = thread.getContextClassLoader();
    LoggerContext context;
    try {
      if (variant == Variant.SENTRY4J) {
        thread.setContextClassLoader(withThreadContextListener(previous));
      }
      context = Configurator.initialize(null, Resources.url(resource).toURI().toString());
    } finally {
      thread.setContextClassLoader(previous);
    }
    if (variant == Variant.SENTRY4J
        && !ThreadContextTraceListener.isActive()
        && !Boolean.getBoolean(MdcBench.SMOKE_PROPERTY)) {
      throw new IllegalStateException(
          "sentry-log4j2's ThreadContextTraceListener was not registered with sentry-core");
    }
    Configuration config = context.getConfiguration();
    String location = config.getConfigurationSource().getLocation();
    if (location == null || !location.endsWith(resource)) {
      throw new IllegalStateException(
          "Log4j 2 loaded "
              + location
              + " instead of "
              + resource
              + " (was the previous context not stopped?)");
    }
    if (config.getRootLogger().getAppenders().isEmpty()) {
      throw new IllegalStateException(
          resource + " leaves the root logger without an appender (plugin not found?)");
    }
    for (Appender appender : config.getRootLogger().getAppenders().values()) {
      if (!variant.owns(appender) || !appender.isStarted()) {
        throw new IllegalStateException(
            resource
                + ": root appender "
                + appender.getClass().getName()
                + (appender.isStarted() ? " is not " + variant.id + "'s" : " did not start"));
      }
    }
    return context;
  }

  /**
   * sentry4j's sentry-log4j2 keeps the trace ids in Log4j 2's ThreadContext through a {@link
   * SpanListener} that sentry-core finds with the ServiceLoader, in the context class loader among
   * others, when the SDK is first used. The bench's uber jar leaves that service file out, or every
   * sentry4j benchmark (Logback's spans too) would pay for ThreadContext writes; this hands it to
   * sentry-core for the sentry4j variant only, as a user's class path would, through a context
   * class loader that adds the service file. In a JVM where the SDK was already used (the smoke
   * run) it has no effect; JMH forks a JVM per variant.
   */
  private static ClassLoader withThreadContextListener(ClassLoader parent) {
    try {
      Path dir = Files.createTempDirectory("sentry4j-bench-spi");
      Path services = Files.createDirectories(dir.resolve("META-INF").resolve("services"));
      Files.writeString(
          services.resolve(SpanListener.class.getName()),
          ThreadContextTraceListener.class.getName() + "\n");
      return new URLClassLoader(new URL[] {dir.toUri().toURL()}, parent);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Stops the context and its appenders; the next {@link #configure} gets a fresh one. */
  static void stop(LoggerContext context) {
    Configurator.shutdown(context);
  }
}
