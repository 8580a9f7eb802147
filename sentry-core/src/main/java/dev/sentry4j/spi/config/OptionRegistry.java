package dev.sentry4j.spi.config;

import dev.sentry4j.spi.config.OptionSpec.Type;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * Every setting that can be written as text, declared once: the SDK options (name, type, typed
 * default, meaning, rule; their environment variable and system property follow from the name), the
 * settings shared by the logging integrations ({@code mdc.*}), the spellings of sentry-java that
 * mean the same thing, and the sentry-java options that have no equivalent here. The {@code
 * SentryOptions} builder, the README's option tables, every adapter's configuration and the {@link
 * OptionSources settings reader} read this class. Thread-safe (immutable).
 */
public final class OptionRegistry {
  private static final Map<String, OptionSpec<?>> BY_KEY = new LinkedHashMap<>();
  private static final List<OptionSpec<?>> ALL = new ArrayList<>();
  private static final List<OptionSpec<?>> INTEGRATION = new ArrayList<>();
  private static final Map<String, String> ALIASES = new LinkedHashMap<>();

  // ---------------------------------------------------------------- SDK options, in table order

  /** {@code dsn}: where to send; unset or empty disables the SDK. */
  public static final OptionSpec<String> DSN =
      option(
          "dsn",
          Type.TEXT,
          null,
          null,
          "Where to send events; unset or empty disables the SDK.",
          null);

  /** {@code enabled}: {@code false} keeps the SDK off whatever the DSN (sentry-java's option). */
  public static final OptionSpec<Boolean> ENABLED =
      option(
          "enabled",
          Type.BOOLEAN,
          true,
          null,
          "Set to false to keep the SDK off whatever the DSN.",
          null);

  /** {@code environment}. */
  public static final OptionSpec<String> ENVIRONMENT =
      option(
          "environment", Type.TEXT, "production", null, "The environment events belong to.", null);

  /** {@code release}. */
  public static final OptionSpec<String> RELEASE =
      option("release", Type.TEXT, null, null, "The release, such as shop@1.4.2.", null);

  /** {@code dist}. */
  public static final OptionSpec<String> DIST =
      option("dist", Type.TEXT, null, null, "The build variant of the release.", null);

  /** {@code serverName}. */
  public static final OptionSpec<String> SERVER_NAME =
      option("serverName", Type.TEXT, null, "host name", "The server name on events.", null);

  /** {@code debug}. */
  public static final OptionSpec<Boolean> DEBUG =
      option("debug", Type.BOOLEAN, false, null, "Print the SDK's diagnostics to stderr.", null);

  /** {@code sampleRate}. */
  public static final OptionSpec<Double> SAMPLE_RATE =
      option(
          "sampleRate",
          Type.DOUBLE,
          1.0,
          null,
          "Share of error events sent (0.0 to 1.0).",
          OptionRegistry::rate);

  /** {@code maxBreadcrumbs}. */
  public static final OptionSpec<Integer> MAX_BREADCRUMBS =
      option(
          "maxBreadcrumbs",
          Type.INT,
          100,
          null,
          "Breadcrumbs kept per scope.",
          OptionRegistry::nonNegative);

  /** {@code attachStacktrace}. */
  public static final OptionSpec<Boolean> ATTACH_STACKTRACE =
      option(
          "attachStacktrace",
          Type.BOOLEAN,
          true,
          null,
          "Message events carry the capturing thread's stack.",
          null);

  /** {@code enableUncaughtExceptionHandler}. */
  public static final OptionSpec<Boolean> ENABLE_UNCAUGHT_EXCEPTION_HANDLER =
      option(
          "enableUncaughtExceptionHandler",
          Type.BOOLEAN,
          true,
          null,
          "Report exceptions that end a thread, then pass them to the previous handler.",
          null);

  /** {@code sendDefaultPii}. */
  public static final OptionSpec<Boolean> SEND_DEFAULT_PII =
      option(
          "sendDefaultPii",
          Type.BOOLEAN,
          false,
          null,
          "Let the SDK and integrations collect personal data (user IP, request users, cookies, auth"
              + " and IP headers).",
          null);

  /** {@code inAppIncludes}. */
  public static final OptionSpec<List<String>> IN_APP_INCLUDES =
      option(
          "inAppIncludes",
          Type.LIST,
          List.of(),
          null,
          "Class-name prefixes of your own code.",
          null);

  /** {@code inAppExcludes}. */
  public static final OptionSpec<List<String>> IN_APP_EXCLUDES =
      option(
          "inAppExcludes",
          Type.LIST,
          List.of(),
          null,
          "Class-name prefixes of library code.",
          null);

  /** {@code tags}. */
  public static final OptionSpec<Map<String, String>> TAGS =
      option(
          "tags", Type.MAP, Map.of(), null, "Tags on every event, as key=value,key=value.", null);

  /** {@code enableDeduplication}. */
  public static final OptionSpec<Boolean> ENABLE_DEDUPLICATION =
      option(
          "enableDeduplication",
          Type.BOOLEAN,
          true,
          null,
          "Send one event per exception instance.",
          null);

  /** {@code maxInFlight}. */
  public static final OptionSpec<Integer> MAX_IN_FLIGHT =
      option(
          "maxInFlight",
          Type.INT,
          64,
          null,
          "Envelopes sent at once (HTTP/2 streams, else HTTP/1.1 connections).",
          OptionRegistry::positive);

  /** {@code maxQueueSize}. */
  public static final OptionSpec<Integer> MAX_QUEUE_SIZE =
      option(
          "maxQueueSize",
          Type.INT,
          256,
          "1 per 64 KiB of heap, 100 to 256",
          "Captured envelopes waiting in memory to be serialized; more are serialized on the"
              + " capturing thread.",
          OptionRegistry::positive);

  /** {@code maxQueueBytes}. */
  public static final OptionSpec<Long> MAX_QUEUE_BYTES =
      option(
          "maxQueueBytes",
          Type.SIZE,
          32L * 1024 * 1024,
          "1/16 of the heap, 1 MiB to 32 MiB",
          "Serialized bytes held in memory for sending; more go to the disk spool.",
          OptionRegistry::positive);

  /** {@code flushTimeout}. */
  public static final OptionSpec<Duration> FLUSH_TIMEOUT =
      option(
          "flushTimeout",
          Type.DURATION,
          Duration.ofSeconds(15),
          null,
          "How long flush() waits.",
          OptionRegistry::notNegative);

  /** {@code shutdownTimeout}. */
  public static final OptionSpec<Duration> SHUTDOWN_TIMEOUT =
      option(
          "shutdownTimeout",
          Type.DURATION,
          Duration.ofSeconds(2),
          null,
          "How long close() and the shutdown hook wait.",
          OptionRegistry::notNegative);

  /** {@code connectTimeout}. */
  public static final OptionSpec<Duration> CONNECT_TIMEOUT =
      option(
          "connectTimeout",
          Type.DURATION,
          Duration.ofSeconds(10),
          null,
          "HTTP connect timeout.",
          OptionRegistry::notNegative);

  /** {@code readTimeout}. */
  public static final OptionSpec<Duration> READ_TIMEOUT =
      option(
          "readTimeout",
          Type.DURATION,
          Duration.ofSeconds(30),
          null,
          "HTTP response timeout.",
          OptionRegistry::notNegative);

  /** {@code tracesSampleRate}. */
  public static final OptionSpec<Double> TRACES_SAMPLE_RATE =
      option(
          "tracesSampleRate",
          Type.DOUBLE,
          null,
          null,
          "Share of transactions sent (0.0 to 1.0); unset: no transactions, traces still propagate.",
          OptionRegistry::rate);

  /** {@code tracePropagationTargets}. */
  public static final OptionSpec<List<String>> TRACE_PROPAGATION_TARGETS =
      option(
          "tracePropagationTargets",
          Type.LIST,
          List.of(".*"),
          null,
          "URL substrings or regexes that get trace headers.",
          null);

  /** {@code maxSpans}. */
  public static final OptionSpec<Integer> MAX_SPANS =
      option(
          "maxSpans",
          Type.INT,
          1000,
          null,
          "Child spans kept per transaction.",
          OptionRegistry::positive);

  /** {@code propagateTraceparent}. */
  public static final OptionSpec<Boolean> PROPAGATE_TRACEPARENT =
      option(
          "propagateTraceparent",
          Type.BOOLEAN,
          false,
          null,
          "Also send the W3C traceparent header.",
          null);

  /** {@code strictTraceContinuation}. */
  public static final OptionSpec<Boolean> STRICT_TRACE_CONTINUATION =
      option(
          "strictTraceContinuation",
          Type.BOOLEAN,
          false,
          null,
          "Continue a trace only when both org ids are known and equal.",
          null);

  /** {@code orgId}. */
  public static final OptionSpec<String> ORG_ID =
      option("orgId", Type.TEXT, null, "from DSN", "The Sentry organization id.", null);

  /** {@code cacheDirPath}. */
  public static final OptionSpec<String> CACHE_DIR_PATH =
      option(
          "cacheDirPath",
          Type.TEXT,
          null,
          "temp dir",
          "Disk spool for envelopes not yet sent (a folder per DSN inside).",
          null);

  /** {@code maxCacheItems}. */
  public static final OptionSpec<Integer> MAX_CACHE_ITEMS =
      option(
          "maxCacheItems",
          Type.INT,
          10_000,
          null,
          "Envelopes kept in the disk spool; 0 turns it off.",
          OptionRegistry::nonNegative);

  /** {@code maxCacheBytes}. */
  public static final OptionSpec<Long> MAX_CACHE_BYTES =
      option(
          "maxCacheBytes",
          Type.SIZE,
          256L * 1024 * 1024,
          null,
          "Bytes kept in the disk spool.",
          OptionRegistry::positive);

  /** {@code sendClientReports}. */
  public static final OptionSpec<Boolean> SEND_CLIENT_REPORTS =
      option(
          "sendClientReports",
          Type.BOOLEAN,
          true,
          null,
          "Tell Sentry how many items were dropped and why.",
          null);

  /** {@code enableLogs}. */
  public static final OptionSpec<Boolean> ENABLE_LOGS =
      option("enableLogs", Type.BOOLEAN, false, null, "Send log lines to Sentry Logs.", null);

  /** {@code logsBatchSize}. */
  public static final OptionSpec<Integer> LOGS_BATCH_SIZE =
      option(
          "logsBatchSize",
          Type.INT,
          100,
          null,
          "Log items per envelope (at most 100).",
          v -> v <= 0 ? "must be positive" : v > 100 ? "at most 100" : null);

  /** {@code logsFlushInterval}. */
  public static final OptionSpec<Duration> LOGS_FLUSH_INTERVAL =
      option(
          "logsFlushInterval",
          Type.DURATION,
          Duration.ofSeconds(5),
          null,
          "How long log items wait for a full batch.",
          OptionRegistry::notNegative);

  /** {@code maxLogsInMemory}. */
  public static final OptionSpec<Integer> MAX_LOGS_IN_MEMORY =
      option(
          "maxLogsInMemory",
          Type.INT,
          1000,
          null,
          "Log items buffered in memory.",
          OptionRegistry::positive);

  /** {@code scrubbing}. */
  public static final OptionSpec<Boolean> SCRUBBING =
      option(
          "scrubbing",
          Type.BOOLEAN,
          true,
          null,
          "Replace values of sensitive keys (password, token, auth, cookie...) by [Filtered].",
          null);

  /** {@code scrubKeys}. */
  public static final OptionSpec<List<String>> SCRUB_KEYS =
      option(
          "scrubKeys",
          Type.LIST,
          List.of(),
          null,
          "More key names to scrub (whole words; *word* matches anywhere).",
          null);

  /** {@code scrubAllowKeys}. */
  public static final OptionSpec<List<String>> SCRUB_ALLOW_KEYS =
      option(
          "scrubAllowKeys",
          Type.LIST,
          List.of(),
          null,
          "Key names never scrubbed (case and separators ignored).",
          null);

  /** {@code scrubMessages}. */
  public static final OptionSpec<Boolean> SCRUB_MESSAGES =
      option(
          "scrubMessages",
          Type.BOOLEAN,
          false,
          null,
          "Also scrub messages: key=value secrets, URL passwords, bearer tokens, card numbers.",
          null);

  /** {@code spotlight}. */
  public static final OptionSpec<Boolean> SPOTLIGHT =
      option(
          "spotlight",
          Type.BOOLEAN,
          false,
          null,
          "Also send every envelope to Spotlight (true, false, or Spotlight's URL).",
          null);

  /** {@code spotlightUrl}. */
  public static final OptionSpec<String> SPOTLIGHT_URL =
      option(
          "spotlightUrl",
          Type.TEXT,
          "http://localhost:8969/stream",
          null,
          "Where Spotlight listens.",
          null);

  // ---------------------------------------------------------------- integration settings

  /**
   * {@code mdc.traceIdKey}: the MDC / ThreadContext key holding the active trace id, written by
   * sentry-slf4j-mdc and sentry-log4j2, read by the appenders; empty: not written.
   */
  public static final OptionSpec<String> MDC_TRACE_ID_KEY =
      integration("mdc.traceIdKey", "trace_id", "MDC key of the trace id; empty: not written.");

  /** {@code mdc.spanIdKey}: the MDC key holding the active span id; empty: not written. */
  public static final OptionSpec<String> MDC_SPAN_ID_KEY =
      integration("mdc.spanIdKey", "span_id", "MDC key of the span id; empty: not written.");

  /** {@code mdc.traceSampledKey}: the MDC key holding true/false; empty: not written. */
  public static final OptionSpec<String> MDC_TRACE_SAMPLED_KEY =
      integration(
          "mdc.traceSampledKey",
          "trace_sampled",
          "MDC key of the sampling decision; empty: not written.");

  /** {@code mdc.enabled}: {@code false} turns sentry-slf4j-mdc off. */
  public static final OptionSpec<Boolean> MDC_ENABLED =
      register(
          INTEGRATION,
          new OptionSpec<>(
              "mdc.enabled",
              Type.BOOLEAN,
              true,
              null,
              "false: sentry-slf4j-mdc does nothing.",
              null));

  /**
   * {@code mdc.propagationIds}: outside spans, the keys hold the propagation context's ids (off by
   * default: with no span current the keys are absent).
   */
  public static final OptionSpec<Boolean> MDC_PROPAGATION_IDS =
      register(
          INTEGRATION,
          new OptionSpec<>(
              "mdc.propagationIds",
              Type.BOOLEAN,
              false,
              null,
              "true: outside spans, the MDC keys hold the propagation context's ids (the trace id"
                  + " errors captured there carry; it changes only with a new scope or incoming"
                  + " trace). false (default): the keys are there only while a span is current.",
              null));

  /** {@code mdc.tags}: MDC keys copied as tags into events by sentry-slf4j-mdc. */
  public static final OptionSpec<List<String>> MDC_TAGS =
      register(
          INTEGRATION,
          new OptionSpec<>(
              "mdc.tags",
              Type.LIST,
              List.of(),
              null,
              "MDC keys copied as tags into events.",
              null));

  /** sentry-java option names with no equivalent here: accepted with a warning, then ignored. */
  private static final Set<String> SENTRY_JAVA_ONLY = new LinkedHashSet<>();

  static {
    // sentry-java's spellings of options sentry4j has (sentry.properties, logback.xml <options>)
    alias("servername", SERVER_NAME);
    alias("logs.enabled", ENABLE_LOGS);
    alias("enableSpotlight", SPOTLIGHT);
    alias("spotlightConnectionUrl", SPOTLIGHT_URL);
    alias("tracingOrigins", TRACE_PROPAGATION_TARGETS);
    alias("flushTimeoutMillis", FLUSH_TIMEOUT);
    alias("shutdownTimeoutMillis", SHUTDOWN_TIMEOUT);
    alias("connectionTimeoutMillis", CONNECT_TIMEOUT);
    alias("readTimeoutMillis", READ_TIMEOUT);
    alias("maxCacheSize", MAX_CACHE_ITEMS);
    alias("cacheDirSize", MAX_CACHE_ITEMS);
    // earlier names of the MDC keys
    alias("log4j2.traceIdKey", MDC_TRACE_ID_KEY);
    alias("log4j2.spanIdKey", MDC_SPAN_ID_KEY);
    Collections.addAll(
        SENTRY_JAVA_ONLY,
        "attachServerName",
        "attachThreads",
        "beforeSend",
        "bundleId",
        "bundleIds",
        "captureOpenTelemetryEvents",
        "cron",
        "deadlineTimeout",
        "defaultScopeType",
        "diagnosticLevel",
        "distinctId",
        "distribution",
        "enableAppStartProfiling",
        "enableAutoSessionTracking",
        "enableBackpressureHandling",
        "enableDatabaseTransactionTracing",
        "enableEventSizeLimiting",
        "enableExternalConfiguration",
        "enablePrettySerializationOutput",
        "enableScopePersistence",
        "enableScreenTracking",
        "enableShutdownHook",
        "enableTimeToFullDisplayTracing",
        "enableTracing",
        "enableUserInteractionBreadcrumbs",
        "enableUserInteractionTracing",
        "feedbackOptions",
        "forceInit",
        "globalHubMode",
        "idleTimeout",
        "ignoredCheckIn",
        "ignoredCheckins",
        "ignoredError",
        "ignoredErrors",
        "ignoredExceptionsForType",
        "ignoredSpanOrigin",
        "ignoredTransaction",
        "ignoredTransactions",
        "initPriority",
        "instrumenter",
        "loggerBatchProcessorFactory",
        "maxAttachmentSize",
        "maxDepth",
        "maxFeatureFlags",
        "maxRequestBodySize",
        "maxTraceFileSize",
        "metrics",
        "openTelemetryMode",
        "printUncaughtStackTrace",
        "printUncaughtStacktrace",
        "profileLifecycle",
        "profileSessionSampleRate",
        "profilesSampleRate",
        "profilingTracesDirPath",
        "profilingTracesHz",
        "proguardUuid",
        "proxy",
        "sendModules",
        "sentryClientName",
        "sessionFlushTimeoutMillis",
        "sessionReplay",
        "sessionTrackingIntervalMillis",
        "startProfilerOnAppStart",
        "traceOptionsRequests",
        "traceSampling",
        "contextTags",
        "uncaught.handler.enabled");
  }

  private OptionRegistry() {}

  /** Every SDK option, in documentation order. */
  public static List<OptionSpec<?>> all() {
    return Collections.unmodifiableList(ALL);
  }

  /** The settings of the logging integrations ({@code mdc.*}), in documentation order. */
  public static List<OptionSpec<?>> integrationSettings() {
    return Collections.unmodifiableList(INTEGRATION);
  }

  /**
   * The SDK option with this name (camelCase, kebab-case or snake_case, or a sentry-java spelling
   * such as {@code logs.enabled}), or {@code null}. Integration settings are not options.
   */
  public static OptionSpec<?> find(String name) {
    OptionSpec<?> spec = lookup(name);
    return spec != null && ALL.contains(spec) ? spec : null;
  }

  /** Any setting with this name: an SDK option or an integration setting ({@code mdc.*}). */
  public static OptionSpec<?> lookup(String name) {
    if (name == null) {
      return null;
    }
    String key = normalize(name);
    OptionSpec<?> spec = BY_KEY.get(key);
    if (spec == null && ALIASES.containsKey(key)) {
      spec = BY_KEY.get(ALIASES.get(key));
    }
    return spec;
  }

  /**
   * Whether {@code name} is a sentry-java option that sentry4j does not have (ignored with a
   * warning).
   */
  public static boolean isSentryJavaOnly(String name) {
    if (name == null) {
      return false;
    }
    String key = normalize(name);
    if (key.startsWith("cron") || key.startsWith("proxy")) {
      return true;
    }
    for (String s : SENTRY_JAVA_ONLY) {
      if (normalize(s).equals(key)) {
        return true;
      }
    }
    return false;
  }

  /** The sentry-java option names without an equivalent here. */
  public static Set<String> sentryJavaOnly() {
    return Collections.unmodifiableSet(SENTRY_JAVA_ONLY);
  }

  /**
   * The known setting whose name is closest to {@code name} (a typo such as {@code dns} or {@code
   * enviroment}), or {@code null} when none is close.
   */
  public static OptionSpec<?> suggest(String name) {
    String closest = closest(name, BY_KEY.keySet());
    return closest == null ? null : BY_KEY.get(closest);
  }

  /**
   * The candidate closest to {@code name} (ignoring case and {@code - _ .}), or {@code null} when
   * none is within a few edits: one for names up to 4 characters, two up to 8, else three.
   */
  public static String closest(String name, Iterable<String> candidates) {
    String key = normalize(name);
    String best = null;
    int bestDistance = Integer.MAX_VALUE;
    for (String candidate : candidates) {
      int d = distance(key, normalize(candidate));
      if (d < bestDistance) {
        bestDistance = d;
        best = candidate;
      }
    }
    int allowed = key.length() <= 4 ? 1 : key.length() <= 8 ? 2 : 3;
    return bestDistance <= allowed ? best : null;
  }

  /**
   * The key a setting is looked up by: lower case, without {@code - _ .}; {@code sample-rate},
   * {@code sample_rate}, {@code SAMPLE_RATE} and {@code sampleRate} are one key.
   */
  public static String normalize(String name) {
    StringBuilder sb = new StringBuilder(name.length());
    for (int i = 0; i < name.length(); i++) {
      char c = name.charAt(i);
      if (c != '-' && c != '_' && c != '.') {
        sb.append(Character.toLowerCase(c));
      }
    }
    return sb.toString().toLowerCase(Locale.ROOT);
  }

  /** Edit distance (insertions, deletions, substitutions, adjacent swaps). */
  static int distance(String a, String b) {
    int[][] d = new int[a.length() + 1][b.length() + 1];
    for (int i = 0; i <= a.length(); i++) {
      d[i][0] = i;
    }
    for (int j = 0; j <= b.length(); j++) {
      d[0][j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      for (int j = 1; j <= b.length(); j++) {
        int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
        d[i][j] = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
        if (i > 1
            && j > 1
            && a.charAt(i - 1) == b.charAt(j - 2)
            && a.charAt(i - 2) == b.charAt(j - 1)) {
          d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
        }
      }
    }
    return d[a.length()][b.length()];
  }

  private static <T> OptionSpec<T> option(
      String name, Type<T> type, T def, String defaultDoc, String doc, Function<T, String> rule) {
    return register(ALL, new OptionSpec<>(name, type, def, defaultDoc, doc, rule));
  }

  private static OptionSpec<String> integration(String name, String def, String doc) {
    // empty text is meaningful here ("not written"), so the type keeps it as ""
    return register(INTEGRATION, new OptionSpec<>(name, Type.KEY, def, null, doc, null));
  }

  private static <T> OptionSpec<T> register(List<OptionSpec<?>> list, OptionSpec<T> spec) {
    list.add(spec);
    BY_KEY.put(normalize(spec.name()), spec);
    return spec;
  }

  private static void alias(String alias, OptionSpec<?> target) {
    ALIASES.put(normalize(alias), normalize(target.name()));
  }

  private static String rate(Double v) {
    return v >= 0.0 && v <= 1.0 ? null : "expected 0.0 to 1.0";
  }

  private static String nonNegative(Integer v) {
    return v < 0 ? "must not be negative" : null;
  }

  private static String positive(Number v) {
    return v.longValue() <= 0 ? "must be positive" : null;
  }

  private static String notNegative(Duration v) {
    return v.isNegative() ? "must be zero or more" : null;
  }
}
