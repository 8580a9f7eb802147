package dev.sentry4j.bench;

import ch.qos.logback.classic.LoggerContext;
import dev.sentry4j.bench.sink.LoopbackSink;
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
import org.slf4j.Logger;
import org.slf4j.MDC;

/**
 * sentry4j only: what scrubbing costs on an error event. An ERROR line (no exception, so that the
 * event's own cost does not hide it) logged through Logback with ten MDC entries, three of them
 * under keys the default deny list scrubs; the entries become the event's extras, which the
 * scrubber walks. Configured from {@code logback-sentry4j-privacy.xml} with the option {@code
 * scrubbing} {@code true} (the default) or {@code false}.
 */
@State(Scope.Thread) // set-up on the benchmark thread: the MDC is per thread
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(
    value = 1,
    jvmArgsAppend = {"-Xms512m", "-Xmx512m"})
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 4, time = 2)
public class PrivacyBench {

  /** The system property {@code logback-sentry4j-privacy.xml} reads the option from. */
  static final String SCRUBBING_PROPERTY = "SENTRY_BENCH_SCRUBBING";

  /** The {@code scrubbing} option. */
  @Param({"true", "false"})
  public String scrubbing;

  /** The sink; read by the smoke run after tear-down. */
  public LoopbackSink sink;

  private LoggerContext context;
  private Logger logger;
  private String orderId;

  /** Starts the sink, loads the config with the option, fills the MDC. */
  @Setup(Level.Trial)
  public void setUp() throws Exception {
    sink = LoopbackSink.start();
    BenchDsn.install(sink);
    System.setProperty(SCRUBBING_PROPERTY, scrubbing);
    context = LogbackSetup.configure(Variant.SENTRY4J, "logback-sentry4j-privacy.xml");
    logger = context.getLogger(AppLogger.NAME);
    orderId = "A-1042";
    MDC.put("request_id", "7f1c2a9e-5b3d-4c8a-9e21-0d6b4f8a1c33");
    MDC.put("tenant", "acme");
    MDC.put("region", "eu-west-1");
    MDC.put("user_id", "4711");
    MDC.put("cart_id", "c-99812");
    MDC.put("feature", "new-checkout");
    MDC.put("client_version", "2.14.1");
    MDC.put("password", "hunter2");
    MDC.put("auth_token", "eyJhbGciOiJIUzI1NiJ9.e30.ZRrHA1JJJW8opsbCGfG_HACGpVUMN_a9IV7pAx_Zmeo");
    MDC.put("session_cookie", "JSESSIONID=8F3C2A1B9D7E");
  }

  /** Stops Logback (and with it the SDK), then the sink. */
  @TearDown(Level.Trial)
  public void tearDown() {
    MDC.clear();
    context.stop();
    Variant.SENTRY4J.shutDown();
    System.clearProperty(SCRUBBING_PROPERTY);
    BenchDsn.uninstall();
    sink.close();
  }

  /** An ERROR line with one argument and ten MDC entries: an error event. */
  @Benchmark
  public void errorWith10MdcEntries() {
    logger.error("payment failed for order {}", orderId);
  }
}
