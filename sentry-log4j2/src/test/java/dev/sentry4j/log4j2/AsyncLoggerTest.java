package dev.sentry4j.log4j2;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.TimeUnit;
import org.apache.logging.log4j.Logger;
import org.apache.logging.log4j.core.async.AsyncLoggerConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** {@code <AsyncLogger>} in a normal configuration: events reach the appender on Log4j's thread. */
class AsyncLoggerTest extends ReceiverSupport {

  @Test
  @Timeout(value = 20, unit = TimeUnit.SECONDS)
  void contextThreadAndTraceComeFromTheLoggingThread() throws Exception {
    TestContext ctx = start("sentry-async-logger.xml");
    Logger log = ctx.logger("com.acme.async.Worker");
    assertThat(ctx.context().getConfiguration().getLoggerConfig(log.getName()))
        .isInstanceOf(AsyncLoggerConfig.class);

    AsyncScenario scenario = new AsyncScenario();
    scenario.logFromWorkerThread(log);

    scenario.assertCapturedFromTheLoggingThread(this, ctx);
  }
}
