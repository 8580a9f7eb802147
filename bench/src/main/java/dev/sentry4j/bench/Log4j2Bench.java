package dev.sentry4j.bench;

import dev.sentry4j.bench.sink.LoopbackSink;
import java.util.concurrent.TimeUnit;
import org.apache.logging.log4j.Logger;
import org.apache.logging.log4j.ThreadContext;
import org.apache.logging.log4j.core.LoggerContext;
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

/**
 * Caller-thread cost of one log line through Log4j 2 (its own API, synchronous loggers), per
 * variant: DEBUG ignored by the SDK, INFO to a breadcrumb, ERROR with a fresh exception to an
 * event. Each variant is configured from {@code log4j2-<variant>.xml}; SDKs send to a {@link
 * LoopbackSink}.
 *
 * <p>Each SDK is configured as its own documentation tells users. sentry4j's root reference to its
 * appender has {@code level="INFO"} (the appender's lowest threshold), as sentry-log4j2/README.md's
 * log4j2.xml has it, so Log4j drops the DEBUG line before its appender call; {@code -jvmArgsAppend
 * "-Xms512m -Xmx512m -Dlog4j2bench.sentryRefLevel=ALL"} measures a plain reference instead.
 * sentry-java's reference is plain, as in its documentation. The trace keys are in the
 * ThreadContext only while a span is current (sentry4j's default), so with no span here the
 * ThreadContext is empty unless {@link #THREAD_CONTEXT_PROPERTY} puts an entry there.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(
    value = 1,
    jvmArgsAppend = {"-Xms512m", "-Xmx512m"})
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 4, time = 2)
public class Log4j2Bench {

  /**
   * System property naming a ThreadContext entry the application keeps on the logging thread (say
   * {@code -jvmArgsAppend -Dlog4j2bench.threadContext=tenant}); unset: an empty ThreadContext. With
   * an entry, every variant pays what Log4j 2 allocates per line for a non-empty ThreadContext (its
   * context-data wrapper), as most applications with request ids do, so the bytes over the floor
   * are then the SDK's own only.
   */
  public static final String THREAD_CONTEXT_PROPERTY = "log4j2bench.threadContext";

  /** The appender set-up under test, a {@link Variant} id. */
  @Param({"none", "sentry-java", "sentry4j"})
  public String variant;

  /** The sink the SDK variants send to; read by the smoke run after tear-down. */
  public LoopbackSink sink;

  private Variant selected;
  private LoggerContext context;
  private Logger logger;
  private String cacheKey;
  private String orderId;

  /** Starts the sink and loads the variant's log4j2 XML. */
  @Setup(Level.Trial)
  public void setUp() throws Exception {
    selected = Variant.of(variant);
    sink = LoopbackSink.start();
    BenchDsn.install(sink);
    context = Log4j2Setup.configure(selected);
    String entry = System.getProperty(THREAD_CONTEXT_PROPERTY);
    if (entry != null) {
      ThreadContext.put(entry, "acme"); // on the benchmark thread: JMH runs set-ups there
    }
    logger = context.getLogger(AppLogger.NAME);
    cacheKey = "user:4711:cart";
    orderId = "A-1042";
  }

  /** Stops the appenders, then the SDK, then the sink. */
  @TearDown(Level.Trial)
  public void tearDown() {
    ThreadContext.clearAll();
    Log4j2Setup.stop(context);
    selected.shutDown();
    BenchDsn.uninstall();
    sink.close();
  }

  /** A DEBUG line: Log4j 2 creates it (root is DEBUG), the SDK's thresholds reject it. */
  @Benchmark
  public void ignoredDebug() {
    logger.debug("cache lookup for {}", cacheKey);
  }

  /** An INFO line with one argument: a breadcrumb for the SDKs. */
  @Benchmark
  public void breadcrumbInfo() {
    logger.info("order {} accepted", orderId);
  }

  /**
   * An ERROR line with one argument and a fresh 25-frame exception: an error event for the SDKs.
   */
  @Benchmark
  public void errorEvent() {
    logger.error("payment failed for order {}", orderId, Failures.fresh());
  }
}
