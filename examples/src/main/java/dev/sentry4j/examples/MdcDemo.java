package dev.sentry4j.examples;

import dev.sentry4j.Sentry;
import dev.sentry4j.SentryContext;
import dev.sentry4j.tracing.Span;
import dev.sentry4j.tracing.SpanStatus;
import dev.sentry4j.tracing.Transaction;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * SLF4J's MDC and Sentry's trace, with {@code sentry-slf4j-mdc} on the class path: {@code
 * %X{trace_id}} and {@code %X{span_id}} in {@code logback-mdc.xml} follow the active span, and a
 * pool wrapped with {@code SentryContext.wrap} carries the MDC, the scopes and the span to its
 * threads.
 */
final class MdcDemo implements Scenario {
  private static final Logger log = LoggerFactory.getLogger("com.shop.Report");

  @Override
  public String title() {
    return "SLF4J MDC: %X{trace_id}/%X{span_id} on every line, the MDC and trace carried to a thread pool";
  }

  @Override
  public void run() throws Exception {
    LogbackConfig.use("logback-mdc.xml");
    ExecutorService pool = SentryContext.wrap(Executors.newFixedThreadPool(2, new Workers()));
    try {
      MDC.put("tenant", "acme");
      try (Transaction report = Sentry.startTransaction("monthly report", "task")) {
        log.info("report started"); // the transaction's ids
        List<Future<Integer>> counts = new ArrayList<>();
        for (String region : List.of("emea", "apac")) {
          counts.add(
              pool.submit(() -> countOrders(region))); // same MDC, same trace, on a pool thread
        }
        int total = 0;
        for (Future<Integer> count : counts) {
          total += count.get(10, TimeUnit.SECONDS);
        }
        log.info("report done: {} orders", total);
      }
    } finally {
      MDC.clear();
      pool.shutdown();
      if (!pool.awaitTermination(5, TimeUnit.SECONDS)) {
        throw new TimeoutException("report workers did not finish");
      }
      LogbackConfig.useDefault(); // stops the Sentry appender: it flushes and closes the SDK
    }
  }

  private static int countOrders(String region) {
    try (Span query = Sentry.startSpan("db.query", "count orders in " + region)) {
      log.info("counting orders in {}", region); // the trace, and this span's id
      if (region.equals("apac")) {
        query.setStatus(SpanStatus.UNAVAILABLE);
        log.error(
            "count failed for {}", region, new IllegalStateException("replica apac-2 is down"));
        return 0;
      }
      return 42;
    }
  }

  /** Named daemon threads: they never keep the JVM alive. */
  private static final class Workers implements java.util.concurrent.ThreadFactory {
    private final AtomicInteger count = new AtomicInteger();

    @Override
    public Thread newThread(Runnable task) {
      Thread t = new Thread(task, "report-worker-" + count.incrementAndGet());
      t.setDaemon(true);
      return t;
    }
  }
}
