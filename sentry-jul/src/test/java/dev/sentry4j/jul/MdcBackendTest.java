package dev.sentry4j.jul;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sentry4j.options.SentryOptions;
import dev.sentry4j.spi.Diagnostics;
import dev.sentry4j.testing.SentryReceiver;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.slf4j.MDC;
import org.slf4j.helpers.NOPMDCAdapter;

/** With an SLF4J backend (slf4j-jdk14, on this run's class path) the handler stays silent. */
@Timeout(value = 20, unit = TimeUnit.SECONDS)
class MdcBackendTest {
  @Test
  void saysNothingAboutTheMdcWhenABackendProvidesIt() throws Exception {
    assertThat(MDC.getMDCAdapter()).isNotInstanceOf(NOPMDCAdapter.class);
    Diagnostics.resetRateLimits();
    List<String> diagnostics = new CopyOnWriteArrayList<>();
    try (SentryReceiver receiver = SentryReceiver.start();
        AutoCloseable listening = Diagnostics.addListener((s, m) -> diagnostics.add(m))) {
      SentryHandler handler = new SentryHandler(SentryOptions.builder().setDsn(receiver.dsn()));
      handler.close();
      assertThat(handler.isOn()).isFalse();
    }
    assertThat(diagnostics).noneMatch(line -> line.contains("MDC"));
  }
}
