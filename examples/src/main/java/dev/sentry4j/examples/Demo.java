package dev.sentry4j.examples;

import dev.sentry4j.testing.SentryReceiver;
import java.io.PrintStream;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Runs the demos. With no {@code SENTRY_DSN} it starts a local receiver on loopback, points the SDK at
 * it and prints what Sentry would have received; with {@code SENTRY_DSN} set it sends there.
 *
 * <pre>
 * java dev.sentry4j.examples.Demo [all | core | ...]
 * </pre>
 */
public final class Demo {
  private Demo() {}

  /** The demos by name, in the order {@code all} plays them. */
  static Map<String, Scenario> scenarios() {
    Map<String, Scenario> all = new LinkedHashMap<>();
    all.put("core", new CoreApiDemo());
    all.put("log4j2", new Log4j2Demo());
    all.put("logback", new LogbackDemo());
    return all;
  }

  /** Entry point. */
  public static void main(String[] args) throws Exception {
    String which = args.length == 0 || args[0].isBlank() ? "all" : args[0];
    int failures = run(which, System.getenv("SENTRY_DSN"), System.out);
    System.exit(failures == 0 ? 0 : 1);
  }

  /**
   * Plays the chosen demos against {@code dsn}, or a local receiver when it is blank.
   *
   * @return how many demos failed
   */
  static int run(String which, String dsn, PrintStream out) throws Exception {
    Map<String, Scenario> all = scenarios();
    List<String> names = which.equals("all") ? List.copyOf(all.keySet()) : List.of(which.split(","));
    for (String name : names) {
      if (!all.containsKey(name)) {
        out.println("Unknown demo '" + name + "'. Choose from: all, " + String.join(", ", all.keySet()));
        return 1;
      }
    }
    SentryReceiver receiver = null;
    if (dsn == null || dsn.isBlank()) {
      receiver = SentryReceiver.start();
      dsn = receiver.dsn();
      out.println("No SENTRY_DSN set: sending to a local receiver on " + receiver.endpoint());
    } else {
      out.println("Sending to the Sentry at SENTRY_DSN");
    }
    int failures = 0;
    try {
      for (String name : names) {
        Scenario scenario = all.get(name);
        out.println();
        out.println("=== " + name + ": " + scenario.title() + " ===");
        if (receiver != null) {
          receiver.clear();
        }
        try {
          scenario.run(dsn, out);
        } catch (Exception e) {
          failures++;
          out.println("demo '" + name + "' failed: " + e);
          e.printStackTrace(out);
          continue;
        }
        if (receiver != null) {
          new ReceivedPrinter(out).print(receiver);
        }
      }
    } finally {
      if (receiver != null) {
        receiver.close();
      }
    }
    return failures;
  }
}
