package dev.sentry4j.logback;

/**
 * The nested {@code <options>} element of {@link SentryAppender}, shaped like sentry-java's so that
 * a logback.xml written for {@code io.sentry.logback.SentryAppender} works after changing only the
 * class name:
 *
 * <pre>{@code
 * <appender name="SENTRY" class="dev.sentry4j.logback.SentryAppender">
 *   <options>
 *     <dsn>https://key@o1.ingest.sentry.io/42</dsn>
 *     <environment>production</environment>
 *     <release>shop@1.4.2</release>
 *     <tracesSampleRate>0.2</tracesSampleRate>
 *     <sendDefaultPii>false</sendDefaultPii>
 *     <contextTag>tenant</contextTag>
 *     <logs><enabled>true</enabled></logs>
 *   </options>
 * </appender>
 * }</pre>
 *
 * <p>Every sentry4j option can be set here by its name; sentry-java's spellings ({@code
 * flushTimeoutMillis}, {@code connectionTimeoutMillis}, {@code enableSpotlight}, ...) are
 * understood too. Values are checked when the appender starts: a bad one is reported through
 * Logback's status system naming the element and the value, and the appender stays stopped.
 * sentry-java options without an equivalent here ({@code attachThreads}, {@code
 * enableExternalConfiguration}, ...) are ignored with a warning; any other unknown element is an
 * error. The appender's own flat properties win over the same option set here.
 *
 * <p>Created and filled by Joran on one thread; not thread-safe.
 */
public final class AppenderOptions {
  private final AppenderSettings settings = new AppenderSettings();

  /** Created by Joran for {@code <options>}. */
  public AppenderOptions() {}

  /** What was set, for the appender. */
  AppenderSettings settings() {
    return settings;
  }

  private void set(String element, String option, String value) {
    settings.set("options><" + element, option, value);
  }

  /** Option {@code dsn}: Where to send events; unset or empty disables the SDK. */
  public void setDsn(String value) {
    set("dsn", "dsn", value);
  }

  /** Option {@code environment}: The environment events belong to. Default {@code production}. */
  public void setEnvironment(String value) {
    set("environment", "environment", value);
  }

  /** Option {@code release}: The release, such as shop@1.4.2. */
  public void setRelease(String value) {
    set("release", "release", value);
  }

  /** Option {@code dist}: The build variant of the release. */
  public void setDist(String value) {
    set("dist", "dist", value);
  }

  /** Option {@code serverName}: The server name on events. Default {@code host name}. */
  public void setServerName(String value) {
    set("serverName", "serverName", value);
  }

  /** Option {@code debug}: Print the SDK's diagnostics to stderr. Default {@code false}. */
  public void setDebug(String value) {
    set("debug", "debug", value);
  }

  /** Option {@code sampleRate}: Share of error events sent (0.0 to 1.0). Default {@code 1.0}. */
  public void setSampleRate(String value) {
    set("sampleRate", "sampleRate", value);
  }

  /** Option {@code maxBreadcrumbs}: Breadcrumbs kept per scope. Default {@code 100}. */
  public void setMaxBreadcrumbs(String value) {
    set("maxBreadcrumbs", "maxBreadcrumbs", value);
  }

  /**
   * Option {@code attachStacktrace}: Message events carry the capturing thread's stack. Default
   * {@code true}.
   */
  public void setAttachStacktrace(String value) {
    set("attachStacktrace", "attachStacktrace", value);
  }

  /**
   * Option {@code enableUncaughtExceptionHandler}: Report exceptions that end a thread, then pass
   * them to the previous handler. Default {@code true}.
   */
  public void setEnableUncaughtExceptionHandler(String value) {
    set("enableUncaughtExceptionHandler", "enableUncaughtExceptionHandler", value);
  }

  /**
   * Option {@code sendDefaultPii}: Let the SDK and integrations collect personal data (user IP,
   * request users, cookies, auth and IP headers). Default {@code false}.
   */
  public void setSendDefaultPii(String value) {
    set("sendDefaultPii", "sendDefaultPii", value);
  }

  /** Option {@code inAppIncludes}: Class-name prefixes of your own code. */
  public void setInAppIncludes(String value) {
    set("inAppIncludes", "inAppIncludes", value);
  }

  /** Option {@code inAppExcludes}: Class-name prefixes of library code. */
  public void setInAppExcludes(String value) {
    set("inAppExcludes", "inAppExcludes", value);
  }

  /** Option {@code tags}: Tags on every event, as key=value,key=value. */
  public void setTags(String value) {
    set("tags", "tags", value);
  }

  /**
   * Option {@code enableDeduplication}: Send one event per exception instance. Default {@code
   * true}.
   */
  public void setEnableDeduplication(String value) {
    set("enableDeduplication", "enableDeduplication", value);
  }

  /**
   * Option {@code maxInFlight}: Envelopes sent at once (HTTP/2 streams, else HTTP/1.1 connections).
   * Default {@code 64}.
   */
  public void setMaxInFlight(String value) {
    set("maxInFlight", "maxInFlight", value);
  }

  /**
   * Option {@code maxQueueSize}: Captured envelopes waiting in memory to be serialized; more are
   * serialized on the capturing thread. Default {@code 1 per 64 KiB of heap, 100 to 256}.
   */
  public void setMaxQueueSize(String value) {
    set("maxQueueSize", "maxQueueSize", value);
  }

  /**
   * Option {@code maxQueueBytes}: Serialized bytes held in memory for sending; more go to the disk
   * spool. Default {@code 1/16 of the heap, 1 MiB to 32 MiB}.
   */
  public void setMaxQueueBytes(String value) {
    set("maxQueueBytes", "maxQueueBytes", value);
  }

  /** Option {@code flushTimeout}: How long flush() waits. Default {@code 15s}. */
  public void setFlushTimeout(String value) {
    set("flushTimeout", "flushTimeout", value);
  }

  /**
   * Option {@code shutdownTimeout}: How long close() and the shutdown hook wait. Default {@code
   * 2s}.
   */
  public void setShutdownTimeout(String value) {
    set("shutdownTimeout", "shutdownTimeout", value);
  }

  /** Option {@code connectTimeout}: HTTP connect timeout. Default {@code 10s}. */
  public void setConnectTimeout(String value) {
    set("connectTimeout", "connectTimeout", value);
  }

  /** Option {@code readTimeout}: HTTP response timeout. Default {@code 30s}. */
  public void setReadTimeout(String value) {
    set("readTimeout", "readTimeout", value);
  }

  /**
   * Option {@code tracesSampleRate}: Share of transactions sent (0.0 to 1.0); unset: no
   * transactions, traces still propagate.
   */
  public void setTracesSampleRate(String value) {
    set("tracesSampleRate", "tracesSampleRate", value);
  }

  /**
   * Option {@code tracePropagationTargets}: URL substrings or regexes that get trace headers.
   * Default {@code .*}.
   */
  public void setTracePropagationTargets(String value) {
    set("tracePropagationTargets", "tracePropagationTargets", value);
  }

  /** Option {@code maxSpans}: Child spans kept per transaction. Default {@code 1000}. */
  public void setMaxSpans(String value) {
    set("maxSpans", "maxSpans", value);
  }

  /**
   * Option {@code propagateTraceparent}: Also send the W3C traceparent header. Default {@code
   * false}.
   */
  public void setPropagateTraceparent(String value) {
    set("propagateTraceparent", "propagateTraceparent", value);
  }

  /**
   * Option {@code strictTraceContinuation}: Continue a trace only when both org ids are known and
   * equal. Default {@code false}.
   */
  public void setStrictTraceContinuation(String value) {
    set("strictTraceContinuation", "strictTraceContinuation", value);
  }

  /** Option {@code orgId}: The Sentry organization id. Default {@code from DSN}. */
  public void setOrgId(String value) {
    set("orgId", "orgId", value);
  }

  /**
   * Option {@code cacheDirPath}: Disk spool for envelopes not yet sent (a folder per DSN inside).
   * Default {@code temp dir}.
   */
  public void setCacheDirPath(String value) {
    set("cacheDirPath", "cacheDirPath", value);
  }

  /**
   * Option {@code maxCacheItems}: Envelopes kept in the disk spool; 0 turns it off. Default {@code
   * 10000}.
   */
  public void setMaxCacheItems(String value) {
    set("maxCacheItems", "maxCacheItems", value);
  }

  /** Option {@code maxCacheBytes}: Bytes kept in the disk spool. Default {@code 256MiB}. */
  public void setMaxCacheBytes(String value) {
    set("maxCacheBytes", "maxCacheBytes", value);
  }

  /**
   * Option {@code sendClientReports}: Tell Sentry how many items were dropped and why. Default
   * {@code true}.
   */
  public void setSendClientReports(String value) {
    set("sendClientReports", "sendClientReports", value);
  }

  /** Option {@code enableLogs}: Send log lines to Sentry Logs. Default {@code false}. */
  public void setEnableLogs(String value) {
    set("enableLogs", "enableLogs", value);
  }

  /** Option {@code logsBatchSize}: Log items per envelope (at most 100). Default {@code 100}. */
  public void setLogsBatchSize(String value) {
    set("logsBatchSize", "logsBatchSize", value);
  }

  /**
   * Option {@code logsFlushInterval}: How long log items wait for a full batch. Default {@code 5s}.
   */
  public void setLogsFlushInterval(String value) {
    set("logsFlushInterval", "logsFlushInterval", value);
  }

  /** Option {@code maxLogsInMemory}: Log items buffered in memory. Default {@code 1000}. */
  public void setMaxLogsInMemory(String value) {
    set("maxLogsInMemory", "maxLogsInMemory", value);
  }

  /**
   * Option {@code scrubbing}: Replace values of sensitive keys (password, token, auth, cookie...)
   * by [Filtered]. Default {@code true}.
   */
  public void setScrubbing(String value) {
    set("scrubbing", "scrubbing", value);
  }

  /**
   * Option {@code scrubKeys}: More key names to scrub (whole words; {@code *word*} matches
   * anywhere).
   */
  public void setScrubKeys(String value) {
    set("scrubKeys", "scrubKeys", value);
  }

  /** Option {@code scrubAllowKeys}: Key names never scrubbed (case and separators ignored). */
  public void setScrubAllowKeys(String value) {
    set("scrubAllowKeys", "scrubAllowKeys", value);
  }

  /**
   * Option {@code scrubMessages}: Also scrub messages: key=value secrets, URL passwords, bearer
   * tokens, card numbers. Default {@code false}.
   */
  public void setScrubMessages(String value) {
    set("scrubMessages", "scrubMessages", value);
  }

  /**
   * Option {@code spotlight}: Also send every envelope to Spotlight (true, false, or Spotlight's
   * URL). Default {@code false}.
   */
  public void setSpotlight(String value) {
    set("spotlight", "spotlight", value);
  }

  /**
   * Option {@code spotlightUrl}: Where Spotlight listens. Default {@code
   * http://localhost:8969/stream}.
   */
  public void setSpotlightUrl(String value) {
    set("spotlightUrl", "spotlightUrl", value);
  }

  /** sentry-java's name of {@code flushTimeout}, in milliseconds. */
  public void setFlushTimeoutMillis(String value) {
    set("flushTimeoutMillis", "flushTimeout", value);
  }

  /** sentry-java's name of {@code shutdownTimeout}, in milliseconds. */
  public void setShutdownTimeoutMillis(String value) {
    set("shutdownTimeoutMillis", "shutdownTimeout", value);
  }

  /** sentry-java's name of {@code connectTimeout}, in milliseconds. */
  public void setConnectionTimeoutMillis(String value) {
    set("connectionTimeoutMillis", "connectTimeout", value);
  }

  /** sentry-java's name of {@code readTimeout}, in milliseconds. */
  public void setReadTimeoutMillis(String value) {
    set("readTimeoutMillis", "readTimeout", value);
  }

  /** sentry-java's name of {@code spotlight}. */
  public void setEnableSpotlight(String value) {
    set("enableSpotlight", "spotlight", value);
  }

  /** sentry-java's name of {@code spotlightUrl}. */
  public void setSpotlightConnectionUrl(String value) {
    set("spotlightConnectionUrl", "spotlightUrl", value);
  }

  /**
   * Option {@code enabled}: Set to false to keep the SDK off whatever the DSN. Default {@code
   * true}.
   */
  public void setEnabled(String value) {
    set("enabled", "enabled", value);
  }

  /** Comma-separated MDC keys that become tags. */
  public void setContextTags(String value) {
    set("contextTags", "contextTags", value);
  }

  /**
   * Adds one class-name prefix of your own code ({@code <inAppInclude>}, repeatable, as in
   * sentry-java).
   */
  public void addInAppInclude(String value) {
    settings.append("options><inAppInclude", "inAppIncludes", value);
  }

  /** Adds one class-name prefix of library code ({@code <inAppExclude>}, repeatable). */
  public void addInAppExclude(String value) {
    settings.append("options><inAppExclude", "inAppExcludes", value);
  }

  /** Adds one MDC key that becomes a tag ({@code <contextTag>}, repeatable, as in sentry-java). */
  public void addContextTag(String value) {
    settings.append("options><contextTag", "contextTags", value);
  }

  /** sentry-java's nested {@code <logs><enabled>true</enabled></logs>}. */
  public void setLogs(Logs logs) {
    if (logs != null && logs.enabled != null) {
      settings.set("options><logs><enabled", "enableLogs", logs.enabled);
    }
  }

  /** The nested {@code <logs>} element of {@code <options>}, as in sentry-java. Not thread-safe. */
  public static final class Logs {
    private String enabled;

    /** Created by Joran for {@code <logs>}. */
    public Logs() {}

    /** Whether log lines go to Sentry Logs (sets {@code enableLogs}). */
    public void setEnabled(String value) {
      this.enabled = value;
    }
  }
}
