package dev.sentry4j.log4j2;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sentry4j.Sentry;
import dev.sentry4j.spi.config.OptionSources;
import dev.sentry4j.tracing.PropagationContext;
import dev.sentry4j.tracing.Transaction;
import java.util.Map;
import java.util.Properties;
import org.apache.logging.log4j.ThreadContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * {@link ThreadContextTraceListener} with the settings it shares with sentry-slf4j-mdc, read from
 * system properties as a user sets them; what the ThreadContext (what {@code %X{...}} prints)
 * holds.
 */
class ThreadContextTraceListenerSettingsTest {

  @AfterEach
  void cleanUp() {
    Sentry.close();
    ThreadContext.clearAll();
  }

  private static ThreadContextTraceListener listener(String... keyValues) {
    Properties sys = new Properties();
    for (int i = 0; i < keyValues.length; i += 2) {
      sys.setProperty(keyValues[i], keyValues[i + 1]);
    }
    return new ThreadContextTraceListener(
        new OptionSources(
                Map.of(), sys, ThreadContextTraceListenerSettingsTest.class.getClassLoader())
            .read());
  }

  @Test
  void customKeysNoSampledKeyAndNoPropagationIds() {
    ThreadContextTraceListener listener =
        listener(
            "sentry.mdc.trace-id-key", "traceId",
            "sentry.mdc.spanIdKey", "spanId",
            "sentry.mdc.trace-sampled-key", "",
            "sentry.mdc.propagation-ids", "false");
    Sentry.init(o -> o.setDsn("http://key@127.0.0.1:9/1").setTracesSampleRate(1.0));
    PropagationContext context = PropagationContext.newTrace();
    ThreadContext.put("tenant", "acme");

    listener.onCurrentSpanChanged(null, context); // a thread's first use: nothing outside spans
    // (the registered listener, with the default keys, writes trace_id/span_id beside these)
    assertThat(ThreadContext.getImmutableContext()).doesNotContainKeys("traceId", "spanId");
    try (Transaction tx = Sentry.startTransaction("checkout", "task")) {
      ThreadContext.clearAll(); // what the registered listener wrote under the default keys
      ThreadContext.put("tenant", "acme");
      Object memento = listener.onPushed(tx, context);
      assertThat(ThreadContext.getImmutableContext())
          .containsOnly(
              Map.entry("tenant", "acme"),
              Map.entry("traceId", tx.getTraceId()),
              Map.entry("spanId", tx.getSpanId())); // no sampled key
      listener.onRestored(memento, null, context);
      assertThat(ThreadContext.getImmutableContext()).containsOnly(Map.entry("tenant", "acme"));
    }
  }

  @Test
  void switchedOffItWritesNothing() {
    ThreadContextTraceListener listener = listener("sentry.mdc.enabled", "false");
    Sentry.init(o -> o.setDsn("http://key@127.0.0.1:9/1").setTracesSampleRate(1.0));
    try (Transaction tx = Sentry.startTransaction("checkout", "task")) {
      ThreadContext.clearAll(); // what the registered listener wrote
      assertThat(listener.onPushed(tx, PropagationContext.newTrace())).isNull();
      assertThat(ThreadContext.isEmpty()).isTrue();
    }
  }

  @Test
  void twoIdsUnderOneKeyIsRefusedNamingTheModule() {
    assertThatThrownBy(() -> listener("sentry.mdc.span-id-key", "trace_id"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("sentry-log4j2: ")
        .hasMessageContaining("trace_id");
  }
}
