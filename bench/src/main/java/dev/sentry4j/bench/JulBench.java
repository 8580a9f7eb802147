package dev.sentry4j.bench;

import dev.sentry4j.bench.sink.LoopbackSink;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Caller-thread cost of one log line through java.util.logging, per variant: FINE ignored by the
 * SDK, INFO with one parameter to a breadcrumb, SEVERE with a fresh exception to an event (JUL's
 * {@code log(Level, String, Throwable)} takes no parameters, so that message is a plain string).
 * Each variant is configured from {@code jul-<variant>.properties}; SDKs send to a {@link
 * LoopbackSink}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(
    value = 1,
    jvmArgsAppend = {"-Xms512m", "-Xmx512m"})
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 4, time = 2)
public class JulBench {

  /** The handler set-up under test, a {@link Variant} id. */
  @Param({"none", "sentry-java", "sentry4j"})
  public String variant;

  /** The sink the SDK variants send to; read by the smoke run after tear-down. */
  public LoopbackSink sink;

  private Variant selected;
  // A strong reference: JUL holds loggers weakly and would drop their configuration.
  private Logger logger;
  private String cacheKey;
  private String orderId;
  private String errorMessage;

  /** Starts the sink and loads the variant's JUL properties. */
  @Setup(org.openjdk.jmh.annotations.Level.Trial)
  public void setUp() throws Exception {
    selected = Variant.of(variant);
    sink = LoopbackSink.start();
    BenchDsn.install(sink);
    JulSetup.configure(selected);
    logger = Logger.getLogger(AppLogger.NAME);
    cacheKey = "user:4711:cart";
    orderId = "A-1042";
    errorMessage = "payment failed for order " + orderId;
  }

  /** Closes the handlers, then the SDK, then the sink. */
  @TearDown(org.openjdk.jmh.annotations.Level.Trial)
  public void tearDown() {
    JulSetup.stop();
    selected.shutDown();
    BenchDsn.uninstall();
    sink.close();
  }

  /** A FINE line: JUL creates the record (root is FINE), the SDK's thresholds reject it. */
  @Benchmark
  public void ignoredDebug() {
    logger.log(Level.FINE, "cache lookup for {0}", cacheKey);
  }

  /** An INFO line with one parameter: a breadcrumb for the SDKs. */
  @Benchmark
  public void breadcrumbInfo() {
    logger.log(Level.INFO, "order {0} accepted", orderId);
  }

  /** A SEVERE line with a fresh 25-frame exception: an error event for the SDKs. */
  @Benchmark
  public void errorEvent() {
    logger.log(Level.SEVERE, errorMessage, Failures.fresh());
  }
}
