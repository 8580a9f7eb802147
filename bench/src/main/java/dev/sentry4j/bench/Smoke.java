package dev.sentry4j.bench;

import dev.sentry4j.bench.profile.CpuTimeProfiler;
import dev.sentry4j.bench.report.ReportGenerator;
import dev.sentry4j.bench.sink.LoopbackSink;
import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Field;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.infra.Blackhole;
import org.openjdk.jmh.profile.GCProfiler;
import org.openjdk.jmh.results.format.ResultFormatType;
import org.openjdk.jmh.runner.BenchmarkList;
import org.openjdk.jmh.runner.BenchmarkListEntry;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

/**
 * The bench's smoke run, part of {@code mvn verify}: keeps the bench from rotting without paying
 * for a measurement. From the uber jar, in one JVM, offline, on loopback only, it
 *
 * <ol>
 *   <li>runs every {@code @Benchmark} method of every benchmark class JMH generated (found through
 *       JMH's own benchmark list), for every {@code @Param} combination, {@value #INVOCATIONS}
 *       times between the class's {@code @Setup} and {@code @TearDown}, and checks that a variant
 *       that sends delivered at least one event to its sink and the floor none;
 *   <li>runs the delivery bench for every variant with a small burst;
 *   <li>checks that no SDK left a non-daemon thread behind (which would keep a forked JVM alive);
 *   <li>runs one real JMH measurement (in-process, 100 ms, with the GC profiler) and feeds its JSON
 *       to the report generator.
 * </ol>
 *
 * Fails (exit status 1) on the first exception; a watchdog stops it after {@value #BUDGET_SECONDS}
 * s. Benchmarks run one after the other, so the global SDK state of each variant is torn down
 * before the next.
 */
public final class Smoke {

  static final int INVOCATIONS = 100;
  static final int DELIVERY_BURST = 50;
  static final long BUDGET_SECONDS = 50;

  private static final String BLACKHOLE_CHALLENGE =
      "Today's password is swordfish. I understand instantiating Blackholes directly is dangerous.";

  private Smoke() {}

  /**
   * Runs the smoke checks.
   *
   * @param args one argument: a scratch directory for the JMH JSON and the report
   */
  public static void main(String[] args) {
    System.setProperty(MdcBench.SMOKE_PROPERTY, "true");
    startWatchdog();
    long start = System.nanoTime();
    try {
      Path out = Paths.get(args.length > 0 ? args[0] : "target/smoke");
      Files.createDirectories(out);
      int runs = 0;
      for (String className : benchmarkClasses()) {
        runs += smokeClass(Class.forName(className));
      }
      List<String> deliveryLines = smokeDelivery();
      checkNoStrayThreads();
      smokeJmhAndReport(out, deliveryLines);
      System.out.printf(
          "bench smoke OK: %d benchmark method runs, %d delivery bursts, JMH + report, in %.1f s%n",
          runs, deliveryLines.size(), (System.nanoTime() - start) / 1e9);
      System.exit(0);
    } catch (Throwable t) {
      System.err.println("bench smoke FAILED");
      t.printStackTrace();
      System.exit(1);
    }
  }

  /** The classes holding @Benchmark methods, from the list JMH's annotation processor wrote. */
  static Set<String> benchmarkClasses() throws IOException {
    try (InputStream in = Smoke.class.getResourceAsStream(BenchmarkList.BENCHMARK_LIST)) {
      if (in == null) {
        throw new IllegalStateException(
            "No " + BenchmarkList.BENCHMARK_LIST + " on the class path");
      }
      Set<String> classes = new TreeSet<>();
      for (BenchmarkListEntry entry : BenchmarkList.readBenchmarkList(in)) {
        classes.add(entry.getUserClassQName());
      }
      return classes;
    }
  }

  /** Runs every benchmark method of one class for every parameter combination. */
  private static int smokeClass(Class<?> type) throws Exception {
    List<Field> params = new ArrayList<>();
    for (Field f : type.getFields()) {
      if (f.isAnnotationPresent(Param.class)) {
        params.add(f);
      }
    }
    List<Method> benchmarks = annotated(type, Benchmark.class);
    List<Method> setups = annotated(type, Setup.class);
    List<Method> teardowns = annotated(type, TearDown.class);
    int runs = 0;
    for (Map<Field, String> combination : combinations(params)) {
      Object state = type.getConstructor().newInstance();
      for (Map.Entry<Field, String> p : combination.entrySet()) {
        p.getKey().set(state, p.getValue());
      }
      String where = type.getSimpleName() + describe(combination);
      long t0 = System.nanoTime();
      invokeAll(setups, state, where);
      try {
        for (Method m : benchmarks) {
          Object[] arguments = arguments(m, where);
          for (int i = 0; i < INVOCATIONS; i++) {
            invoke(m, state, arguments, where);
          }
          runs++;
        }
      } finally {
        invokeAll(teardowns, state, where);
      }
      checkSink(type, state, combination, where);
      System.out.printf("smoke: %s ok (%.1f s)%n", where, (System.nanoTime() - t0) / 1e9);
    }
    return runs;
  }

  /**
   * A variant that sends must have reached its sink; the floor must not have sent anything. A
   * benchmark without a variant (sentry4j only) that has a sink must have sent something to it.
   */
  private static void checkSink(
      Class<?> type, Object state, Map<Field, String> combination, String where) throws Exception {
    Field sinkField = null;
    for (Field f : type.getFields()) {
      if (f.getType() == LoopbackSink.class) {
        sinkField = f;
      }
    }
    if (sinkField == null) {
      return;
    }
    String variantId =
        combination.entrySet().stream()
            .filter(e -> e.getKey().getName().equals("variant"))
            .map(Map.Entry::getValue)
            .findFirst()
            .orElse(null);
    LoopbackSink sink = (LoopbackSink) sinkField.get(state);
    if (sink.malformed() > 0) {
      throw new AssertionError(
          where + ": the sink could not read " + sink.malformed() + " requests");
    }
    Variant variant = variantId == null ? Variant.SENTRY4J : Variant.of(variantId);
    if (variant.sends() && sink.events() + sink.transactions() == 0) {
      throw new AssertionError(
          where
              + ": no event or transaction reached the sink ("
              + sink.envelopes()
              + " envelopes) — is the config file wired to ${SENTRY_BENCH_DSN}?");
    }
    if (!variant.sends() && sink.envelopes() > 0) {
      throw new AssertionError(where + ": the floor sent " + sink.envelopes() + " envelopes");
    }
  }

  private static List<String> smokeDelivery() throws Exception {
    List<String> lines = new ArrayList<>();
    for (Variant variant : Variant.values()) {
      DeliveryBench.Result r = DeliveryBench.run(variant, DELIVERY_BURST, 300, 10_000);
      String where = "DeliveryBench " + variant.id;
      if (variant.sends() && r.delivered() == 0) {
        throw new AssertionError(where + ": nothing delivered: " + r.line());
      }
      if (!variant.sends() && r.envelopes() > 0) {
        throw new AssertionError(where + ": the floor sent something: " + r.line());
      }
      System.out.println("smoke: " + r.line());
      lines.add(r.line());
    }
    return lines;
  }

  /** After every tear-down, only daemon threads may remain, or a forked JVM would not exit. */
  private static void checkNoStrayThreads() throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
    List<String> stray;
    do {
      stray =
          Thread.getAllStackTraces().keySet().stream()
              .filter(t -> t.isAlive() && !t.isDaemon() && t != Thread.currentThread())
              .filter(t -> !t.getName().equals("DestroyJavaVM"))
              .map(Thread::getName)
              .sorted()
              .collect(Collectors.toList());
      if (stray.isEmpty()) {
        return;
      }
      Thread.sleep(50);
    } while (System.nanoTime() < deadline);
    throw new AssertionError("Non-daemon threads still running after all tear-downs: " + stray);
  }

  private static void smokeJmhAndReport(Path out, List<String> deliveryLines) throws Exception {
    Path json = out.resolve("jmh-smoke.json");
    // a full bench/run.sh on the same machine holds JMH's /tmp lock; this short in-process run does
    // not disturb it, so it does not need the lock
    System.setProperty("jmh.ignoreLock", "true");
    Options options =
        new OptionsBuilder()
            .include(Pattern.quote(LogbackBench.class.getName() + ".ignoredDebug") + "$")
            .param("variant", Variant.NONE.id)
            .forks(0)
            .warmupIterations(0)
            .measurementIterations(1)
            .measurementTime(TimeValue.milliseconds(100))
            .addProfiler(GCProfiler.class)
            .addProfiler(CpuTimeProfiler.class)
            .shouldFailOnError(true)
            .resultFormat(ResultFormatType.JSON)
            .result(json.toString())
            .build();
    if (new Runner(options).run().isEmpty()) {
      throw new AssertionError("JMH ran no benchmark");
    }
    Path delivery = out.resolve("delivery-smoke.txt");
    Files.write(delivery, deliveryLines, StandardCharsets.UTF_8);
    Path report = out.resolve("RESULTS-smoke.md");
    ReportGenerator.main(
        new String[] {
          "--jmh",
          json.toString(),
          "--delivery",
          delivery.toString(),
          "--out",
          report.toString(),
          "--mode",
          "quick"
        });
    String text = Files.readString(report, StandardCharsets.UTF_8);
    for (String expected : List.of("| logback DEBUG ignored |", "| sentry-java | 50 |")) {
      if (!text.contains(expected)) {
        throw new AssertionError("The smoke report lacks '" + expected + "':\n" + text);
      }
    }
  }

  private static List<Method> annotated(
      Class<?> type, Class<? extends java.lang.annotation.Annotation> a) {
    List<Method> methods = new ArrayList<>();
    for (Method m : type.getMethods()) {
      if (m.isAnnotationPresent(a) && !Modifier.isStatic(m.getModifiers())) {
        methods.add(m);
      }
    }
    methods.sort((x, y) -> x.getName().compareTo(y.getName()));
    return methods;
  }

  private static Object[] arguments(Method m, String where) {
    Object[] args = new Object[m.getParameterCount()];
    Class<?>[] types = m.getParameterTypes();
    for (int i = 0; i < types.length; i++) {
      if (types[i] == Blackhole.class) {
        args[i] = new Blackhole(BLACKHOLE_CHALLENGE);
      } else {
        throw new IllegalStateException(
            where
                + "."
                + m.getName()
                + " takes a "
                + types[i].getName()
                + "; the smoke run supports no-argument and Blackhole benchmarks (extend Smoke)");
      }
    }
    return args;
  }

  private static void invokeAll(List<Method> methods, Object state, String where) throws Exception {
    for (Method m : methods) {
      invoke(m, state, new Object[0], where);
    }
  }

  private static void invoke(Method m, Object state, Object[] args, String where) throws Exception {
    try {
      m.invoke(state, args);
    } catch (InvocationTargetException e) {
      throw new IllegalStateException(where + "." + m.getName() + " threw", e.getCause());
    }
  }

  /** Every combination of the @Param values, in declaration order. */
  private static List<Map<Field, String>> combinations(List<Field> params) {
    List<Map<Field, String>> result = new ArrayList<>();
    result.add(new LinkedHashMap<>());
    for (Field f : params) {
      String[] values = f.getAnnotation(Param.class).value();
      if (values.length == 0) {
        throw new IllegalStateException(f + ": the smoke run needs explicit @Param values");
      }
      List<Map<Field, String>> next = new ArrayList<>();
      for (Map<Field, String> partial : result) {
        for (String v : values) {
          Map<Field, String> m = new LinkedHashMap<>(partial);
          m.put(f, v);
          next.add(m);
        }
      }
      result = next;
    }
    return result;
  }

  private static String describe(Map<Field, String> combination) {
    if (combination.isEmpty()) {
      return "";
    }
    return combination.entrySet().stream()
        .map(e -> e.getKey().getName() + "=" + e.getValue())
        .collect(Collectors.joining(",", "[", "]"));
  }

  private static void startWatchdog() {
    Thread watchdog =
        new Thread(
            () -> {
              try {
                Thread.sleep(TimeUnit.SECONDS.toMillis(BUDGET_SECONDS));
              } catch (InterruptedException e) {
                return;
              }
              System.err.println("bench smoke FAILED: over its " + BUDGET_SECONDS + " s budget");
              Thread.getAllStackTraces()
                  .forEach(
                      (t, stack) -> System.err.println(t.getName() + " " + Arrays.toString(stack)));
              Runtime.getRuntime().halt(3);
            },
            "bench-smoke-watchdog");
    watchdog.setDaemon(true);
    watchdog.start();
  }
}
