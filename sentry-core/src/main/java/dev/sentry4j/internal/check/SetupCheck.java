package dev.sentry4j.internal.check;

import dev.sentry4j.internal.Ids;
import dev.sentry4j.internal.SdkInfo;
import dev.sentry4j.internal.transport.JdkHttpSender;
import dev.sentry4j.options.Dsn;
import dev.sentry4j.options.SentryOptions;
import java.io.PrintStream;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.function.Supplier;

/**
 * {@code java -jar sentry-core-<version>-check.jar [--dsn DSN] [--spotlight[=URL]]}: reads the
 * options as the SDK does ({@code sentry.properties}, {@code SENTRY_*}, {@code -Dsentry.*}, then
 * the arguments), sends one test event to the DSN's project and, with {@code spotlight} on, to
 * Spotlight, and prints what happened. Never prints the DSN's keys.
 *
 * <p>Exit status: 0 when every test event was accepted, 1 when one was not (refused, rate-limited,
 * unreachable), 2 when there is nothing to check (no DSN and no Spotlight, a bad option, a bad
 * argument).
 */
public final class SetupCheck {
  /** Every test event was accepted. */
  public static final int SENT = 0;

  /** A test event was not accepted. */
  public static final int NOT_SENT = 1;

  /** Nothing could be checked: no DSN, a bad option or argument. */
  public static final int NOTHING_TO_CHECK = 2;

  private static final String USAGE =
      "usage: java -jar sentry-core-<version>-check.jar [--dsn DSN] [--spotlight[=URL]]\n"
          + "  The DSN may also come from SENTRY_DSN, -Dsentry.dsn or sentry.properties.";

  private SetupCheck() {}

  /**
   * Runs the check on this process's environment, system properties and class path.
   *
   * @param args {@code --dsn DSN}, {@code --spotlight[=URL]}, {@code --help}
   */
  public static void main(String[] args) {
    System.exit(run(List.of(args), SentryOptions::fromEnvironment, System.out));
  }

  /**
   * Runs the check.
   *
   * @param args the command's arguments
   * @param base the options before the arguments apply (may throw on a bad value)
   * @param out where the report goes
   * @return the exit status
   */
  public static int run(List<String> args, Supplier<SentryOptions.Builder> base, PrintStream out) {
    Redactor redactor = new Redactor();
    out.println("sentry4j " + SdkInfo.VERSION + " setup check (Java " + Runtime.version() + ")");
    String dsnArgument = null;
    String spotlightArgument = null;
    for (int i = 0; i < args.size(); i++) {
      String arg = args.get(i);
      if (arg.equals("--dsn") && i + 1 < args.size()) {
        dsnArgument = args.get(++i);
      } else if (arg.startsWith("--dsn=")) {
        dsnArgument = arg.substring("--dsn=".length());
      } else if (arg.equals("--spotlight")) {
        spotlightArgument = "true";
      } else if (arg.startsWith("--spotlight=")) {
        spotlightArgument = arg.substring("--spotlight=".length());
      } else if (arg.equals("--help") || arg.equals("-h")) {
        out.println(USAGE);
        return NOTHING_TO_CHECK;
      } else {
        // an option name is shown; anything else might be a DSN or a key
        out.println(
            arg.startsWith("-") && !arg.contains("@")
                ? "Unknown argument '" + arg + "'."
                : "Unknown argument (not shown: it may hold a key); DSNs go after --dsn.");
        out.println(USAGE);
        return NOTHING_TO_CHECK;
      }
    }
    redactor.addDsnText(dsnArgument);
    redactor.addDsnText(System.getenv("SENTRY_DSN"));
    redactor.addDsnText(System.getProperty("sentry.dsn"));

    SentryOptions options;
    try {
      SentryOptions.Builder builder = base.get();
      if (dsnArgument != null) {
        builder.setDsn(dsnArgument);
      }
      if (spotlightArgument != null) {
        builder.setOption("spotlight", spotlightArgument);
      }
      options = builder.build();
    } catch (IllegalArgumentException e) {
      out.println("CONFIGURATION: " + redactor.clean(e.getMessage()));
      out.println("  The SDK would not start with this setting either: fix the value named above.");
      return NOTHING_TO_CHECK;
    }
    Dsn dsn = options.getDsn();
    if (dsn == null && !options.isSpotlight()) {
      out.println(
          "NO DSN: nothing to check. Pass --dsn, or set SENTRY_DSN, -Dsentry.dsn or dsn= in"
              + " sentry.properties; without a DSN the SDK is off.");
      return NOTHING_TO_CHECK;
    }

    String eventId = Ids.newId32();
    byte[] envelope =
        TestEnvelope.build(eventId, options.getEnvironment(), options.getRelease(), Instant.now());
    Duration connect = options.getConnectTimeout();
    Duration read = options.getReadTimeout();
    boolean allSent = true;
    if (dsn != null) {
      redactor.add(dsn);
      URI endpoint = dsn.getEnvelopeUri();
      out.println(
          "DSN        "
              + Redactor.mask(dsn)
              + "  (project "
              + dsn.getProjectId()
              + (dsn.getOrgId() == null ? "" : ", organization " + dsn.getOrgId())
              + ")");
      out.println("Sending    one test event (id " + eventId + ") to " + endpoint);
      Attempt attempt =
          Attempt.post(endpoint, JdkHttpSender.authHeader(dsn), true, envelope, connect, read);
      Verdict verdict = Verdict.ofSentry(attempt, eventId, dsn.getProjectId(), redactor);
      verdict.lines().forEach(out::println);
      allSent = attempt.accepted();
    } else {
      out.println("DSN        none: only Spotlight is checked (the SDK sends nothing to Sentry).");
    }
    if (options.isSpotlight()) {
      URI spotlight;
      try {
        spotlight = URI.create(options.getSpotlightUrl());
      } catch (IllegalArgumentException e) {
        out.println(
            "CONFIGURATION: spotlightUrl '" + options.getSpotlightUrl() + "' is not a URL.");
        return NOTHING_TO_CHECK;
      }
      out.println("Sending    the same event to Spotlight at " + spotlight);
      Attempt attempt = Attempt.post(spotlight, null, false, envelope, connect, read);
      Verdict.ofSpotlight(attempt, redactor).lines().forEach(out::println);
      allSent &= attempt.accepted();
    }
    return allSent ? SENT : NOT_SENT;
  }
}
