package dev.sentry4j.bench;

import dev.sentry4j.Sentry;
import dev.sentry4j.bench.sink.LoopbackSink;
import dev.sentry4j.log4j2.ThreadContextTraceListener;
import dev.sentry4j.mdc.MdcTraceListener;
import dev.sentry4j.spi.SpanListener;
import dev.sentry4j.tracing.PropagationContext;
import dev.sentry4j.tracing.Span;
import dev.sentry4j.tracing.Transaction;
import java.util.concurrent.TimeUnit;
import org.apache.logging.log4j.ThreadContext;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.slf4j.MDC;

/**
 * sentry4j only: the MDC trace-key switch itself, per SLF4J MDC. What sentry-slf4j-mdc's listener
 * does when a span becomes current ({@code onPushed}: the span's ids into the MDC) and when it is
 * left ({@code onRestored}: the transaction's ids back), called directly: two switches per
 * invocation, reported per switch. Without the module the SDK does nothing here, so the floor is
 * zero and the score is the overhead. {@link MdcBench} measures the same end to end ({@code
 * Sentry.startSpan} + {@code close}, module on − off), where the switch is a small part of a
 * larger, noisier op.
 *
 * <p>Between spans of one trace only {@code span_id} changes. The thread's MDC also holds one entry
 * of the application's ({@code tenant}), as a real request would.
 *
 * <p>For Log4j 2 the switch is sentry-log4j2's {@link ThreadContextTraceListener}, which writes the
 * ThreadContext directly (all changed keys in one copy-on-write write); sentry-slf4j-mdc's listener
 * stands down for it when both modules are present. Until issue 21's log4j2ctx branch this row
 * measured sentry-slf4j-mdc's listener through {@code log4j-slf4j2-impl} (one write per key).
 *
 * <p>{@code backend} picks the MDC through SLF4J's {@code slf4j.provider} property, set before
 * SLF4J starts in JMH's fork (one per parameter): Logback's {@code LogbackMDCAdapter}, Log4j 2's
 * ThreadContext through {@code log4j-slf4j2-impl}, and {@code slf4j-jdk14}'s {@code
 * BasicMDCAdapter} (the MDC of JUL users). The smoke run, one JVM, runs all three on Logback's.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(
    value = 1,
    jvmArgsAppend = {"-Xms512m", "-Xmx512m"})
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 4, time = 2)
public class MdcSwitchBench {

  /** The SLF4J MDC measured. */
  @Param({"logback", "log4j2", "jdk14"})
  public String backend;

  private LoopbackSink sink;
  private SpanListener listener;
  private Transaction tx;
  private Span child;
  private PropagationContext context;

  /** SLF4J's provider for {@code backend}, as {@code slf4j.provider} names it. */
  static String provider(String backend) {
    switch (backend) {
      case "logback":
        return "ch.qos.logback.classic.spi.LogbackServiceProvider";
      case "log4j2":
        return "org.apache.logging.slf4j.SLF4JServiceProvider";
      case "jdk14":
        return "org.slf4j.jul.JULServiceProvider";
      default:
        throw new IllegalArgumentException("MdcSwitchBench: unknown backend " + backend);
    }
  }

  /** The MDC adapter class SLF4J must have picked for {@code backend}. */
  static String adapter(String backend) {
    switch (backend) {
      case "logback":
        return "ch.qos.logback.classic.util.LogbackMDCAdapter";
      case "log4j2":
        return "org.apache.logging.slf4j.Log4jMDCAdapter";
      default:
        return "org.slf4j.helpers.BasicMDCAdapter";
    }
  }

  /** Picks the MDC, starts the SDK with tracing, a transaction and one child span. */
  @Setup(Level.Trial)
  public void setUp() throws Exception {
    System.setProperty("slf4j.provider", provider(backend));
    checkAdapter(backend);
    // Log4j 2: sentry-log4j2's listener writes the ThreadContext itself; made before the SDK
    // starts,
    // as the ServiceLoader would, so that sentry-slf4j-mdc's (registered in this jar) stands down
    // for it at its first switch instead of writing the same keys
    boolean threadContext = backend.equals("log4j2");
    listener = threadContext ? new ThreadContextTraceListener() : null;
    sink = LoopbackSink.start();
    BenchDsn.install(sink);
    String dsn = sink.dsn();
    Sentry.init(o -> o.setDsn(dsn).setTracesSampleRate(1.0));
    put(threadContext, "tenant", "acme");
    tx = Sentry.startTransaction("checkout", "task"); // current: the keys hold its ids
    child = tx.startChild("db.query");
    context = PropagationContext.newTrace();
    if (listener == null) {
      listener = new MdcTraceListener();
    }
    Object memento = listener.onPushed(child, context);
    boolean childInMdc = child.getSpanId().equals(get(threadContext, "span_id"));
    listener.onRestored(memento, tx, context);
    if (!childInMdc
        || !tx.getSpanId().equals(get(threadContext, "span_id"))
        || !tx.getTraceId().equals(get(threadContext, "trace_id"))
        || !"acme".equals(get(threadContext, "tenant"))) {
      throw new IllegalStateException("MdcSwitchBench: the MDC does not follow the switches");
    }
  }

  /**
   * The ThreadContext (Log4j 2's row, also in the smoke run where SLF4J's MDC is Logback's) or
   * SLF4J's MDC.
   */
  private static String get(boolean threadContext, String key) {
    return threadContext ? ThreadContext.get(key) : MDC.get(key);
  }

  private static void put(boolean threadContext, String key, String value) {
    if (threadContext) {
      ThreadContext.put(key, value);
    } else {
      MDC.put(key, value);
    }
  }

  /** SLF4J must use the MDC named (outside the smoke run, where Logback's is already bound). */
  static void checkAdapter(String backend) {
    String actual = MDC.getMDCAdapter().getClass().getName();
    if (!actual.equals(adapter(backend)) && !Boolean.getBoolean(MdcBench.SMOKE_PROPERTY)) {
      throw new IllegalStateException(
          "MdcSwitchBench["
              + backend
              + "]: SLF4J's MDC is "
              + actual
              + ", not "
              + adapter(backend));
    }
  }

  /** Ends the transaction's scope, the SDK and the sink. */
  @TearDown(Level.Trial)
  public void tearDown() {
    Sentry.close();
    BenchDsn.uninstall();
    sink.close();
    MDC.clear();
    ThreadContext.clearAll();
    System.clearProperty("slf4j.provider");
  }

  /** The child span becomes current, then the transaction again: two switches. */
  @Benchmark
  @OperationsPerInvocation(2)
  public Object switchToSpanAndBack() {
    Object memento = listener.onPushed(child, context);
    listener.onRestored(memento, tx, context);
    return memento;
  }
}
