package dev.sentry4j.bench;

import dev.sentry4j.Sentry;
import dev.sentry4j.bench.sink.LoopbackSink;
import dev.sentry4j.tracing.Span;
import dev.sentry4j.tracing.Transaction;
import dev.sentry4j.tracing.TransactionOptions;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * sentry4j only: what a span costs the thread that makes it, with tracing on ({@code
 * tracesSampleRate=1.0}, every transaction recorded) and a sink answering 200.
 *
 * <ul>
 *   <li>{@link #childSpan}: {@code tx.startChild(op).finish()} on a transaction that is not
 *       current: ids, clock reads, the record kept for the transaction; no scope change.
 *   <li>{@link #transactionOf100Spans}: a transaction with 100 children, finished, so captured (on
 *       this thread) and sent (on the SDK's worker); the time per span, transaction included.
 * </ul>
 *
 * Making a span current ({@code Sentry.startSpan}) is measured by {@link MdcBench}, with and
 * without the MDC keeping the trace ids. sentry-slf4j-mdc is off here ({@code
 * sentry.mdc.enabled=false}); neither benchmark changes the current span anyway.
 *
 * <p>A transaction records at most {@code maxSpans} (1000) children; beyond that spans are no-ops,
 * which would measure the wrong thing. So {@link #childSpan} replaces its transaction every {@value
 * #ROTATE_EVERY} spans with a new one, abandoning the old one unfinished (nothing is sent; the cost
 * of the new transaction is spread over those spans).
 */
@State(Scope.Thread) // set-up on the benchmark thread: the current span lives in its scopes
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(
    value = 1,
    jvmArgsAppend = {"-Xms512m", "-Xmx512m"})
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 4, time = 2)
public class SpanBench {

  /** Spans per transaction before it is replaced; below {@code maxSpans}. */
  static final int ROTATE_EVERY = 500;

  private static final TransactionOptions NOT_CURRENT =
      TransactionOptions.builder().setBindToScope(false).build();

  /** The sink; read by the smoke run after tear-down. */
  public LoopbackSink sink;

  private Transaction detached;
  private int spans;
  private String operation;

  /** Starts the sink and the SDK with tracing on, and the first transactions. */
  @Setup(Level.Trial)
  public void setUp() throws Exception {
    System.setProperty(MdcBench.MDC_ENABLED, "false");
    // Logback stays the MDC (and SLF4J binding), but prints nothing: no HttpClient DEBUG lines
    // from the SDK's transport on the console while measuring.
    LogbackSetup.silence();
    sink = LoopbackSink.start();
    BenchDsn.install(sink); // the spool directory; the DSN is given here
    String dsn = sink.dsn();
    Sentry.init(o -> o.setDsn(dsn).setTracesSampleRate(1.0));
    operation = "db.query";
    rotate();
    // The spans must be recorded children of a sampled transaction, not no-ops.
    Span child = detached.startChild(operation);
    child.finish();
    if (!child.isSampled() || !detached.getSpanId().equals(child.getParentSpanId())) {
      throw new IllegalStateException("SpanBench: spans are not recorded children; tracing off?");
    }
  }

  /** Closes the SDK (abandoned transactions are simply dropped) and the sink. */
  @TearDown(Level.Trial)
  public void tearDown() {
    Sentry.close();
    BenchDsn.uninstall();
    System.clearProperty(MdcBench.MDC_ENABLED);
    sink.close();
  }

  /** A child of a transaction that is not current: start and finish. */
  @Benchmark
  public Span childSpan() {
    if (++spans >= ROTATE_EVERY) {
      rotate();
    }
    Span span = detached.startChild(operation);
    span.finish();
    return span;
  }

  /** A transaction with 100 children, finished and sent; per span. */
  @Benchmark
  @OperationsPerInvocation(100)
  public Transaction transactionOf100Spans() {
    Transaction tx = Sentry.startTransaction("checkout", "task", NOT_CURRENT);
    for (int i = 0; i < 100; i++) {
      tx.startChild(operation).finish();
    }
    tx.finish();
    return tx;
  }

  /** A new transaction, not current, for the next {@value #ROTATE_EVERY} children. */
  private void rotate() {
    spans = 0;
    detached = Sentry.startTransaction("checkout", "task", NOT_CURRENT);
  }
}
