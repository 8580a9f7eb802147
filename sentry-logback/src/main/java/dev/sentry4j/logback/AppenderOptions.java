package dev.sentry4j.logback;

/**
 * The nested {@code <options>} element of {@link SentryAppender}, shaped like sentry-java's so that a
 * logback.xml written for {@code io.sentry.logback.SentryAppender} works after changing only the
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
 * flushTimeoutMillis}, {@code connectionTimeoutMillis}, {@code enableSpotlight}, ...) are understood
 * too. Values are checked when the appender starts: a bad one is reported through Logback's status
 * system naming the element and the value, and the appender stays stopped. sentry-java options
 * without an equivalent here ({@code attachThreads}, {@code enableExternalConfiguration}, ...) are
 * ignored with a warning; any other unknown element is an error. The appender's own flat properties
 * win over the same option set here.
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

  /** Where to send events; empty disables the SDK. */
  public void setDsn(String value) {
    set("dsn", "dsn", value);
  }

  /** The environment (default {@code production}). */
  public void setEnvironment(String value) {
    set("environment", "environment", value);
  }

  /** The release, such as {@code shop@1.4.2}. */
  public void setRelease(String value) {
    set("release", "release", value);
  }

  /** The build variant of the release. */
  public void setDist(String value) {
    set("dist", "dist", value);
  }

  /** The server name on events (default the host name). */
  public void setServerName(String value) {
    set("serverName", "serverName", value);
  }

  /** Print the SDK's diagnostics to stderr ({@code true}/{@code false}). */
  public void setDebug(String value) {
    set("debug", "debug", value);
  }

  /** Share of error events sent, 0.0 to 1.0 (default 1.0). */
  public void setSampleRate(String value) {
    set("sampleRate", "sampleRate", value);
  }

  /** Breadcrumbs kept per scope (default 100). */
  public void setMaxBreadcrumbs(String value) {
    set("maxBreadcrumbs", "maxBreadcrumbs", value);
  }

  /** Whether message events carry the capturing thread's stack. */
  public void setAttachStacktrace(String value) {
    set("attachStacktrace", "attachStacktrace", value);
  }

  /** Allow personal data (default false). */
  public void setSendDefaultPii(String value) {
    set("sendDefaultPii", "sendDefaultPii", value);
  }

  /** Comma-separated class-name prefixes of your own code. */
  public void setInAppIncludes(String value) {
    set("inAppIncludes", "inAppIncludes", value);
  }

  /** Comma-separated class-name prefixes of library code. */
  public void setInAppExcludes(String value) {
    set("inAppExcludes", "inAppExcludes", value);
  }

  /** Tags on every event, as {@code key=value,key=value}. */
  public void setTags(String value) {
    set("tags", "tags", value);
  }

  /** Send one event per exception instance (default true). */
  public void setEnableDeduplication(String value) {
    set("enableDeduplication", "enableDeduplication", value);
  }

  /** Envelopes held in memory (default 1000). */
  public void setMaxQueueSize(String value) {
    set("maxQueueSize", "maxQueueSize", value);
  }

  /** Envelopes sent at once (default 64). */
  public void setMaxInFlight(String value) {
    set("maxInFlight", "maxInFlight", value);
  }

  /** Serialized bytes held in memory. */
  public void setMaxQueueBytes(String value) {
    set("maxQueueBytes", "maxQueueBytes", value);
  }

  /** How long a flush waits: {@code 15s}, {@code 500ms} or milliseconds. */
  public void setFlushTimeout(String value) {
    set("flushTimeout", "flushTimeout", value);
  }

  /** How long closing waits: {@code 2s}, {@code 500ms} or milliseconds (sentry-java's plain millisecond numbers work). */
  public void setShutdownTimeout(String value) {
    set("shutdownTimeout", "shutdownTimeout", value);
  }

  /** HTTP connect timeout. */
  public void setConnectTimeout(String value) {
    set("connectTimeout", "connectTimeout", value);
  }

  /** HTTP response timeout. */
  public void setReadTimeout(String value) {
    set("readTimeout", "readTimeout", value);
  }

  /** Share of transactions sent, 0.0 to 1.0 (default unset: none). */
  public void setTracesSampleRate(String value) {
    set("tracesSampleRate", "tracesSampleRate", value);
  }

  /** Comma-separated URL substrings or regexes that get trace headers. */
  public void setTracePropagationTargets(String value) {
    set("tracePropagationTargets", "tracePropagationTargets", value);
  }

  /** Child spans kept per transaction. */
  public void setMaxSpans(String value) {
    set("maxSpans", "maxSpans", value);
  }

  /** Also send the W3C traceparent header. */
  public void setPropagateTraceparent(String value) {
    set("propagateTraceparent", "propagateTraceparent", value);
  }

  /** Continue a trace only when both organization ids match. */
  public void setStrictTraceContinuation(String value) {
    set("strictTraceContinuation", "strictTraceContinuation", value);
  }

  /** The Sentry organization id (default read from the DSN). */
  public void setOrgId(String value) {
    set("orgId", "orgId", value);
  }

  /** The folder of the disk spool. */
  public void setCacheDirPath(String value) {
    set("cacheDirPath", "cacheDirPath", value);
  }

  /** Envelopes kept in the disk spool. */
  public void setMaxCacheItems(String value) {
    set("maxCacheItems", "maxCacheItems", value);
  }

  /** Bytes kept in the disk spool. */
  public void setMaxCacheBytes(String value) {
    set("maxCacheBytes", "maxCacheBytes", value);
  }

  /** Tell Sentry what was dropped and why (default true). */
  public void setSendClientReports(String value) {
    set("sendClientReports", "sendClientReports", value);
  }

  /** Send log lines to Sentry Logs (default false). */
  public void setEnableLogs(String value) {
    set("enableLogs", "enableLogs", value);
  }

  /** Log items per envelope (at most 100). */
  public void setLogsBatchSize(String value) {
    set("logsBatchSize", "logsBatchSize", value);
  }

  /** How long log items wait for a full batch. */
  public void setLogsFlushInterval(String value) {
    set("logsFlushInterval", "logsFlushInterval", value);
  }

  /** Log items buffered in memory. */
  public void setMaxLogsInMemory(String value) {
    set("maxLogsInMemory", "maxLogsInMemory", value);
  }

  /** Replace values of sensitive keys by {@code [Filtered]} (default true). */
  public void setScrubbing(String value) {
    set("scrubbing", "scrubbing", value);
  }

  /** Comma-separated extra key names to scrub. */
  public void setScrubKeys(String value) {
    set("scrubKeys", "scrubKeys", value);
  }

  /** Comma-separated key names never scrubbed. */
  public void setScrubAllowKeys(String value) {
    set("scrubAllowKeys", "scrubAllowKeys", value);
  }

  /** Also scrub messages: key=value secrets, URL passwords, bearer tokens, card numbers. */
  public void setScrubMessages(String value) {
    set("scrubMessages", "scrubMessages", value);
  }

  /** Also send every envelope to Spotlight. */
  public void setSpotlight(String value) {
    set("spotlight", "spotlight", value);
  }

  /** Where Spotlight listens. */
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

  /** sentry-java's {@code enabled}: {@code false} keeps the SDK disabled. */
  public void setEnabled(String value) {
    set("enabled", "enabled", value);
  }

  /** Comma-separated MDC keys that become tags. */
  public void setContextTags(String value) {
    set("contextTags", "contextTags", value);
  }

  /** Adds one class-name prefix of your own code ({@code <inAppInclude>}, repeatable, as in sentry-java). */
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
