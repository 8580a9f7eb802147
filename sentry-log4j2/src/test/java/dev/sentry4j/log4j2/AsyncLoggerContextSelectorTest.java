package dev.sentry4j.log4j2;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.concurrent.TimeUnit;
import org.apache.logging.log4j.Logger;
import org.apache.logging.log4j.core.async.AsyncLogger;
import org.apache.logging.log4j.core.async.AsyncLoggerContext;
import org.apache.logging.log4j.core.async.AsyncLoggerContextSelector;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * All loggers async through {@code -Dlog4j2.contextSelector=AsyncLoggerContextSelector}, which
 * Log4j reads once per JVM: the build runs this class in a JVM of its own with that property.
 */
class AsyncLoggerContextSelectorTest extends ReceiverSupport {

  @Test
  @Timeout(value = 120, unit = TimeUnit.SECONDS)
  void contextThreadAndTraceComeFromTheLoggingThread() throws Exception {
    assumeTrue(
        AsyncLoggerContextSelector.class
            .getName()
            .equals(System.getProperty("log4j2.contextSelector")),
        "runs in the build's async-context-selector execution");
    TestContext ctx = start("sentry-async-selector.xml");
    assertThat(ctx.context()).isInstanceOf(AsyncLoggerContext.class);
    Logger log = ctx.logger("com.acme.async.Worker");
    assertThat(log).isInstanceOf(AsyncLogger.class);

    AsyncScenario scenario = new AsyncScenario();
    scenario.logFromWorkerThread(log);

    scenario.assertCapturedFromTheLoggingThread(this, ctx);
  }
}
