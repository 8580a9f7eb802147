package dev.sentry4j.logback;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.joran.JoranConfigurator;
import ch.qos.logback.core.joran.spi.JoranException;
import dev.sentry4j.Sentry;
import dev.sentry4j.testing.Response;
import dev.sentry4j.testing.SentryReceiver;
import java.net.URL;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.MDC;

/**
 * A Logback reload (what {@code scan="true"} and Spring Boot do: reset, then configure again) with
 * a Sentry that fails (500) or never answers takes at most 200 ms more than the same reload without
 * the Sentry appender (the bound; the times are printed), and the counting appender beside
 * it gets every line logged before and after.
 */
@Timeout(120)
class ReloadTest {
  private static final long EXTRA_BOUND_MILLIS = 200;
  private static final int ROUNDS = 3;
  @TempDir Path cacheDir;
  private SentryReceiver receiver;
  private LoggerContext context;
  private int line;

  @BeforeEach
  void start() {
    receiver = SentryReceiver.start();
    CountingAppender.RECEIVED.clear();
  }

  @AfterEach
  void stop() {
    if (context != null) {
      context.stop();
    }
    receiver.close();
    // the appender's stop closed the SDK in the background, which may still write its spool into
    // cacheDir: let it finish before JUnit deletes that directory
    Sentry.awaitBackgroundClose(java.time.Duration.ofSeconds(30));
    Sentry.close();
  }

  @Test
  void aReloadWithAFailingSentryTakesAtMost200MsMoreAndNoLineIsLost() throws Exception {
    receiver.respondWith(Response.status(500));
    compareReloads("failing (500)");
  }

  @Test
  void aReloadWithAStalledSentryTakesAtMost200MsMoreAndNoLineIsLost() throws Exception {
    receiver.stall();
    compareReloads("stalled");
  }

  private void compareReloads(String sentry) throws Exception {
    long plain = bestReload("logback-reload-plain.xml");
    context.stop();
    long withSentry = bestReload("logback-reload-sentry.xml");
    System.out.printf(
        "Logback reload, Sentry %s: %d ms with the Sentry appender, %d ms without (best of %d)%n",
        sentry, withSentry, plain, ROUNDS);
    assertThat(withSentry - plain).isLessThanOrEqualTo(EXTRA_BOUND_MILLIS);
    // the SDK sends on its own threads: await its first attempt rather than expect it already made
    receiver.awaitCondition(
        "Sentry was tried meanwhile",
        java.time.Duration.ofSeconds(10),
        () -> receiver.requestCount() > 0);
  }

  /** Configures, then reloads ROUNDS times with errors pending; returns the fastest reload. */
  private long bestReload(String resource) throws JoranException {
    URL url = getClass().getResource("/" + resource);
    context = new LoggerContext();
    context.setMDCAdapter(MDC.getMDCAdapter());
    context.putProperty("SENTRY_TEST_DSN", receiver.dsn());
    context.putProperty("SENTRY_TEST_CACHE", cacheDir.toString());
    configure(url);
    long best = Long.MAX_VALUE;
    for (int round = 0; round < ROUNDS; round++) {
      List<String> before = logErrors(50); // pending for Sentry when the reload comes
      long t0 = System.nanoTime();
      context.reset();
      configure(url);
      best = Math.min(best, TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0));
      List<String> after = logErrors(5);
      assertThat(CountingAppender.RECEIVED).containsAll(before).containsAll(after);
    }
    return best;
  }

  private void configure(URL url) throws JoranException {
    JoranConfigurator configurator = new JoranConfigurator();
    configurator.setContext(context);
    configurator.doConfigure(url);
  }

  private List<String> logErrors(int n) {
    Logger log = context.getLogger("com.shop.Checkout");
    List<String> lines = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      String message = "line " + line++;
      log.error(message, new IllegalStateException("declined"));
      lines.add(message);
    }
    return lines;
  }
}
