package dev.sentry4j.mdc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sentry4j.Sentry;
import dev.sentry4j.SentryContext;
import dev.sentry4j.internal.scope.ScopeStorage;
import dev.sentry4j.logs.LogLevel;
import dev.sentry4j.options.SentryOptions;
import dev.sentry4j.scope.ScopeToken;
import dev.sentry4j.spi.logging.LogCapture;
import dev.sentry4j.spi.logging.LogCaptureSettings;
import dev.sentry4j.spi.logging.LogRecord;
import dev.sentry4j.testing.ReceivedEvent;
import dev.sentry4j.testing.RelaySchema;
import dev.sentry4j.testing.SentryReceiver;
import dev.sentry4j.tracing.PropagationContext;
import dev.sentry4j.tracing.Span;
import dev.sentry4j.tracing.Transaction;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * What a pattern layout prints for {@code %X{trace_id}}, {@code %X{span_id}}, {@code
 * %X{trace_sampled}} and a user key, in every situation the module promises. Each backend (Logback,
 * Log4j 2 through log4j-slf4j2-impl) runs these with its own classpath and configuration from the
 * test resources; the surefire execution {@code log4j2} with {@code
 * sentry.mdc.propagation-ids=true}, the others with the default (lines outside spans carry no ids).
 */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
abstract class MdcScenarios {
  static final Duration WAIT = Duration.ofSeconds(10);
  static final String INCOMING_TRACE = "771a43a4192642f0b136d5159a501700";
  static final Map<String, String> INCOMING_HEADERS =
      Map.of("sentry-trace", INCOMING_TRACE + "-b0e6f15b45c36b12-1");

  /**
   * This run's {@code sentry.mdc.propagation-ids} (default {@code false}): whether lines outside
   * spans print the propagation context's ids.
   */
  static final boolean PROPAGATION_IDS = Boolean.getBoolean("sentry.mdc.propagation-ids");

  final Logger log = LoggerFactory.getLogger("orders");
  SentryReceiver receiver;
  private final List<ExecutorService> pools = new ArrayList<>();

  /** Every line the backend's pattern layout printed since {@link #forgetPrintedLines()}. */
  abstract List<String> printedLines();

  abstract void forgetPrintedLines();

  @BeforeEach
  void start() {
    receiver = SentryReceiver.start();
    init(o -> o.setTracesSampleRate(1.0));
    MDC.clear();
    forgetPrintedLines();
  }

  @AfterEach
  void stop() throws InterruptedException {
    for (ExecutorService pool : pools) {
      pool.shutdownNow();
      assertThat(pool.awaitTermination(5, TimeUnit.SECONDS)).isTrue();
    }
    System.clearProperty("sentry.mdc.tags");
    Sentry.close();
    receiver.close();
    MDC.clear();
  }

  void init(Consumer<SentryOptions.Builder> configuration) {
    Sentry.close();
    Sentry.init(
        o -> {
          o.setDsn(receiver.dsn());
          configuration.accept(o);
        });
  }

  Map<String, String> line(String message) {
    return PrintedLines.line(printedLines(), message);
  }

  /**
   * What a line logged outside spans prints for an id of the propagation context: the id with
   * propagation ids on, else nothing.
   */
  static String outside(String id) {
    return PROPAGATION_IDS ? id : "";
  }

  ExecutorService pool(int threads) {
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    pools.add(pool);
    return pool;
  }

  // ---------------------------------------------------------------- spans on one thread

  @Test
  void nestedSpansPrintTheirOwnIdsAndClosingOneBringsBackTheOuter() {
    Transaction tx = Sentry.startTransaction("checkout", "task");
    log.info("in tx");
    Span child = Sentry.startSpan("db.query");
    log.info("in child");
    Span row;
    try (Span r = Sentry.startSpan("db.row")) {
      row = r;
      log.info("in grandchild");
    }
    log.info("child again");
    child.finish();
    log.info("tx again");
    tx.finish();
    log.info("after");
    PropagationContext thread = ScopeStorage.current().getPropagationContext();

    assertThat(line("in tx"))
        .containsEntry("trace", tx.getTraceId())
        .containsEntry("span", tx.getSpanId())
        .containsEntry("sampled", "true");
    assertThat(line("in child"))
        .containsEntry("trace", tx.getTraceId())
        .containsEntry("span", child.getSpanId());
    assertThat(line("in grandchild")).containsEntry("span", row.getSpanId());
    assertThat(line("child again")).containsEntry("span", child.getSpanId());
    assertThat(line("tx again")).containsEntry("span", tx.getSpanId());
    // no span: nothing by default; with propagation ids the thread's propagation context, whose
    // sampling is not decided
    assertThat(line("after"))
        .containsEntry("trace", outside(thread.getTraceId()))
        .containsEntry("span", outside(thread.getSpanId()))
        .containsEntry("sampled", "");
    assertThat(List.of(tx.getSpanId(), child.getSpanId(), row.getSpanId()))
        .doesNotHaveDuplicates()
        .doesNotContain(thread.getSpanId());
  }

  @Test
  void theLineTheErrorEventAndTheTransactionShareTheTraceAndSpan() {
    try (Transaction tx = Sentry.startTransaction("checkout", "task")) {
      try (Span child = Sentry.startSpan("db.query")) {
        log.info("failing");
        Sentry.captureException(new IllegalStateException("boom"));
      }
    }
    Map<String, String> line = line("failing");
    ReceivedEvent event = receiver.awaitEvents(1, WAIT).get(0);
    RelaySchema.assertValid(event);
    assertThat(event.traceId()).isEqualTo(line.get("trace"));
    assertThat(event.spanId()).isEqualTo(line.get("span"));
    ReceivedEvent transaction = receiver.awaitTransactions(1, WAIT).get(0);
    assertThat(transaction.traceId()).isEqualTo(line.get("trace"));
    assertThat(transaction.spans())
        .extracting(s -> s.path("span_id").asText())
        .containsExactly(line.get("span"));
  }

  @Test
  void outsideSpansTheLinesCarryNoIdsUnlessPropagationIdsAreOnThenTheirScopes() {
    log.info("untouched thread");
    PropagationContext request;
    try (ScopeToken ignored = Sentry.newIsolationScope()) {
      request = ScopeStorage.current().getPropagationContext();
      log.info("in request");
    }
    PropagationContext outer = ScopeStorage.current().getPropagationContext();
    log.info("after request");

    // a thread where nothing Sentry-related happened yet has no ids (documented)
    assertThat(line("untouched thread")).containsEntry("trace", "");
    assertThat(line("in request"))
        .containsEntry("trace", outside(request.getTraceId()))
        .containsEntry("span", outside(request.getSpanId()))
        .containsEntry("sampled", "");
    assertThat(line("after request"))
        .containsEntry("trace", outside(outer.getTraceId()))
        .containsEntry("span", outside(outer.getSpanId()));
    assertThat(outer.getTraceId()).isNotEqualTo(request.getTraceId());
  }

  @Test
  void withoutTracingLinesCarryTheIdOfTheThreadsEventsOnlyWithPropagationIds() throws Exception {
    init(o -> {}); // no tracesSampleRate, as in the README's snippets
    log.info("after init");
    Sentry.captureMessage("captured here");
    ExecutorService raw = pool(1); // not wrapped: a thread of its own
    raw.submit(
            () -> {
              Sentry.captureMessage("captured on a new thread"); // its first Sentry call
              log.info("on a new thread");
            })
        .get(10, TimeUnit.SECONDS);

    List<ReceivedEvent> events = receiver.awaitEvents(2, WAIT);
    ReceivedEvent here =
        events.stream().filter(e -> e.message().equals("captured here")).findFirst().get();
    ReceivedEvent there =
        events.stream()
            .filter(e -> e.message().equals("captured on a new thread"))
            .findFirst()
            .get();
    assertThat(line("after init"))
        .containsEntry("trace", outside(here.traceId()))
        .containsEntry("span", outside(here.spanId()));
    assertThat(line("on a new thread"))
        .containsEntry("trace", outside(there.traceId()))
        .containsEntry("span", outside(there.spanId()));
  }

  @Test
  void continueTraceWithTracingOffPrintsTheIncomingTrace() {
    init(o -> {});
    Sentry.continueTrace(INCOMING_HEADERS, "http.server", "GET /orders");
    log.info("continued");
    assertThat(line("continued"))
        .containsEntry("trace", INCOMING_TRACE)
        .containsEntry("span", ScopeStorage.current().getPropagationContext().getSpanId())
        .containsEntry("sampled", "true");
  }

  @Test
  void continueTraceWithTracingOnPrintsTheTransactionThenTheIncomingTrace() {
    Transaction tx = Sentry.continueTrace(INCOMING_HEADERS, "http.server", "GET /orders");
    log.info("serving");
    tx.finish();
    log.info("served");
    assertThat(line("serving"))
        .containsEntry("trace", INCOMING_TRACE)
        .containsEntry("span", tx.getSpanId())
        .containsEntry("sampled", "true");
    assertThat(line("served"))
        .containsEntry("trace", outside(INCOMING_TRACE))
        .containsEntry("span", outside(ScopeStorage.current().getPropagationContext().getSpanId()));
  }

  @Test
  void anUnsampledTransactionStillPrintsItsTraceWithSampledFalse() {
    init(o -> o.setTracesSampleRate(0.0));
    try (Transaction tx = Sentry.startTransaction("checkout", "task")) {
      log.info("unsampled");
      assertThat(line("unsampled"))
          .containsEntry("trace", tx.getTraceId())
          .containsEntry("span", tx.getSpanId())
          .containsEntry("sampled", "false");
    }
  }

  @Test
  void keysClearedInsideASpanAreWrittenAgainWhenItCloses() {
    Transaction tx = Sentry.startTransaction("checkout", "task");
    Span child = Sentry.startSpan("db.query");
    MDC.clear(); // e.g. a framework clearing the MDC at the end of a request
    log.info("cleared");
    child.close();
    // the trace id and sampled flag stay the same across the switch: they must be put back too
    log.info("tx again");
    tx.finish();

    assertThat(line("cleared")).containsEntry("trace", "").containsEntry("span", "");
    assertThat(line("tx again"))
        .containsEntry("trace", tx.getTraceId())
        .containsEntry("span", tx.getSpanId())
        .containsEntry("sampled", "true");
  }

  @Test
  void theApplicationsOwnValuesUnderTheKeysComeBackWhenTheSpanCloses() {
    MDC.put("trace_id", "my-trace");
    MDC.put("span_id", "my-span");
    try (Transaction tx = Sentry.startTransaction("checkout", "task")) {
      try (Span child = Sentry.startSpan("db.query")) {
        log.info("in child");
        assertThat(line("in child")).containsEntry("span", child.getSpanId());
      }
      log.info("in tx");
      assertThat(line("in tx"))
          .containsEntry("trace", tx.getTraceId())
          .containsEntry("span", tx.getSpanId());
    }
    log.info("after");
    assertThat(line("after"))
        .containsEntry("trace", "my-trace")
        .containsEntry("span", "my-span")
        .containsEntry("sampled", "");
    assertThat(MDC.get("trace_sampled")).isNull();
  }

  @Test
  void finishingAnOuterSpanFirstRestoresTheValuesFromBeforeIt() {
    MDC.put("trace_id", "my-trace");
    Transaction tx = Sentry.startTransaction("checkout", "task");
    Span child = Sentry.startSpan("db.query");
    log.info("inner");
    tx.finish(); // while the child is still current
    log.info("after tx");
    child.finish();
    log.info("after child");
    assertThat(line("inner")).containsEntry("span", child.getSpanId());
    assertThat(line("after tx")).containsEntry("trace", "my-trace").containsEntry("span", "");
    assertThat(line("after child")).containsEntry("trace", "my-trace").containsEntry("span", "");
  }

  // ---------------------------------------------------------------- other threads

  @Test
  void tasksOfAWrappedExecutorPrintTheSubmittersTraceAndMdc() throws Exception {
    ExecutorService pool = SentryContext.wrap(pool(2));
    MDC.put("tenant", "acme");
    AtomicReference<Span> taskSpan = new AtomicReference<>();
    Transaction tx = Sentry.startTransaction("checkout", "task");
    List<Future<?>> futures = new ArrayList<>();
    for (int i = 0; i < 4; i++) {
      String message = "task " + i;
      futures.add(pool.submit(() -> log.info(message)));
    }
    futures.add(
        pool.submit(
            () -> {
              try (Span span = Sentry.startSpan("price")) {
                taskSpan.set(span);
                log.info("task in its own span");
              }
              log.info("task after its span");
            }));
    for (Future<?> f : futures) {
      f.get(10, TimeUnit.SECONDS);
    }
    log.info("submitter");
    tx.finish();

    for (int i = 0; i < 4; i++) {
      assertThat(line("task " + i))
          .containsEntry("trace", tx.getTraceId())
          .containsEntry("span", tx.getSpanId())
          .containsEntry("sampled", "true")
          .containsEntry("tenant", "acme");
    }
    assertThat(line("task in its own span"))
        .containsEntry("trace", tx.getTraceId())
        .containsEntry("span", taskSpan.get().getSpanId())
        .containsEntry("tenant", "acme");
    assertThat(line("task after its span")).containsEntry("span", tx.getSpanId());
    assertThat(line("submitter")).containsEntry("span", tx.getSpanId());
  }

  @Test
  void aTaskFromAThreadWithoutIdsInItsMdcPrintsTheSubmittersTraceWithPropagationIds()
      throws Exception {
    ExecutorService pool = SentryContext.wrap(pool(1));
    MDC.put("tenant", "acme"); // nothing Sentry-related happened here: no ids in this MDC
    PropagationContext submitter = ScopeStorage.current().getPropagationContext();
    pool.submit(() -> log.info("task")).get(10, TimeUnit.SECONDS);
    assertThat(MDC.get("trace_id")).isNull();
    assertThat(line("task"))
        .containsEntry("trace", outside(submitter.getTraceId()))
        .containsEntry("span", outside(submitter.getSpanId()))
        .containsEntry("tenant", "acme");
  }

  @Test
  void completableFutureChainsOnAWrappedExecutorKeepTheTrace() throws Exception {
    ExecutorService pool = SentryContext.wrap(pool(2));
    MDC.put("tenant", "acme");
    AtomicReference<Span> stageSpan = new AtomicReference<>();
    try (Transaction tx = Sentry.startTransaction("checkout", "task")) {
      CompletableFuture.supplyAsync(
              () -> {
                log.info("stage 1");
                return 1;
              },
              pool)
          .thenApplyAsync(
              n -> {
                try (Span span = Sentry.startSpan("price")) {
                  stageSpan.set(span);
                  log.info("stage 2 in a span");
                }
                return n + 1;
              },
              pool)
          .thenAcceptAsync(n -> log.info("stage 3"), pool)
          .get(10, TimeUnit.SECONDS);

      assertThat(line("stage 1"))
          .containsEntry("trace", tx.getTraceId())
          .containsEntry("span", tx.getSpanId())
          .containsEntry("tenant", "acme");
      assertThat(line("stage 2 in a span"))
          .containsEntry("trace", tx.getTraceId())
          .containsEntry("span", stageSpan.get().getSpanId())
          .containsEntry("tenant", "acme");
      assertThat(line("stage 3"))
          .containsEntry("trace", tx.getTraceId())
          .containsEntry("span", tx.getSpanId())
          .containsEntry("tenant", "acme");
    }
  }

  @Test
  void aReusedPoolThreadNeverPrintsAPreviousTasksIdsOrMdc() throws Exception {
    ExecutorService raw = pool(1);
    ExecutorService wrapped = SentryContext.wrap(raw);
    Transaction first;
    MDC.put("tenant", "first-tenant");
    try (Transaction tx = Sentry.startTransaction("first", "task")) {
      first = tx;
      wrapped.submit(() -> log.info("first task")).get(10, TimeUnit.SECONDS);
    }
    Transaction second;
    MDC.put("tenant", "second-tenant");
    try (Transaction tx = Sentry.startTransaction("second", "task")) {
      second = tx;
      wrapped.submit(() -> log.info("second task")).get(10, TimeUnit.SECONDS);
    }
    // the same worker, reached without the wrapper
    PropagationContext worker =
        raw.submit(
                () -> {
                  log.info("plain task");
                  return ScopeStorage.current().getPropagationContext();
                })
            .get(10, TimeUnit.SECONDS);

    assertThat(line("first task"))
        .containsEntry("trace", first.getTraceId())
        .containsEntry("tenant", "first-tenant");
    assertThat(line("second task"))
        .containsEntry("trace", second.getTraceId())
        .containsEntry("span", second.getSpanId())
        .containsEntry("tenant", "second-tenant");
    // nothing, or the worker's own trace (what an error captured there would carry); no tenant
    assertThat(line("plain task"))
        .containsEntry("trace", outside(worker.getTraceId()))
        .containsEntry("span", outside(worker.getSpanId()))
        .containsEntry("tenant", "");
    assertThat(worker.getTraceId()).isNotIn(first.getTraceId(), second.getTraceId());
  }

  @Test
  void transactionsRunningAtOnceOnManyThreadsEachPrintTheirOwnIds() throws Exception {
    int threads = 4;
    ExecutorService pool = pool(threads);
    CyclicBarrier allStarted = new CyclicBarrier(threads);
    List<Future<String[]>> jobs = new ArrayList<>();
    for (int i = 0; i < threads * 2; i++) {
      String message = "job " + i;
      jobs.add(
          pool.submit(
              () -> {
                try (Transaction tx = Sentry.startTransaction(message, "task")) {
                  allStarted.await(10, TimeUnit.SECONDS); // every thread is inside its transaction
                  log.info(message);
                  return new String[] {message, tx.getTraceId(), tx.getSpanId()};
                }
              }));
    }
    for (Future<String[]> job : jobs) {
      String[] ids = job.get(20, TimeUnit.SECONDS);
      assertThat(line(ids[0])).containsEntry("trace", ids[1]).containsEntry("span", ids[2]);
    }
  }

  // ---------------------------------------------------------------- MDC into events

  @Test
  void mdcKeysNamedInTheSettingsBecomeTagsOfEventsCapturedThroughTheCoreApi() {
    System.setProperty("sentry.mdc.tags", "tenant, region,absent");
    init(o -> {}); // read when the client is made
    MDC.put("tenant", "acme");
    MDC.put("region", "from-mdc");
    Sentry.setTag("region", "explicit");
    Sentry.captureException(new IllegalStateException("boom"));

    ReceivedEvent event = receiver.awaitEvents(1, WAIT).get(0);
    RelaySchema.assertValid(event);
    assertThat(event.tags())
        .containsEntry("tenant", "acme")
        .containsEntry("region", "explicit") // a tag set through Sentry wins
        .doesNotContainKey("absent")
        .doesNotContainKey("trace_id");
  }

  @Test
  void eventsMadeFromLogLinesTakeTagsFromTheMdcFrozenWithTheLine() {
    System.setProperty("sentry.mdc.tags", "tenant");
    init(o -> {});
    MDC.put("tenant", "of-the-delivering-thread");
    LogCapture capture = new LogCapture(LogCaptureSettings.builder("test").build());
    capture.capture(
        LogRecord.builder(LogLevel.ERROR)
            .loggerName("orders")
            .formattedMessage("order failed")
            .mdc(Map.of("tenant", "of-the-logging-thread"))
            .build());

    ReceivedEvent event = receiver.awaitEvents(1, WAIT).get(0);
    RelaySchema.assertValid(event);
    assertThat(event.tags()).containsEntry("tenant", "of-the-logging-thread");
  }

  @Test
  void aTagsProcessorAddedInCodeCopiesItsKeys() {
    init(o -> o.addEventProcessor(new MdcTagsProcessor("order")));
    MDC.put("order", "A-17");
    MDC.put("tenant", "not listed");
    Sentry.captureMessage("placed");

    ReceivedEvent event = receiver.awaitEvents(1, WAIT).get(0);
    RelaySchema.assertValid(event);
    assertThat(event.tags()).containsEntry("order", "A-17").doesNotContainKey("tenant");
  }
}
