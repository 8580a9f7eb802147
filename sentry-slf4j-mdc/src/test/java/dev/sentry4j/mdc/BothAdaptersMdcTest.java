package dev.sentry4j.mdc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sentry4j.Sentry;
import dev.sentry4j.log4j2.ThreadContextTraceListener;
import dev.sentry4j.tracing.PropagationContext;
import dev.sentry4j.tracing.Span;
import dev.sentry4j.tracing.Transaction;
import org.apache.logging.log4j.ThreadContext;
import org.junit.jupiter.api.Test;
import org.slf4j.MDC;

/**
 * Every scenario of {@link Log4j2MdcTest} (Log4j 2 as the SLF4J backend, the lines a real
 * PatternLayout printed) with sentry-log4j2 on the class path too: both modules register a span
 * listener for the same ThreadContext keys, sentry-log4j2's writes them and this module's stands
 * down, and the printed lines are the same.
 */
class BothAdaptersMdcTest extends Log4j2MdcTest {

  @Test
  void sentryLog4j2sListenerWritesTheKeysAndThisModulesStandsDown() {
    assertThat(ThreadContextTraceListener.isActive()).isTrue();
    try (Transaction tx = Sentry.startTransaction("checkout", "task")) {
      assertThat(ThreadContext.get("trace_id")).isEqualTo(tx.getTraceId());
      assertThat(ThreadContext.get("span_id")).isEqualTo(tx.getSpanId());

      Span child = tx.startChild("db.query");
      MdcTraceListener standsDown = new MdcTraceListener();
      assertThat(standsDown.onPushed(child, PropagationContext.newTrace())).isNull();
      assertThat(MDC.get("span_id")).isEqualTo(tx.getSpanId()); // it wrote nothing
      child.finish();
    }
  }
}
