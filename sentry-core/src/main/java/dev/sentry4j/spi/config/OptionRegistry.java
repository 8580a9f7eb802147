package dev.sentry4j.spi.config;

import dev.sentry4j.options.SentryOptions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.BiConsumer;

/**
 * Every option that can be set from text: its name, environment variable, system property, default
 * and meaning, and how its text is parsed. The README's option table is checked against this list.
 * Thread-safe (immutable).
 */
public final class OptionRegistry {
  private static final Map<String, OptionSpec> BY_KEY = new LinkedHashMap<>();
  private static final List<OptionSpec> ALL = new ArrayList<>();

  static {
    text("dsn", "", "Where to send events; unset or empty disables the SDK.", SentryOptions.Builder::setDsn);
    text("environment", "production", "The environment events belong to.", SentryOptions.Builder::setEnvironment);
    text("release", "", "The release, such as shop@1.4.2.", SentryOptions.Builder::setRelease);
    text("dist", "", "The build variant of the release.", SentryOptions.Builder::setDist);
    text("serverName", "host name", "The server name on events.", SentryOptions.Builder::setServerName);
    bool("debug", "false", "Print the SDK's diagnostics to stderr.", SentryOptions.Builder::setDebug);
    rate("sampleRate", "1.0", "Share of error events sent (0.0 to 1.0).", SentryOptions.Builder::setSampleRate);
    integer("maxBreadcrumbs", "100", "Breadcrumbs kept per scope.", SentryOptions.Builder::setMaxBreadcrumbs);
    bool(
        "attachStacktrace",
        "true",
        "Message events carry the capturing thread's stack.",
        SentryOptions.Builder::setAttachStacktrace);
    bool(
        "sendDefaultPii",
        "false",
        "Let the SDK and integrations collect personal data (user IP, request users, cookies, auth"
            + " and IP headers).",
        SentryOptions.Builder::setSendDefaultPii);
    list("inAppIncludes", "", "Class-name prefixes of your own code.", SentryOptions.Builder::setInAppIncludes);
    list("inAppExcludes", "", "Class-name prefixes of library code.", SentryOptions.Builder::setInAppExcludes);
    spec("tags", "", "Tags on every event, as key=value,key=value.", (b, v) -> b.setTags(map(v)));
    bool(
        "enableDeduplication",
        "true",
        "Send one event per exception instance.",
        SentryOptions.Builder::setEnableDeduplication);
    integer(
        "maxQueueSize",
        "10000",
        "Captured envelopes waiting in memory to be serialized; more are dropped.",
        SentryOptions.Builder::setMaxQueueSize);
    spec(
        "maxQueueBytes",
        "33554432",
        "Serialized bytes held in memory for sending; more go to the disk spool.",
        (b, v) -> b.setMaxQueueBytes(parseLong(v)));
    duration("flushTimeout", "15s", "How long flush() waits.", SentryOptions.Builder::setFlushTimeout);
    duration(
        "shutdownTimeout",
        "2s",
        "How long close() and the shutdown hook wait.",
        SentryOptions.Builder::setShutdownTimeout);
    duration("connectTimeout", "10s", "HTTP connect timeout.", SentryOptions.Builder::setConnectTimeout);
    duration("readTimeout", "30s", "HTTP response timeout.", SentryOptions.Builder::setReadTimeout);
    spec(
        "tracesSampleRate",
        "",
        "Share of transactions sent (0.0 to 1.0); unset: no transactions, traces still propagate.",
        (b, v) -> b.setTracesSampleRate(v.trim().isEmpty() ? null : parseDouble(v)));
    list(
        "tracePropagationTargets",
        ".*",
        "URL substrings or regexes that get trace headers.",
        SentryOptions.Builder::setTracePropagationTargets);
    integer("maxSpans", "1000", "Child spans kept per transaction.", SentryOptions.Builder::setMaxSpans);
    bool(
        "propagateTraceparent",
        "false",
        "Also send the W3C traceparent header.",
        SentryOptions.Builder::setPropagateTraceparent);
    bool(
        "strictTraceContinuation",
        "false",
        "Continue a trace only when both org ids are known and equal.",
        SentryOptions.Builder::setStrictTraceContinuation);
    text("orgId", "from DSN", "The Sentry organization id.", SentryOptions.Builder::setOrgId);
    text(
        "cacheDirPath",
        "temp dir",
        "Disk spool for envelopes not yet sent (a folder per DSN inside).",
        SentryOptions.Builder::setCacheDirPath);
    integer(
        "maxCacheItems",
        "10000",
        "Envelopes kept in the disk spool; 0 turns it off.",
        SentryOptions.Builder::setMaxCacheItems);
    spec(
        "maxCacheBytes",
        "268435456",
        "Bytes kept in the disk spool.",
        (b, v) -> b.setMaxCacheBytes(parseLong(v)));
    bool(
        "sendClientReports",
        "true",
        "Tell Sentry how many items were dropped and why.",
        SentryOptions.Builder::setSendClientReports);
    bool("enableLogs", "false", "Send log lines to Sentry Logs.", SentryOptions.Builder::setEnableLogs);
    integer("logsBatchSize", "100", "Log items per envelope (at most 100).", SentryOptions.Builder::setLogsBatchSize);
    duration(
        "logsFlushInterval",
        "5s",
        "How long log items wait for a full batch.",
        SentryOptions.Builder::setLogsFlushInterval);
    integer("maxLogsInMemory", "1000", "Log items buffered in memory.", SentryOptions.Builder::setMaxLogsInMemory);
    bool(
        "scrubbing",
        "true",
        "Replace values of sensitive keys (password, token, auth, cookie...) by [Filtered].",
        SentryOptions.Builder::setScrubbing);
    list(
        "scrubKeys",
        "",
        "More key names to scrub (whole words; *word* matches anywhere).",
        SentryOptions.Builder::setScrubKeys);
    list(
        "scrubAllowKeys",
        "",
        "Key names never scrubbed (case and separators ignored).",
        SentryOptions.Builder::setScrubAllowKeys);
    bool(
        "scrubMessages",
        "false",
        "Also scrub messages: key=value secrets, URL passwords, bearer tokens, card numbers.",
        SentryOptions.Builder::setScrubMessages);
    spec(
        "spotlight",
        "false",
        "Also send every envelope to Spotlight (true, false, or Spotlight's URL).",
        (b, v) -> {
          String t = v.trim();
          if (t.startsWith("http://") || t.startsWith("https://")) {
            b.setSpotlight(true).setSpotlightUrl(t);
          } else {
            b.setSpotlight(parseBoolean(t));
          }
        });
    text(
        "spotlightUrl",
        "http://localhost:8969/stream",
        "Where Spotlight listens.",
        SentryOptions.Builder::setSpotlightUrl);
  }

  private OptionRegistry() {}

  /** Every option, in documentation order. */
  public static List<OptionSpec> all() {
    return Collections.unmodifiableList(ALL);
  }

  /** The option with this name (camelCase, kebab-case or snake_case), or {@code null}. */
  public static OptionSpec find(String name) {
    return name == null ? null : BY_KEY.get(normalize(name));
  }

  /**
   * Sets option {@code name} on {@code builder} from text.
   *
   * @throws IllegalArgumentException naming the option and the bad value
   */
  public static void apply(SentryOptions.Builder builder, String name, String value) {
    OptionSpec spec = find(name);
    if (spec == null) {
      throw new IllegalArgumentException("Unknown Sentry option '" + name + "'");
    }
    spec.apply(builder, value, "option " + spec.name());
  }

  static String normalize(String name) {
    return name.replace("-", "").replace("_", "").replace(".", "").toLowerCase(Locale.ROOT);
  }

  private static void spec(
      String name, String def, String doc, BiConsumer<SentryOptions.Builder, String> parser) {
    OptionSpec spec = new OptionSpec(name, def, doc, parser);
    ALL.add(spec);
    BY_KEY.put(normalize(name), spec);
  }

  private static void text(
      String name, String def, String doc, BiConsumer<SentryOptions.Builder, String> setter) {
    spec(name, def, doc, (b, v) -> setter.accept(b, v.trim()));
  }

  private static void bool(
      String name, String def, String doc, BiConsumer<SentryOptions.Builder, Boolean> setter) {
    spec(name, def, doc, (b, v) -> setter.accept(b, parseBoolean(v)));
  }

  private static void rate(
      String name, String def, String doc, BiConsumer<SentryOptions.Builder, Double> setter) {
    spec(name, def, doc, (b, v) -> setter.accept(b, parseDouble(v)));
  }

  private static void integer(
      String name, String def, String doc, BiConsumer<SentryOptions.Builder, Integer> setter) {
    spec(name, def, doc, (b, v) -> setter.accept(b, (int) parseLong(v)));
  }

  private static void duration(
      String name, String def, String doc, BiConsumer<SentryOptions.Builder, Duration> setter) {
    spec(name, def, doc, (b, v) -> setter.accept(b, parseDuration(v)));
  }

  private static void list(
      String name, String def, String doc, BiConsumer<SentryOptions.Builder, List<String>> setter) {
    spec(name, def, doc, (b, v) -> setter.accept(b, parseList(v)));
  }

  /** Parses {@code true/false/yes/no/on/off/1/0}, case-insensitively. */
  public static boolean parseBoolean(String v) {
    switch (v.trim().toLowerCase(Locale.ROOT)) {
      case "true":
      case "t":
      case "yes":
      case "y":
      case "on":
      case "1":
        return true;
      case "false":
      case "f":
      case "no":
      case "n":
      case "off":
      case "0":
        return false;
      default:
        throw new IllegalArgumentException("'" + v + "' is not a boolean (expected true or false)");
    }
  }

  static double parseDouble(String v) {
    try {
      return Double.parseDouble(v.trim());
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("'" + v + "' is not a number", e);
    }
  }

  static long parseLong(String v) {
    try {
      return Long.parseLong(v.trim().replace("_", ""));
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("'" + v + "' is not a whole number", e);
    }
  }

  /** Parses {@code 15s}, {@code 500ms}, {@code 2m}, an ISO-8601 {@code PT15S}, or milliseconds. */
  public static Duration parseDuration(String v) {
    String t = v.trim().toLowerCase(Locale.ROOT);
    try {
      if (t.startsWith("pt")) {
        return Duration.parse(t.toUpperCase(Locale.ROOT));
      }
      if (t.endsWith("ms")) {
        return Duration.ofMillis(Long.parseLong(t.substring(0, t.length() - 2).trim()));
      }
      if (t.endsWith("s")) {
        return Duration.ofMillis(
            Math.round(Double.parseDouble(t.substring(0, t.length() - 1).trim()) * 1000));
      }
      if (t.endsWith("m")) {
        return Duration.ofSeconds(Long.parseLong(t.substring(0, t.length() - 1).trim()) * 60);
      }
      return Duration.ofMillis(Long.parseLong(t));
    } catch (RuntimeException e) {
      throw new IllegalArgumentException(
          "'" + v + "' is not a duration (expected 15s, 500ms, 2m or milliseconds)", e);
    }
  }

  /** Parses a comma-separated list, trimming blanks and dropping empty entries. */
  public static List<String> parseList(String v) {
    List<String> out = new ArrayList<>();
    for (String part : Arrays.asList(v.split(","))) {
      String p = part.trim();
      if (!p.isEmpty()) {
        out.add(p);
      }
    }
    return out;
  }

  static Map<String, String> map(String v) {
    Map<String, String> out = new LinkedHashMap<>();
    for (String entry : parseList(v)) {
      int eq = entry.indexOf('=');
      if (eq <= 0) {
        throw new IllegalArgumentException("'" + entry + "' is not key=value");
      }
      out.put(entry.substring(0, eq).trim(), entry.substring(eq + 1).trim());
    }
    return out;
  }
}
