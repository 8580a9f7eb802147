package dev.sentry4j.examples;

import dev.sentry4j.Sentry;
import dev.sentry4j.testing.SentryReceiver;
import java.io.PrintStream;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Plays the demos. With no {@code SENTRY_DSN} it starts a local receiver on loopback, points the
 * SDK at it and prints what Sentry would have received; with {@code SENTRY_DSN} set it sends there.
 *
 * <pre>
 * java dev.sentry4j.examples.Demo [all | core,shop,...] [--spotlight]
 * </pre>
 *
 * <p>{@code --spotlight} (or {@code SENTRY_SPOTLIGHT=true}) also sends every envelope to a running
 * Spotlight at {@code http://localhost:8969/stream}.
 */
public final class Demo {
  private Demo() {}

  /** The demos by name, in the order {@code all} plays them. */
  static Map<String, Scenario> scenarios() {
    Map<String, Scenario> all = new LinkedHashMap<>();
    all.put("core", new CoreApiDemo());
    all.put("logback", new LogbackDemo());
    all.put("log4j2", new Log4j2Demo());
    all.put("jul", new JulDemo());
    all.put("mdc", new MdcDemo());
    all.put("shop", new ShopDemo());
    return all;
  }

  /**
   * Entry point; the arguments may also come as one string ({@code -Ddemo.args="shop
   * --spotlight"}).
   */
  public static void main(String[] args) throws Exception {
    String which = "all";
    boolean spotlight = false;
    for (String arg : String.join(" ", args).trim().split("\\s+")) {
      if (arg.equals("--spotlight")) {
        spotlight = true;
      } else if (!arg.isEmpty()) {
        which = arg;
      }
    }
    int failures = run(which, System.getenv("SENTRY_DSN"), spotlight, System.out);
    // Exit explicitly: a demo that left a non-daemon thread behind must not hang the build.
    System.exit(failures == 0 ? 0 : 1);
  }

  /**
   * Plays the chosen demos against {@code dsn}, or a local receiver when it is blank.
   *
   * @return how many demos failed
   */
  static int run(String which, String dsn, boolean spotlight, PrintStream out) throws Exception {
    Map<String, Scenario> all = scenarios();
    List<String> names =
        which.equals("all") ? List.copyOf(all.keySet()) : List.of(which.split(","));
    for (String name : names) {
      if (!all.containsKey(name)) {
        out.println(
            "Unknown demo '" + name + "'. Choose from: all, " + String.join(", ", all.keySet()));
        return 1;
      }
    }
    Map<String, String> properties = new HashMap<>();
    if (spotlight) {
      properties.put("sentry.spotlight", "true");
    }
    SentryReceiver receiver = null;
    if (dsn == null || dsn.isBlank()) {
      receiver = SentryReceiver.start();
      out.println("No SENTRY_DSN set: sending to a local receiver on " + receiver.endpoint());
    } else {
      out.println("Sending to the Sentry at SENTRY_DSN");
    }
    if (spotlight || Boolean.parseBoolean(System.getenv("SENTRY_SPOTLIGHT"))) {
      out.println(
          "Also sending to Spotlight (http://localhost:8969/stream unless SENTRY_SPOTLIGHT_URL says otherwise)");
    }
    int failures = 0;
    try {
      for (String name : names) {
        if (!play(name, receiver, properties, out)) {
          failures++;
        }
      }
    } finally {
      if (receiver != null) {
        receiver.close();
      }
    }
    return failures;
  }

  /**
   * Plays one demo: against {@code receiver} when there is one (then prints what it received), else
   * against {@code SENTRY_DSN}.
   *
   * @param properties system properties to set while it runs (restored afterwards)
   * @return whether it ran without throwing
   */
  static boolean play(
      String name, SentryReceiver receiver, Map<String, String> properties, PrintStream out) {
    Scenario scenario = scenarios().get(name);
    out.println();
    out.println("=== " + name + ": " + scenario.title() + " ===");
    Map<String, String> set = new HashMap<>(properties);
    if (receiver != null) {
      receiver.clear();
      // What SENTRY_DSN would do: every way in reads sentry.dsn when its configuration names no
      // DSN.
      set.put("sentry.dsn", receiver.dsn());
    }
    // A cold JVM on a busy machine can need more than the default 2 s to send its first envelope.
    if (System.getenv("SENTRY_SHUTDOWN_TIMEOUT") == null
        && System.getProperty("sentry.shutdown-timeout") == null
        && System.getProperty("sentry.shutdownTimeout") == null) {
      set.put("sentry.shutdown-timeout", "10s");
    }
    Map<String, String> previous = setProperties(set);
    List<String> console;
    try (ConsoleCapture capture = new ConsoleCapture(out)) {
      try {
        scenario.run();
        // the demos stop their logging framework, whose Sentry appender hands what it captured to
        // the SDK's threads and returns at once: wait for that before printing what arrived
        Sentry.awaitBackgroundClose(Duration.ofSeconds(20));
      } catch (Exception e) {
        out.println("demo '" + name + "' failed: " + e);
        e.printStackTrace(out);
        return false;
      }
      console = capture.lines();
    } finally {
      setProperties(previous);
    }
    if (receiver != null) {
      new ReceivedPrinter(out).print(receiver, console);
    }
    return true;
  }

  /** Sets the properties (a {@code null} value clears one) and returns the values they replaced. */
  private static Map<String, String> setProperties(Map<String, String> properties) {
    Map<String, String> previous = new HashMap<>();
    for (Map.Entry<String, String> p : properties.entrySet()) {
      previous.put(p.getKey(), System.getProperty(p.getKey()));
      if (p.getValue() == null) {
        System.clearProperty(p.getKey());
      } else {
        System.setProperty(p.getKey(), p.getValue());
      }
    }
    return previous;
  }
}
