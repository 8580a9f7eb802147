package dev.sentry4j.bench;

import dev.sentry4j.Sentry;
import dev.sentry4j.bench.sink.LoopbackSink;
import dev.sentry4j.scope.ScopeToken;
import dev.sentry4j.tracing.Span;
import dev.sentry4j.tracing.Transaction;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.slf4j.MDC;

/**
 * sentry4j only: {@code Sentry.startSpan(op)} then {@code close()} inside a current transaction:
 * the child span is made current (a forked scope pushed on the thread), then the transaction is
 * current again. Two span switches per op. With {@code mdc=on}, sentry-slf4j-mdc writes the trace
 * id, span id and sampled flag into the (Logback) MDC at each switch; with {@code mdc=off} the
 * module is disabled by its own setting ({@code sentry.mdc.enabled=false}; its listener is still
 * called and returns at once). The cost of the MDC per span switch is (on − off) ÷ 2.
 *
 * <p>The setting is read when the SDK is first used in the JVM, so it takes effect in JMH's fork
 * per parameter; the smoke run, one JVM for everything, checks only that {@code on} works.
 *
 * <p>A transaction records at most {@code maxSpans} (1000) children, so the transaction is replaced
 * every {@value SpanBench#ROTATE_EVERY} spans: its scope is closed, and a new scope with a new
 * transaction opened (the old one is abandoned unfinished, nothing is sent).
 */
@State(Scope.Thread) // set-up on the benchmark thread: the current span lives in its scopes
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(
    value = 1,
    jvmArgsAppend = {"-Xms512m", "-Xmx512m"})
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 4, time = 2)
public class MdcBench {

  /** sentry-slf4j-mdc's on/off setting, as a system property. */
  static final String MDC_ENABLED = "sentry.mdc.enabled";

  /** Set by the smoke run, where an earlier benchmark already made the module read its setting. */
  static final String SMOKE_PROPERTY = "dev.sentry4j.bench.smoke";

  /** sentry-slf4j-mdc on or off. */
  @Param({"off", "on"})
  public String mdc;

  /** Where the SDK would send; nothing arrives (no transaction is finished). */
  private LoopbackSink sink;

  private ScopeToken scope;
  private int spans;
  private String operation;

  /** Starts the sink and the SDK with tracing on, and the first current transaction. */
  @Setup(Level.Trial)
  public void setUp() throws Exception {
    boolean on = "on".equals(mdc);
    System.setProperty(MDC_ENABLED, Boolean.toString(on));
    // Logback stays the MDC (and SLF4J binding), but prints nothing: no HttpClient DEBUG lines
    // from the SDK's transport on the console while measuring.
    LogbackSetup.silence();
    sink = LoopbackSink.start();
    BenchDsn.install(sink); // the spool directory; the DSN is given here
    String dsn = sink.dsn();
    Sentry.init(o -> o.setDsn(dsn).setTracesSampleRate(1.0));
    operation = "db.query";
    rotate();
    check(on);
  }

  /** Closes the current scope, the SDK and the sink. */
  @TearDown(Level.Trial)
  public void tearDown() {
    if (scope != null) {
      scope.close();
    }
    Sentry.close();
    BenchDsn.uninstall();
    System.clearProperty(MDC_ENABLED);
    sink.close();
    MDC.clear();
  }

  /** A child of the current transaction made current, then closed: two span switches. */
  @Benchmark
  public Span startSpanAndClose() {
    if (++spans >= SpanBench.ROTATE_EVERY) {
      rotate();
    }
    Span span = Sentry.startSpan(operation);
    span.close();
    return span;
  }

  /** A new scope with a new current transaction, replacing the previous scope and transaction. */
  private void rotate() {
    spans = 0;
    if (scope != null) {
      scope.close();
    }
    scope = Sentry.newScope();
    Sentry.startTransaction("checkout", "task");
  }

  /**
   * The span must be a recorded child made current, and the MDC must follow it exactly when the
   * module is on.
   */
  private void check(boolean on) {
    Span tx = Sentry.getCurrentSpan();
    if (!(tx instanceof Transaction) || !tx.isSampled()) {
      throw new IllegalStateException("MdcBench: no sampled current transaction; tracing off?");
    }
    Span span = Sentry.startSpan(operation);
    boolean recorded =
        span.isSampled()
            && tx.getSpanId().equals(span.getParentSpanId())
            && span == Sentry.getCurrentSpan();
    boolean spanInMdc = span.getSpanId().equals(MDC.get("span_id"));
    span.close();
    boolean txInMdc = tx.getSpanId().equals(MDC.get("span_id"));
    if (!recorded) {
      throw new IllegalStateException("MdcBench: the span is not a recorded, current child");
    }
    if (on && !(spanInMdc && txInMdc)) {
      throw new IllegalStateException(
          "MdcBench[mdc=on]: the MDC does not follow the current span; is sentry-slf4j-mdc on the"
              + " class path?");
    }
    if (!on && (spanInMdc || txInMdc) && !Boolean.getBoolean(SMOKE_PROPERTY)) {
      throw new IllegalStateException("MdcBench[mdc=off]: the MDC follows the current span");
    }
  }
}
