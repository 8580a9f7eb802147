package dev.sentry4j.options;

import dev.sentry4j.event.Hint;

import dev.sentry4j.event.Breadcrumb;
import dev.sentry4j.event.Event;
import dev.sentry4j.event.EventProcessor;
import dev.sentry4j.event.TransactionEvent;
import dev.sentry4j.tracing.TracesSampler;
import dev.sentry4j.logs.LogItem;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The SDK's configuration. Immutable; made by {@link Builder}, which {@link dev.sentry4j.Sentry#init} hands to your
 * code after filling it, in increasing precedence, from {@code sentry.properties} on the classpath,
 * the environment ({@code SENTRY_DSN}, ...) and system properties ({@code sentry.dsn}, ...). Every
 * option has a name; {@link Builder#setOption(String, String)} sets one from text, which is how the
 * logging adapters pass their flat properties. The README's option table lists them all.
 *
 * <pre>{@code
 * Sentry.init(options -> {
 *   options.setDsn("https://key@o1.ingest.sentry.io/42");
 *   options.setEnvironment("staging");
 *   options.setTracesSampleRate(0.2);
 * });
 * }</pre>
 */
public final class SentryOptions {
  /** Default {@code environment}. */
  public static final String DEFAULT_ENVIRONMENT = "production";
  /** Default {@code maxBreadcrumbs}. */
  public static final int DEFAULT_MAX_BREADCRUMBS = 100;
  /** Default {@code maxQueueSize}: captured envelopes waiting in memory to be serialized. */
  public static final int DEFAULT_MAX_QUEUE_SIZE = 10_000;
  /** Default {@code maxQueueBytes}: serialized bytes held in memory. */
  public static final long DEFAULT_MAX_QUEUE_BYTES = 32L * 1024 * 1024;
  /** Default {@code flushTimeout}. */
  public static final Duration DEFAULT_FLUSH_TIMEOUT = Duration.ofSeconds(15);
  /** Default {@code shutdownTimeout}. */
  public static final Duration DEFAULT_SHUTDOWN_TIMEOUT = Duration.ofSeconds(2);
  /** Default {@code connectTimeout}. */
  public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(10);
  /** Default {@code readTimeout}. */
  public static final Duration DEFAULT_READ_TIMEOUT = Duration.ofSeconds(30);
  /** Default {@code maxSpans} per transaction. */
  public static final int DEFAULT_MAX_SPANS = 1000;
  /** Default {@code maxCacheItems}: envelopes kept in the disk spool. */
  public static final int DEFAULT_MAX_CACHE_ITEMS = 10_000;
  /** Default {@code maxCacheBytes}: bytes kept in the disk spool. */
  public static final long DEFAULT_MAX_CACHE_BYTES = 256L * 1024 * 1024;
  /** Default {@code logsBatchSize}. */
  public static final int DEFAULT_LOGS_BATCH_SIZE = 100;
  /** Default {@code logsFlushInterval}. */
  public static final Duration DEFAULT_LOGS_FLUSH_INTERVAL = Duration.ofSeconds(5);
  /** Default {@code maxLogsInMemory}. */
  public static final int DEFAULT_MAX_LOGS_IN_MEMORY = 1000;
  /** Default {@code spotlightUrl}. */
  public static final String DEFAULT_SPOTLIGHT_URL = "http://localhost:8969/stream";

  private final Builder b;

  private SentryOptions(Builder source) {
    this.b = source.copy();
  }

  /** An empty builder with the defaults (no environment, no system properties). */
  public static Builder builder() {
    return new Builder();
  }

  /** A builder with these options' values, for tests and adapters. */
  public Builder toBuilder() {
    return b.copy();
  }

  /** The parsed DSN, or {@code null} when the SDK is disabled. */
  public Dsn getDsn() {
    return b.dsn;
  }

  /** Whether a DSN is set, so that the SDK sends anything. */
  public boolean isEnabled() {
    return b.dsn != null;
  }

  /** The environment. */
  public String getEnvironment() {
    return b.environment;
  }

  /** The release, or {@code null}. */
  public String getRelease() {
    return b.release;
  }

  /** The distribution, or {@code null}. */
  public String getDist() {
    return b.dist;
  }

  /** The configured server name, or {@code null} for the host name. */
  public String getServerName() {
    return b.serverName;
  }

  /** Whether the SDK prints diagnostics to stderr. */
  public boolean isDebug() {
    return b.debug;
  }

  /** The share of error events sent, 0.0 to 1.0. */
  public double getSampleRate() {
    return b.sampleRate;
  }

  /** The maximum breadcrumbs kept per scope. */
  public int getMaxBreadcrumbs() {
    return b.maxBreadcrumbs;
  }

  /** Whether message events carry the current thread's stack. */
  public boolean isAttachStacktrace() {
    return b.attachStacktrace;
  }

  /** Whether personal data may be sent (see the README's "What data is sent"). */
  public boolean isSendDefaultPii() {
    return b.sendDefaultPii;
  }

  /** Class-name prefixes of in-app frames. */
  public List<String> getInAppIncludes() {
    return b.inAppIncludes;
  }

  /** Class-name prefixes of frames that are not in-app. */
  public List<String> getInAppExcludes() {
    return b.inAppExcludes;
  }

  /** Tags added to every event. */
  public Map<String, String> getTags() {
    return b.tags;
  }

  /** Whether the same exception instance is sent only once. */
  public boolean isEnableDeduplication() {
    return b.enableDeduplication;
  }

  /** Envelopes held in memory. */
  public int getMaxQueueSize() {
    return b.maxQueueSize;
  }

  /** Serialized bytes held in memory. */
  public long getMaxQueueBytes() {
    return b.maxQueueBytes;
  }

  /** How long {@code flush()} waits. */
  public Duration getFlushTimeout() {
    return b.flushTimeout;
  }

  /** How long {@code close()} and the shutdown hook wait. */
  public Duration getShutdownTimeout() {
    return b.shutdownTimeout;
  }

  /** HTTP connect timeout. */
  public Duration getConnectTimeout() {
    return b.connectTimeout;
  }

  /** HTTP response timeout. */
  public Duration getReadTimeout() {
    return b.readTimeout;
  }

  /** The {@code beforeSend} callback, or {@code null}. */
  public BeforeSendCallback getBeforeSend() {
    return b.beforeSend;
  }

  /** The {@code beforeBreadcrumb} callback, or {@code null}. */
  public BeforeBreadcrumbCallback getBeforeBreadcrumb() {
    return b.beforeBreadcrumb;
  }

  /** Event processors run for every event after the scopes' own. */
  public List<EventProcessor> getEventProcessors() {
    return b.eventProcessors;
  }

  /** The share of transactions sent, or {@code null} when tracing is off. */
  public Double getTracesSampleRate() {
    return b.tracesSampleRate;
  }

  /** URL patterns that get trace headers. */
  public List<String> getTracePropagationTargets() {
    return b.tracePropagationTargets;
  }

  /** Maximum child spans per transaction. */
  public int getMaxSpans() {
    return b.maxSpans;
  }

  /** Whether a W3C {@code traceparent} is propagated too. */
  public boolean isPropagateTraceparent() {
    return b.propagateTraceparent;
  }

  /** Whether a trace is continued only when both sides' org ids match. */
  public boolean isStrictTraceContinuation() {
    return b.strictTraceContinuation;
  }

  /** The organization id (else read from the DSN host), or {@code null}. */
  public String getOrgId() {
    return b.orgId != null ? b.orgId : (b.dsn == null ? null : b.dsn.getOrgId());
  }

  /** The disk spool directory, or {@code null} for the default under the temp directory. */
  public String getCacheDirPath() {
    return b.cacheDirPath;
  }

  /** Envelopes kept in the disk spool. */
  public int getMaxCacheItems() {
    return b.maxCacheItems;
  }

  /** Bytes kept in the disk spool. */
  public long getMaxCacheBytes() {
    return b.maxCacheBytes;
  }

  /** Whether dropped items are reported to Sentry. */
  public boolean isSendClientReports() {
    return b.sendClientReports;
  }

  /** Whether log lines are sent to Sentry Logs. */
  public boolean isEnableLogs() {
    return b.enableLogs;
  }

  /** Log items per envelope. */
  public int getLogsBatchSize() {
    return b.logsBatchSize;
  }

  /** How long log items wait for a batch. */
  public Duration getLogsFlushInterval() {
    return b.logsFlushInterval;
  }

  /** Log items held in memory. */
  public int getMaxLogsInMemory() {
    return b.maxLogsInMemory;
  }

  /** Whether sensitive keys are scrubbed. */
  public boolean isScrubbing() {
    return b.scrubbing;
  }

  /** Extra key names to scrub. */
  public List<String> getScrubKeys() {
    return b.scrubKeys;
  }

  /** Key names never scrubbed. */
  public List<String> getScrubAllowKeys() {
    return b.scrubAllowKeys;
  }

  /** Whether formatted messages are scrubbed by pattern. */
  public boolean isScrubMessages() {
    return b.scrubMessages;
  }

  /** Whether envelopes also go to Spotlight. */
  public boolean isSpotlight() {
    return b.spotlight;
  }

  /** Spotlight's URL. */
  public String getSpotlightUrl() {
    return b.spotlightUrl;
  }

  // --- code-only options of later features (tracing, delivery, logs, privacy) go below ---

  /** The {@code tracesSampler} callback, or {@code null}. */
  public TracesSampler getTracesSampler() {
    return b.tracesSampler;
  }

  /** The {@code beforeSendTransaction} callback, or {@code null}. */
  public BeforeSendTransactionCallback getBeforeSendTransaction() {
    return b.beforeSendTransaction;
  }

  /**
   * Whether transactions are recorded: {@code tracesSampleRate} or {@code tracesSampler} is set.
   * Without either, traces are still continued and propagated, but no transaction is sent.
   */
  public boolean isTracingEnabled() {
    return b.tracesSampleRate != null || b.tracesSampler != null;
  }

  /** Edits or drops a finished transaction before it is sent. */
  @FunctionalInterface
  public interface BeforeSendTransactionCallback {
    /** Returns the transaction to send, or {@code null} to drop it. */
    TransactionEvent execute(TransactionEvent transaction, Hint hint);
  }

  /** The {@code beforeSendLog} callback, or {@code null}. */
  public BeforeSendLogCallback getBeforeSendLog() {
    return b.beforeSendLog;
  }

  /**
   * Edits or drops a Sentry Log record before it is sent. It runs on the SDK's logs thread (or the
   * thread calling {@code flush}/{@code close}), once per record, with the default attributes already
   * set; lines it logs itself are not captured again. If it throws, the record is sent unchanged.
   */
  @FunctionalInterface
  public interface BeforeSendLogCallback {
    /**
     * Returns the record to send ({@code log}, or an edited copy from {@code log.toBuilder()}), or
     * {@code null} to drop it (counted as {@code before_send}).
     */
    LogItem execute(LogItem log);
  }

  /**
   * Edits or drops an error event before it is sent. Runs on the SDK's worker thread after the
   * capture call returned (so it must not read the capturing thread's MDC or {@code ThreadLocal}s);
   * sees the whole event, scopes merged. The capture call has already returned the event's id: an
   * event dropped here is counted in client reports as {@code before_send}.
   */
  @FunctionalInterface
  public interface BeforeSendCallback {
    /** Returns the event to send, or {@code null} to drop it. */
    Event execute(Event event, Hint hint);
  }

  /** Edits or drops a breadcrumb before it is stored. */
  @FunctionalInterface
  public interface BeforeBreadcrumbCallback {
    /** Returns the breadcrumb to store, or {@code null} to drop it. */
    Breadcrumb execute(Breadcrumb breadcrumb, Hint hint);
  }

  /**
   * Builds {@link SentryOptions}. Each setter's Javadoc names the option and its default. Not
   * thread-safe.
   */
  public static final class Builder {
    private Dsn dsn;
    private String environment = DEFAULT_ENVIRONMENT;
    private String release;
    private String dist;
    private String serverName;
    private boolean debug;
    private double sampleRate = 1.0;
    private int maxBreadcrumbs = DEFAULT_MAX_BREADCRUMBS;
    private boolean attachStacktrace = true;
    private boolean sendDefaultPii;
    private List<String> inAppIncludes = Collections.emptyList();
    private List<String> inAppExcludes = Collections.emptyList();
    private Map<String, String> tags = Collections.emptyMap();
    private boolean enableDeduplication = true;
    private int maxQueueSize = DEFAULT_MAX_QUEUE_SIZE;
    private long maxQueueBytes = DEFAULT_MAX_QUEUE_BYTES;
    private Duration flushTimeout = DEFAULT_FLUSH_TIMEOUT;
    private Duration shutdownTimeout = DEFAULT_SHUTDOWN_TIMEOUT;
    private Duration connectTimeout = DEFAULT_CONNECT_TIMEOUT;
    private Duration readTimeout = DEFAULT_READ_TIMEOUT;
    private BeforeSendCallback beforeSend;
    private BeforeBreadcrumbCallback beforeBreadcrumb;
    private List<EventProcessor> eventProcessors = Collections.emptyList();
    private Double tracesSampleRate;
    private List<String> tracePropagationTargets = List.of(".*");
    private int maxSpans = DEFAULT_MAX_SPANS;
    private boolean propagateTraceparent;
    private boolean strictTraceContinuation;
    private String orgId;
    private String cacheDirPath;
    private int maxCacheItems = DEFAULT_MAX_CACHE_ITEMS;
    private long maxCacheBytes = DEFAULT_MAX_CACHE_BYTES;
    private boolean sendClientReports = true;
    private boolean enableLogs;
    private int logsBatchSize = DEFAULT_LOGS_BATCH_SIZE;
    private Duration logsFlushInterval = DEFAULT_LOGS_FLUSH_INTERVAL;
    private int maxLogsInMemory = DEFAULT_MAX_LOGS_IN_MEMORY;
    private boolean scrubbing = true;
    private List<String> scrubKeys = Collections.emptyList();
    private List<String> scrubAllowKeys = Collections.emptyList();
    private boolean scrubMessages;
    private boolean spotlight;
    private String spotlightUrl = DEFAULT_SPOTLIGHT_URL;
    // --- code-only builder fields of later features go below ---
    private TracesSampler tracesSampler;
    private BeforeSendTransactionCallback beforeSendTransaction;
    private BeforeSendLogCallback beforeSendLog;

    Builder() {}

    Builder copy() {
      Builder c = new Builder();
      c.dsn = dsn;
      c.environment = environment;
      c.release = release;
      c.dist = dist;
      c.serverName = serverName;
      c.debug = debug;
      c.sampleRate = sampleRate;
      c.maxBreadcrumbs = maxBreadcrumbs;
      c.attachStacktrace = attachStacktrace;
      c.sendDefaultPii = sendDefaultPii;
      c.inAppIncludes = inAppIncludes;
      c.inAppExcludes = inAppExcludes;
      c.tags = tags;
      c.enableDeduplication = enableDeduplication;
      c.maxQueueSize = maxQueueSize;
      c.maxQueueBytes = maxQueueBytes;
      c.flushTimeout = flushTimeout;
      c.shutdownTimeout = shutdownTimeout;
      c.connectTimeout = connectTimeout;
      c.readTimeout = readTimeout;
      c.beforeSend = beforeSend;
      c.beforeBreadcrumb = beforeBreadcrumb;
      c.eventProcessors = eventProcessors;
      c.tracesSampleRate = tracesSampleRate;
      c.tracePropagationTargets = tracePropagationTargets;
      c.maxSpans = maxSpans;
      c.propagateTraceparent = propagateTraceparent;
      c.strictTraceContinuation = strictTraceContinuation;
      c.orgId = orgId;
      c.cacheDirPath = cacheDirPath;
      c.maxCacheItems = maxCacheItems;
      c.maxCacheBytes = maxCacheBytes;
      c.sendClientReports = sendClientReports;
      c.enableLogs = enableLogs;
      c.logsBatchSize = logsBatchSize;
      c.logsFlushInterval = logsFlushInterval;
      c.maxLogsInMemory = maxLogsInMemory;
      c.scrubbing = scrubbing;
      c.scrubKeys = scrubKeys;
      c.scrubAllowKeys = scrubAllowKeys;
      c.scrubMessages = scrubMessages;
      c.spotlight = spotlight;
      c.spotlightUrl = spotlightUrl;
      // --- copies of code-only fields of later features go below ---
      c.tracesSampler = tracesSampler;
      c.beforeSendTransaction = beforeSendTransaction;
      c.beforeSendLog = beforeSendLog;
      return c;
    }

    /** The DSN as text, or {@code null} when unset. */
    public String getDsn() {
      return dsn == null ? null : dsn.toString();
    }

    /**
     * Option {@code dsn}: where to send ({@code https://key@host/project}). Unset or empty disables
     * the SDK.
     *
     * @throws IllegalArgumentException naming the value when it is not a valid DSN
     */
    public Builder setDsn(String value) {
      this.dsn = value == null || value.trim().isEmpty() ? null : Dsn.parse(value.trim());
      return this;
    }

    /** Option {@code environment}; default {@code production}. */
    public Builder setEnvironment(String value) {
      this.environment = value == null || value.isEmpty() ? DEFAULT_ENVIRONMENT : value;
      return this;
    }

    /** Option {@code release}, such as {@code shop@1.4.2}; default none. */
    public Builder setRelease(String value) {
      this.release = emptyToNull(value);
      return this;
    }

    /** Option {@code dist}: the build variant; default none. */
    public Builder setDist(String value) {
      this.dist = emptyToNull(value);
      return this;
    }

    /** Option {@code serverName}; default the host name (resolved off the caller's thread). */
    public Builder setServerName(String value) {
      this.serverName = emptyToNull(value);
      return this;
    }

    /** Option {@code debug}: print the SDK's diagnostics to stderr; default false. */
    public Builder setDebug(boolean value) {
      this.debug = value;
      return this;
    }

    /**
     * Option {@code sampleRate}: the share of error events sent; default 1.0.
     *
     * @throws IllegalArgumentException naming the value when outside 0.0 to 1.0
     */
    public Builder setSampleRate(double value) {
      this.sampleRate = checkRate("sampleRate", value);
      return this;
    }

    /** Option {@code maxBreadcrumbs}: breadcrumbs kept per scope; default 100. */
    public Builder setMaxBreadcrumbs(int value) {
      this.maxBreadcrumbs = checkNonNegative("maxBreadcrumbs", value);
      return this;
    }

    /** Option {@code attachStacktrace}: message events carry the thread's stack; default true. */
    public Builder setAttachStacktrace(boolean value) {
      this.attachStacktrace = value;
      return this;
    }

    /**
     * Option {@code sendDefaultPii}: let the SDK and integrations collect personal data; default
     * false. See {@link dev.sentry4j.spi.PiiPolicy} for exactly what it changes.
     */
    public Builder setSendDefaultPii(boolean value) {
      this.sendDefaultPii = value;
      return this;
    }

    /** Option {@code inAppIncludes}: class-name prefixes of your code; default none. */
    public Builder setInAppIncludes(List<String> value) {
      this.inAppIncludes = value == null ? Collections.emptyList() : List.copyOf(value);
      return this;
    }

    /** Option {@code inAppExcludes}: class-name prefixes of library code; default none. */
    public Builder setInAppExcludes(List<String> value) {
      this.inAppExcludes = value == null ? Collections.emptyList() : List.copyOf(value);
      return this;
    }

    /** Option {@code tags}: tags added to every event; default none. */
    public Builder setTags(Map<String, String> value) {
      this.tags =
          value == null
              ? Collections.emptyMap()
              : Collections.unmodifiableMap(new LinkedHashMap<>(value));
      return this;
    }

    /** Adds one tag to option {@code tags}. */
    public Builder addTag(String key, String value) {
      Map<String, String> copy = new LinkedHashMap<>(tags);
      copy.put(key, value);
      this.tags = Collections.unmodifiableMap(copy);
      return this;
    }

    /** Option {@code enableDeduplication}: send one event per exception instance; default true. */
    public Builder setEnableDeduplication(boolean value) {
      this.enableDeduplication = value;
      return this;
    }

    /**
     * Option {@code maxQueueSize}: captured envelopes waiting in memory to be serialized; more are
     * dropped and counted ({@code queue_overflow}); default 10000.
     */
    public Builder setMaxQueueSize(int value) {
      this.maxQueueSize = checkPositive("maxQueueSize", value);
      return this;
    }

    /**
     * Option {@code maxQueueBytes}: serialized envelopes held in memory for sending; more go to the
     * disk spool; default 32 MiB.
     */
    public Builder setMaxQueueBytes(long value) {
      this.maxQueueBytes = checkPositive("maxQueueBytes", value);
      return this;
    }

    /** Option {@code flushTimeout}: how long {@code flush()} waits; default 15 s. */
    public Builder setFlushTimeout(Duration value) {
      this.flushTimeout = checkDuration("flushTimeout", value);
      return this;
    }

    /** Option {@code shutdownTimeout}: how long {@code close()} waits; default 2 s. */
    public Builder setShutdownTimeout(Duration value) {
      this.shutdownTimeout = checkDuration("shutdownTimeout", value);
      return this;
    }

    /** Option {@code connectTimeout}: HTTP connect timeout; default 10 s. */
    public Builder setConnectTimeout(Duration value) {
      this.connectTimeout = checkDuration("connectTimeout", value);
      return this;
    }

    /** Option {@code readTimeout}: HTTP response timeout; default 30 s. */
    public Builder setReadTimeout(Duration value) {
      this.readTimeout = checkDuration("readTimeout", value);
      return this;
    }

    /** Option {@code beforeSend} (code only): edit or drop error events. */
    public Builder setBeforeSend(BeforeSendCallback value) {
      this.beforeSend = value;
      return this;
    }

    /** Option {@code beforeBreadcrumb} (code only): edit or drop breadcrumbs. */
    public Builder setBeforeBreadcrumb(BeforeBreadcrumbCallback value) {
      this.beforeBreadcrumb = value;
      return this;
    }

    /** Adds an event processor (code only), run for every event after the scopes' own. */
    public Builder addEventProcessor(EventProcessor value) {
      List<EventProcessor> copy = new ArrayList<>(eventProcessors);
      copy.add(value);
      this.eventProcessors = Collections.unmodifiableList(copy);
      return this;
    }

    /** Option {@code tracesSampleRate}: the share of transactions sent; default unset (off). */
    public Builder setTracesSampleRate(Double value) {
      this.tracesSampleRate = value == null ? null : checkRate("tracesSampleRate", value);
      return this;
    }

    /** Option {@code tracePropagationTargets}: URL substrings or regexes; default {@code .*}. */
    public Builder setTracePropagationTargets(List<String> value) {
      this.tracePropagationTargets = value == null ? Collections.emptyList() : List.copyOf(value);
      return this;
    }

    /** Option {@code maxSpans}: child spans per transaction; default 1000. */
    public Builder setMaxSpans(int value) {
      this.maxSpans = checkPositive("maxSpans", value);
      return this;
    }

    /** Option {@code propagateTraceparent}: also propagate W3C traceparent; default false. */
    public Builder setPropagateTraceparent(boolean value) {
      this.propagateTraceparent = value;
      return this;
    }

    /** Option {@code strictTraceContinuation}: require matching org ids; default false. */
    public Builder setStrictTraceContinuation(boolean value) {
      this.strictTraceContinuation = value;
      return this;
    }

    /** Option {@code orgId}: the organization id; default read from the DSN host. */
    public Builder setOrgId(String value) {
      this.orgId = emptyToNull(value);
      return this;
    }

    /**
     * Option {@code cacheDirPath}: where the disk spool lives, in a folder per DSN; default {@code
     * <java.io.tmpdir>/sentry4j}.
     */
    public Builder setCacheDirPath(String value) {
      this.cacheDirPath = emptyToNull(value);
      return this;
    }

    /** Option {@code maxCacheItems}: envelopes kept on disk; default 10000; 0 turns the spool off. */
    public Builder setMaxCacheItems(int value) {
      this.maxCacheItems = checkNonNegative("maxCacheItems", value);
      return this;
    }

    /** Option {@code maxCacheBytes}: bytes kept on disk; default 256 MiB. */
    public Builder setMaxCacheBytes(long value) {
      this.maxCacheBytes = checkPositive("maxCacheBytes", value);
      return this;
    }

    /** Option {@code sendClientReports}: report dropped items to Sentry; default true. */
    public Builder setSendClientReports(boolean value) {
      this.sendClientReports = value;
      return this;
    }

    /** Option {@code enableLogs}: send log lines to Sentry Logs; default false. */
    public Builder setEnableLogs(boolean value) {
      this.enableLogs = value;
      return this;
    }

    /** Option {@code logsBatchSize}: log items per envelope (at most 100); default 100. */
    public Builder setLogsBatchSize(int value) {
      checkPositive("logsBatchSize", value);
      if (value > 100) {
        throw new IllegalArgumentException(
            "Invalid value for option logsBatchSize: '" + value + "' (at most 100)");
      }
      this.logsBatchSize = value;
      return this;
    }

    /** Option {@code logsFlushInterval}: how long log items wait for a batch; default 5 s. */
    public Builder setLogsFlushInterval(Duration value) {
      this.logsFlushInterval = checkDuration("logsFlushInterval", value);
      return this;
    }

    /** Option {@code maxLogsInMemory}: log items buffered; default 1000. */
    public Builder setMaxLogsInMemory(int value) {
      this.maxLogsInMemory = checkPositive("maxLogsInMemory", value);
      return this;
    }

    /**
     * Option {@code scrubbing}: replace values of sensitive keys by [Filtered]; default true. See
     * {@link dev.sentry4j.internal.privacy.Scrubber} for the deny list and how keys match.
     */
    public Builder setScrubbing(boolean value) {
      this.scrubbing = value;
      return this;
    }

    /**
     * Option {@code scrubKeys}: more key names to scrub, matched as whole words of a key ({@code
     * *word*} matches anywhere); default none.
     */
    public Builder setScrubKeys(List<String> value) {
      this.scrubKeys = value == null ? Collections.emptyList() : List.copyOf(value);
      return this;
    }

    /**
     * Option {@code scrubAllowKeys}: key names never scrubbed, compared ignoring case and separators;
     * default none.
     */
    public Builder setScrubAllowKeys(List<String> value) {
      this.scrubAllowKeys = value == null ? Collections.emptyList() : List.copyOf(value);
      return this;
    }

    /**
     * Option {@code scrubMessages}: also scrub messages, breadcrumb messages and exception messages by
     * pattern ({@code key=value} secrets, URL passwords, bearer tokens, card numbers); default false.
     */
    public Builder setScrubMessages(boolean value) {
      this.scrubMessages = value;
      return this;
    }

    /** Option {@code spotlight}: also send every envelope to Spotlight; default false. */
    public Builder setSpotlight(boolean value) {
      this.spotlight = value;
      return this;
    }

    /** Option {@code spotlightUrl}; default {@code http://localhost:8969/stream}. */
    public Builder setSpotlightUrl(String value) {
      this.spotlightUrl = value == null || value.isEmpty() ? DEFAULT_SPOTLIGHT_URL : value;
      return this;
    }

    // --- code-only setters of later features go below ---

    /**
     * Option {@code tracesSampler} (code only): the sample rate per transaction, from its sampling
     * context; wins over {@code tracesSampleRate} and enables tracing. Default none.
     */
    public Builder setTracesSampler(TracesSampler value) {
      this.tracesSampler = value;
      return this;
    }

    /**
     * Option {@code beforeSendTransaction} (code only): edit or drop finished transactions ({@code
     * beforeSend} sees only error events). Default none.
     */
    public Builder setBeforeSendTransaction(BeforeSendTransactionCallback value) {
      this.beforeSendTransaction = value;
      return this;
    }

    /**
     * Option {@code beforeSendLog} (code only): edit or drop Sentry Log records; default none.
     *
     * <pre>{@code
     * options.setBeforeSendLog(log -> log.getBody().startsWith("health") ? null : log);
     * }</pre>
     */
    public Builder setBeforeSendLog(BeforeSendLogCallback value) {
      this.beforeSendLog = value;
      return this;
    }

    /** The options. */
    public SentryOptions build() {
      return new SentryOptions(this);
    }

    private static String emptyToNull(String value) {
      return value == null || value.isEmpty() ? null : value;
    }

    private static double checkRate(String name, double value) {
      if (!(value >= 0.0 && value <= 1.0)) {
        throw new IllegalArgumentException(
            "Invalid value for option " + name + ": '" + value + "' (expected 0.0 to 1.0)");
      }
      return value;
    }

    private static int checkNonNegative(String name, int value) {
      if (value < 0) {
        throw new IllegalArgumentException(
            "Invalid value for option " + name + ": '" + value + "' (must not be negative)");
      }
      return value;
    }

    private static int checkPositive(String name, int value) {
      return (int) checkPositive(name, (long) value);
    }

    private static long checkPositive(String name, long value) {
      if (value <= 0) {
        throw new IllegalArgumentException(
            "Invalid value for option " + name + ": '" + value + "' (must be positive)");
      }
      return value;
    }

    private static Duration checkDuration(String name, Duration value) {
      if (value == null || value.isNegative()) {
        throw new IllegalArgumentException(
            "Invalid value for option " + name + ": '" + value + "' (must be zero or more)");
      }
      return value;
    }
  }
}
