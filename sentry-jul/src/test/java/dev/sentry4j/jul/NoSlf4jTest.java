package dev.sentry4j.jul;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sentry4j.testing.ReceivedEvent;
import dev.sentry4j.testing.RelaySchema;
import dev.sentry4j.testing.SentryReceiver;
import java.io.File;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogManager;
import java.util.logging.Logger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.slf4j.MDC;

/**
 * The handler in an application without SLF4J: sentry-jul and sentry-core are loaded by a class
 * loader that sees the test class path minus every SLF4J jar, so {@code org.slf4j.MDC} is absent
 * for them while this test (and the receiver) still has it.
 */
@Timeout(value = 20, unit = TimeUnit.SECONDS)
class NoSlf4jTest {
  private final Logger logger = Logger.getLogger("com.acme.NoSlf4j");
  private SentryReceiver receiver;

  @BeforeEach
  void start() {
    receiver = SentryReceiver.start();
  }

  @AfterEach
  void stop() {
    LogManager.getLogManager().reset();
    MDC.clear();
    receiver.close();
  }

  @Test
  void sendsEventsWithoutReadingAnyMdc() throws Exception {
    try (URLClassLoader isolated = withoutSlf4j()) {
      assertThatThrownBy(() -> Class.forName("org.slf4j.MDC", false, isolated))
          .isInstanceOf(ClassNotFoundException.class);
      Class<?> sdk = isolated.loadClass(IsolatedSdk.class.getName());
      assertThat(sdk).isNotSameAs(IsolatedSdk.class);
      sdk.getMethod("install", String.class).invoke(null, receiver.dsn());
      JulConfig.load("handler-only.properties", receiver.dsn());

      Handler handler =
          (Handler)
              isolated.loadClass(SentryHandler.class.getName()).getConstructor().newInstance();
      RecordingErrorManager errors = new RecordingErrorManager();
      handler.setErrorManager(errors);
      logger.setUseParentHandlers(false);
      logger.addHandler(handler);
      MDC.put("tenant", "acme"); // the application's SLF4J: invisible to the isolated handler
      try {
        logger.info("a breadcrumb");
        logger.log(Level.SEVERE, "no SLF4J here", new IllegalStateException("boom"));
        // sent before the SDK closes: close only keeps what is still unsent on disk, and the cold
        // SDK of this class loader may not have sent it within close's timeout on a busy machine
        handler.flush();
      } finally {
        logger.removeHandler(handler);
        handler.close();
        sdk.getMethod("close").invoke(null);
      }

      assertThat((Boolean) sdk.getMethod("slf4jAvailable").invoke(null)).isFalse();
      assertThat(errors.reports).isEmpty();
      List<ReceivedEvent> events = receiver.awaitEvents(1, Duration.ofSeconds(10));
      ReceivedEvent event = events.get(0);
      assertThat(event.message()).isEqualTo("no SLF4J here");
      assertThat(event.tags()).doesNotContainKey("tenant");
      assertThat(event.extra().has("tenant")).isFalse();
      assertThat(event.breadcrumbs())
          .extracting(b -> b.get("message").asText())
          .containsExactly("a breadcrumb");
      RelaySchema.assertValid(event);
    }
  }

  /** The test class path without SLF4J, parented by the platform loader (JDK classes only). */
  private static URLClassLoader withoutSlf4j() throws MalformedURLException {
    String path =
        System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
    List<URL> urls = new ArrayList<>();
    for (String entry : path.split(File.pathSeparator)) {
      if (!entry.isEmpty() && !new File(entry).getName().startsWith("slf4j-")) {
        urls.add(new File(entry).toURI().toURL());
      }
    }
    return new URLClassLoader(urls.toArray(new URL[0]), ClassLoader.getPlatformClassLoader());
  }
}
