package dev.sentry4j.options;

import dev.sentry4j.event.Breadcrumb;
import dev.sentry4j.event.Event;
import dev.sentry4j.event.EventProcessor;
import dev.sentry4j.event.Hint;
import dev.sentry4j.event.TransactionEvent;
import dev.sentry4j.internal.MemoryBudget;
import dev.sentry4j.logs.LogItem;
import dev.sentry4j.spi.config.OptionRegistry;
import dev.sentry4j.spi.config.OptionSources;
import dev.sentry4j.spi.config.OptionSpec;
import dev.sentry4j.spi.config.Placeholders;
import dev.sentry4j.spi.config.Settings;
import dev.sentry4j.tracing.TracesSampler;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The SDK's configuration. Immutable; made by {@link Builder}, which {@link
 * dev.sentry4j.Sentry#init} hands to your code after filling it, in increasing precedence, from
 * {@code sentry.properties} on the classpath, the environment ({@code SENTRY_DSN}, ...) and system
 * properties ({@code sentry.dsn}, ...). Every option has a name; {@link Builder#setOption(String,
 * String)} sets one from text, which is how the logging adapters pass their flat properties. The
 * README's option table lists them all.
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
  public static final String DEFAULT_ENVIRONMENT = OptionRegistry.ENVIRONMENT.defaultValue();

  /** Default {@code maxBreadcrumbs}. */
  public static final int DEFAULT_MAX_BREADCRUMBS = OptionRegistry.MAX_BREADCRUMBS.defaultValue();

  /** Default {@code maxInFlight}: envelopes sent at once. */
  public static final int DEFAULT_MAX_IN_FLIGHT = OptionRegistry.MAX_IN_FLIGHT.defaultValue();

  /**
   * Largest default {@code maxQueueSize}: unset, it is one envelope per 64 KiB of heap, between 100
   * and this (this with {@code -Xmx64m} already).
   */
  public static final int DEFAULT_MAX_QUEUE_SIZE = OptionRegistry.MAX_QUEUE_SIZE.defaultValue();

  /**
   * Largest default {@code maxQueueBytes}: unset, it is 1/16 of the heap, between 1 MiB and this
   * (about 3.9 MiB with {@code -Xmx64m}).
   */
  public static final long DEFAULT_MAX_QUEUE_BYTES = OptionRegistry.MAX_QUEUE_BYTES.defaultValue();

  /** Default {@code flushTimeout}. */
  public static final Duration DEFAULT_FLUSH_TIMEOUT = OptionRegistry.FLUSH_TIMEOUT.defaultValue();

  /** Default {@code shutdownTimeout}. */
  public static final Duration DEFAULT_SHUTDOWN_TIMEOUT =
      OptionRegistry.SHUTDOWN_TIMEOUT.defaultValue();

  /** Default {@code connectTimeout}. */
  public static final Duration DEFAULT_CONNECT_TIMEOUT =
      OptionRegistry.CONNECT_TIMEOUT.defaultValue();

  /** Default {@code readTimeout}. */
  public static final Duration DEFAULT_READ_TIMEOUT = OptionRegistry.READ_TIMEOUT.defaultValue();

  /** Default {@code maxSpans} per transaction. */
  public static final int DEFAULT_MAX_SPANS = OptionRegistry.MAX_SPANS.defaultValue();

  /** Default {@code maxCacheItems}: envelopes kept in the disk spool. */
  public static final int DEFAULT_MAX_CACHE_ITEMS = OptionRegistry.MAX_CACHE_ITEMS.defaultValue();

  /** Default {@code maxCacheBytes}: bytes kept in the disk spool. */
  public static final long DEFAULT_MAX_CACHE_BYTES = OptionRegistry.MAX_CACHE_BYTES.defaultValue();

  /** Default {@code logsBatchSize}. */
  public static final int DEFAULT_LOGS_BATCH_SIZE = OptionRegistry.LOGS_BATCH_SIZE.defaultValue();

  /** Default {@code logsFlushInterval}. */
  public static final Duration DEFAULT_LOGS_FLUSH_INTERVAL =
      OptionRegistry.LOGS_FLUSH_INTERVAL.defaultValue();

  /** Default {@code maxLogsInMemory}. */
  public static final int DEFAULT_MAX_LOGS_IN_MEMORY =
      OptionRegistry.MAX_LOGS_IN_MEMORY.defaultValue();

  /** Default {@code spotlightUrl}. */
  public static final String DEFAULT_SPOTLIGHT_URL = OptionRegistry.SPOTLIGHT_URL.defaultValue();

  private final Builder source;
  private final Dsn dsn;
  private final String unresolvedDsn;
  private final boolean debug;
  private final boolean enableUncaughtExceptionHandler;
  private final EventOptions event;
  private final DeliveryOptions delivery;
  private final TracingOptions tracing;
  private final LogsOptions logs;
  private final PrivacyOptions privacy;

  private SentryOptions(Builder b) {
    this.source = b.copy();
    this.dsn = b.get(OptionRegistry.ENABLED) ? b.dsn : null;
    this.unresolvedDsn = b.dsn == null ? b.unresolvedDsn : null;
    this.debug = b.get(OptionRegistry.DEBUG);
    this.enableUncaughtExceptionHandler = b.get(OptionRegistry.ENABLE_UNCAUGHT_EXCEPTION_HANDLER);
    this.event = new EventOptions(b);
    this.delivery = new DeliveryOptions(b);
    this.tracing = new TracingOptions(b);
    this.logs = new LogsOptions(b);
    this.privacy = new PrivacyOptions(b);
  }

  /** A builder filled from {@code sentry.properties}, the environment and system properties. */
  public static Builder fromEnvironment() {
    return new Builder().apply(OptionSources.system().read());
  }

  /** An empty builder with the defaults (no environment, no system properties). */
  public static Builder builder() {
    return new Builder();
  }

  /** A builder with these options' values, for tests and adapters. */
  public Builder toBuilder() {
    return source.copy();
  }

  /** The options that shape events: environment, release, sampling, breadcrumbs, in-app frames. */
  public EventOptions getEventOptions() {
    return event;
  }

  /** The options of delivery: queue, timeouts, disk spool, client reports, Spotlight. */
  public DeliveryOptions getDeliveryOptions() {
    return delivery;
  }

  /** The options of tracing: sample rate and sampler, propagation, span limits. */
  public TracingOptions getTracingOptions() {
    return tracing;
  }

  /** The options of Sentry Logs. */
  public LogsOptions getLogsOptions() {
    return logs;
  }

  /** The options of privacy: personal data and scrubbing. */
  public PrivacyOptions getPrivacyOptions() {
    return privacy;
  }

  /** The parsed DSN, or {@code null} when the SDK is disabled. */
  public Dsn getDsn() {
    return dsn;
  }

  /** Whether a DSN is set (and {@code enabled} is not false), so that the SDK sends anything. */
  public boolean isEnabled() {
    return dsn != null;
  }

  /**
   * The placeholder given as the DSN that nothing resolved ({@code ${SENTRY_DSN}}, Logback's {@code
   * SENTRY_DSN_IS_UNDEFINED}) when no other source gave a DSN, else {@code null}. Such a DSN means
   * "no DSN": the SDK is disabled, and integrations say so in one INFO line.
   */
  public String getUnresolvedDsn() {
    return unresolvedDsn;
  }

  /**
   * Why the SDK is disabled, in the one line integrations print: no DSN, or a DSN placeholder
   * ({@code ${SENTRY_DSN}}) whose variable is not defined; {@code null} when a DSN is set.
   */
  public String getDisabledReason() {
    if (dsn != null) {
      return null;
    }
    if (unresolvedDsn != null) {
      return "No DSN: the dsn setting '"
          + unresolvedDsn
          + "' names a variable that is not defined; the SDK is disabled";
    }
    return "No DSN set: the SDK is disabled";
  }

  /**
   * Whether uncaught exceptions are reported (a default {@link Thread.UncaughtExceptionHandler}
   * chained in front of the one already installed).
   */
  public boolean isEnableUncaughtExceptionHandler() {
    return enableUncaughtExceptionHandler;
  }

  /** Whether the SDK prints diagnostics to stderr. */
  public boolean isDebug() {
    return debug;
  }

  /** The environment. */
  public String getEnvironment() {
    return event.getEnvironment();
  }

  /** The release, or {@code null}. */
  public String getRelease() {
    return event.getRelease();
  }

  /** The distribution, or {@code null}. */
  public String getDist() {
    return event.getDist();
  }

  /** The configured server name, or {@code null} for the host name. */
  public String getServerName() {
    return event.getServerName();
  }

  /** The share of error events sent, 0.0 to 1.0. */
  public double getSampleRate() {
    return event.getSampleRate();
  }

  /** The maximum breadcrumbs kept per scope. */
  public int getMaxBreadcrumbs() {
    return event.getMaxBreadcrumbs();
  }

  /** Whether message events carry the current thread's stack. */
  public boolean isAttachStacktrace() {
    return event.isAttachStacktrace();
  }

  /** Whether personal data may be sent (see the README's "What data is sent"). */
  public boolean isSendDefaultPii() {
    return privacy.isSendDefaultPii();
  }

  /** Class-name prefixes of in-app frames. */
  public List<String> getInAppIncludes() {
    return event.getInAppIncludes();
  }

  /** Class-name prefixes of frames that are not in-app. */
  public List<String> getInAppExcludes() {
    return event.getInAppExcludes();
  }

  /** Tags added to every event. */
  public Map<String, String> getTags() {
    return event.getTags();
  }

  /** Whether the same exception instance is sent only once. */
  public boolean isEnableDeduplication() {
    return event.isEnableDeduplication();
  }

  /** Envelopes sent at once (requests in flight). */
  public int getMaxInFlight() {
    return delivery.getMaxInFlight();
  }

  /** Envelopes held in memory. */
  public int getMaxQueueSize() {
    return delivery.getMaxQueueSize();
  }

  /** Serialized bytes held in memory. */
  public long getMaxQueueBytes() {
    return delivery.getMaxQueueBytes();
  }

  /** How long {@code flush()} waits. */
  public Duration getFlushTimeout() {
    return delivery.getFlushTimeout();
  }

  /** How long {@code close()} and the shutdown hook wait. */
  public Duration getShutdownTimeout() {
    return delivery.getShutdownTimeout();
  }

  /** HTTP connect timeout. */
  public Duration getConnectTimeout() {
    return delivery.getConnectTimeout();
  }

  /** HTTP response timeout. */
  public Duration getReadTimeout() {
    return delivery.getReadTimeout();
  }

  /** The {@code beforeSend} callback, or {@code null}. */
  public BeforeSendCallback getBeforeSend() {
    return source.beforeSend;
  }

  /** The {@code beforeBreadcrumb} callback, or {@code null}. */
  public BeforeBreadcrumbCallback getBeforeBreadcrumb() {
    return source.beforeBreadcrumb;
  }

  /** Event processors run for every event after the scopes' own. */
  public List<EventProcessor> getEventProcessors() {
    return source.eventProcessors;
  }

  /** The share of transactions sent, or {@code null} when tracing is off. */
  public Double getTracesSampleRate() {
    return tracing.getTracesSampleRate();
  }

  /** URL patterns that get trace headers. */
  public List<String> getTracePropagationTargets() {
    return tracing.getTracePropagationTargets();
  }

  /** Maximum child spans per transaction. */
  public int getMaxSpans() {
    return tracing.getMaxSpans();
  }

  /** Whether a W3C {@code traceparent} is propagated too. */
  public boolean isPropagateTraceparent() {
    return tracing.isPropagateTraceparent();
  }

  /** Whether a trace is continued only when both sides' org ids match. */
  public boolean isStrictTraceContinuation() {
    return tracing.isStrictTraceContinuation();
  }

  /** The organization id (else read from the DSN host), or {@code null}. */
  public String getOrgId() {
    String orgId = tracing.getOrgId();
    return orgId != null ? orgId : (dsn == null ? null : dsn.getOrgId());
  }

  /** The disk spool directory, or {@code null} for the default under the temp directory. */
  public String getCacheDirPath() {
    return delivery.getCacheDirPath();
  }

  /** Envelopes kept in the disk spool. */
  public int getMaxCacheItems() {
    return delivery.getMaxCacheItems();
  }

  /** Bytes kept in the disk spool. */
  public long getMaxCacheBytes() {
    return delivery.getMaxCacheBytes();
  }

  /** Whether dropped items are reported to Sentry. */
  public boolean isSendClientReports() {
    return delivery.isSendClientReports();
  }

  /** Whether log lines are sent to Sentry Logs. */
  public boolean isEnableLogs() {
    return logs.isEnableLogs();
  }

  /** Log items per envelope. */
  public int getLogsBatchSize() {
    return logs.getLogsBatchSize();
  }

  /** How long log items wait for a batch. */
  public Duration getLogsFlushInterval() {
    return logs.getLogsFlushInterval();
  }

  /** Log items held in memory. */
  public int getMaxLogsInMemory() {
    return logs.getMaxLogsInMemory();
  }

  /** Whether sensitive keys are scrubbed. */
  public boolean isScrubbing() {
    return privacy.isScrubbing();
  }

  /** Extra key names to scrub. */
  public List<String> getScrubKeys() {
    return privacy.getScrubKeys();
  }

  /** Key names never scrubbed. */
  public List<String> getScrubAllowKeys() {
    return privacy.getScrubAllowKeys();
  }

  /** Whether formatted messages are scrubbed by pattern. */
  public boolean isScrubMessages() {
    return privacy.isScrubMessages();
  }

  /** Whether envelopes also go to Spotlight. */
  public boolean isSpotlight() {
    return delivery.isSpotlight();
  }

  /** Spotlight's URL. */
  public String getSpotlightUrl() {
    return delivery.getSpotlightUrl();
  }

  /** The {@code tracesSampler} callback, or {@code null}. */
  public TracesSampler getTracesSampler() {
    return source.tracesSampler;
  }

  /** The {@code beforeSendTransaction} callback, or {@code null}. */
  public BeforeSendTransactionCallback getBeforeSendTransaction() {
    return source.beforeSendTransaction;
  }

  /** The {@code beforeSendLog} callback, or {@code null}. */
  public BeforeSendLogCallback getBeforeSendLog() {
    return source.beforeSendLog;
  }

  /**
   * Whether transactions are recorded: {@code tracesSampleRate} or {@code tracesSampler} is set.
   * Without either, traces are still continued and propagated, but no transaction is sent.
   */
  public boolean isTracingEnabled() {
    return tracing.getTracesSampleRate() != null || source.tracesSampler != null;
  }

  /** Edits or drops a finished transaction before it is sent. */
  @FunctionalInterface
  public interface BeforeSendTransactionCallback {
    /** Returns the transaction to send, or {@code null} to drop it. */
    TransactionEvent execute(TransactionEvent transaction, Hint hint);
  }

  /**
   * Edits or drops a Sentry Log record before it is sent. It runs on the SDK's logs thread (or the
   * thread calling {@code flush}/{@code close}), once per record, with the default attributes
   * already set; lines it logs itself are not captured again. If it throws, the record is sent
   * unchanged.
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
   * The options that shape error events: environment, release, dist, server name, sampling,
   * breadcrumbs, stack traces, in-app frames, tags, deduplication. Immutable.
   */
  public static final class EventOptions {
    private final String environment;
    private final String release;
    private final String dist;
    private final String serverName;
    private final double sampleRate;
    private final int maxBreadcrumbs;
    private final boolean attachStacktrace;
    private final List<String> inAppIncludes;
    private final List<String> inAppExcludes;
    private final Map<String, String> tags;
    private final boolean enableDeduplication;

    EventOptions(Builder b) {
      environment = b.get(OptionRegistry.ENVIRONMENT);
      release = b.get(OptionRegistry.RELEASE);
      dist = b.get(OptionRegistry.DIST);
      serverName = b.get(OptionRegistry.SERVER_NAME);
      sampleRate = b.get(OptionRegistry.SAMPLE_RATE);
      maxBreadcrumbs = b.get(OptionRegistry.MAX_BREADCRUMBS);
      attachStacktrace = b.get(OptionRegistry.ATTACH_STACKTRACE);
      inAppIncludes = b.get(OptionRegistry.IN_APP_INCLUDES);
      inAppExcludes = b.get(OptionRegistry.IN_APP_EXCLUDES);
      tags = b.get(OptionRegistry.TAGS);
      enableDeduplication = b.get(OptionRegistry.ENABLE_DEDUPLICATION);
    }

    /** The environment. */
    public String getEnvironment() {
      return environment;
    }

    /** The release, or {@code null}. */
    public String getRelease() {
      return release;
    }

    /** The distribution, or {@code null}. */
    public String getDist() {
      return dist;
    }

    /** The configured server name, or {@code null} for the host name. */
    public String getServerName() {
      return serverName;
    }

    /** The share of error events sent, 0.0 to 1.0. */
    public double getSampleRate() {
      return sampleRate;
    }

    /** The maximum breadcrumbs kept per scope. */
    public int getMaxBreadcrumbs() {
      return maxBreadcrumbs;
    }

    /** Whether message events carry the current thread's stack. */
    public boolean isAttachStacktrace() {
      return attachStacktrace;
    }

    /** Class-name prefixes of in-app frames. */
    public List<String> getInAppIncludes() {
      return inAppIncludes;
    }

    /** Class-name prefixes of frames that are not in-app. */
    public List<String> getInAppExcludes() {
      return inAppExcludes;
    }

    /** Tags added to every event. */
    public Map<String, String> getTags() {
      return tags;
    }

    /** Whether the same exception instance is sent only once. */
    public boolean isEnableDeduplication() {
      return enableDeduplication;
    }
  }

  /**
   * The options of delivery: the in-memory queue, timeouts, the disk spool, client reports and
   * Spotlight. Immutable.
   */
  public static final class DeliveryOptions {
    private final int maxQueueSize;
    private final int maxInFlight;
    private final long maxQueueBytes;
    private final Duration flushTimeout;
    private final Duration shutdownTimeout;
    private final Duration connectTimeout;
    private final Duration readTimeout;
    private final String cacheDirPath;
    private final int maxCacheItems;
    private final long maxCacheBytes;
    private final boolean sendClientReports;
    private final boolean spotlight;
    private final String spotlightUrl;

    DeliveryOptions(Builder b) {
      // unset: a share of the heap (MemoryBudget), the registry's default being the largest one
      maxQueueSize =
          b.values.containsKey(OptionRegistry.MAX_QUEUE_SIZE)
              ? b.get(OptionRegistry.MAX_QUEUE_SIZE)
              : MemoryBudget.queueSize();
      maxQueueBytes =
          b.values.containsKey(OptionRegistry.MAX_QUEUE_BYTES)
              ? b.get(OptionRegistry.MAX_QUEUE_BYTES)
              : MemoryBudget.queueBytes();
      maxInFlight = b.get(OptionRegistry.MAX_IN_FLIGHT);
      flushTimeout = b.get(OptionRegistry.FLUSH_TIMEOUT);
      shutdownTimeout = b.get(OptionRegistry.SHUTDOWN_TIMEOUT);
      connectTimeout = b.get(OptionRegistry.CONNECT_TIMEOUT);
      readTimeout = b.get(OptionRegistry.READ_TIMEOUT);
      cacheDirPath = b.get(OptionRegistry.CACHE_DIR_PATH);
      maxCacheItems = b.get(OptionRegistry.MAX_CACHE_ITEMS);
      maxCacheBytes = b.get(OptionRegistry.MAX_CACHE_BYTES);
      sendClientReports = b.get(OptionRegistry.SEND_CLIENT_REPORTS);
      spotlight = b.get(OptionRegistry.SPOTLIGHT);
      spotlightUrl = b.get(OptionRegistry.SPOTLIGHT_URL);
    }

    /** Envelopes sent at once (requests in flight). */
    public int getMaxInFlight() {
      return maxInFlight;
    }

    /** Envelopes held in memory. */
    public int getMaxQueueSize() {
      return maxQueueSize;
    }

    /** Serialized bytes held in memory. */
    public long getMaxQueueBytes() {
      return maxQueueBytes;
    }

    /** How long {@code flush()} waits. */
    public Duration getFlushTimeout() {
      return flushTimeout;
    }

    /** How long {@code close()} and the shutdown hook wait. */
    public Duration getShutdownTimeout() {
      return shutdownTimeout;
    }

    /** HTTP connect timeout. */
    public Duration getConnectTimeout() {
      return connectTimeout;
    }

    /** HTTP response timeout. */
    public Duration getReadTimeout() {
      return readTimeout;
    }

    /** The disk spool directory, or {@code null} for the default under the temp directory. */
    public String getCacheDirPath() {
      return cacheDirPath;
    }

    /** Envelopes kept in the disk spool. */
    public int getMaxCacheItems() {
      return maxCacheItems;
    }

    /** Bytes kept in the disk spool. */
    public long getMaxCacheBytes() {
      return maxCacheBytes;
    }

    /** Whether dropped items are reported to Sentry. */
    public boolean isSendClientReports() {
      return sendClientReports;
    }

    /** Whether envelopes also go to Spotlight. */
    public boolean isSpotlight() {
      return spotlight;
    }

    /** Spotlight's URL. */
    public String getSpotlightUrl() {
      return spotlightUrl;
    }
  }

  /** The options of tracing: sample rate, propagation and span limits. Immutable. */
  public static final class TracingOptions {
    private final Double tracesSampleRate;
    private final List<String> tracePropagationTargets;
    private final int maxSpans;
    private final boolean propagateTraceparent;
    private final boolean strictTraceContinuation;
    private final String orgId;

    TracingOptions(Builder b) {
      tracesSampleRate = b.get(OptionRegistry.TRACES_SAMPLE_RATE);
      tracePropagationTargets = b.get(OptionRegistry.TRACE_PROPAGATION_TARGETS);
      maxSpans = b.get(OptionRegistry.MAX_SPANS);
      propagateTraceparent = b.get(OptionRegistry.PROPAGATE_TRACEPARENT);
      strictTraceContinuation = b.get(OptionRegistry.STRICT_TRACE_CONTINUATION);
      orgId = b.get(OptionRegistry.ORG_ID);
    }

    /** The share of transactions sent, or {@code null} when unset. */
    public Double getTracesSampleRate() {
      return tracesSampleRate;
    }

    /** URL patterns that get trace headers. */
    public List<String> getTracePropagationTargets() {
      return tracePropagationTargets;
    }

    /** Maximum child spans per transaction. */
    public int getMaxSpans() {
      return maxSpans;
    }

    /** Whether a W3C {@code traceparent} is propagated too. */
    public boolean isPropagateTraceparent() {
      return propagateTraceparent;
    }

    /** Whether a trace is continued only when both sides' org ids match. */
    public boolean isStrictTraceContinuation() {
      return strictTraceContinuation;
    }

    /** The organization id as configured ({@code null}: read from the DSN). */
    public String getOrgId() {
      return orgId;
    }
  }

  /** The options of Sentry Logs. Immutable. */
  public static final class LogsOptions {
    private final boolean enableLogs;
    private final int logsBatchSize;
    private final Duration logsFlushInterval;
    private final int maxLogsInMemory;

    LogsOptions(Builder b) {
      enableLogs = b.get(OptionRegistry.ENABLE_LOGS);
      logsBatchSize = b.get(OptionRegistry.LOGS_BATCH_SIZE);
      logsFlushInterval = b.get(OptionRegistry.LOGS_FLUSH_INTERVAL);
      maxLogsInMemory = b.get(OptionRegistry.MAX_LOGS_IN_MEMORY);
    }

    /** Whether log lines are sent to Sentry Logs. */
    public boolean isEnableLogs() {
      return enableLogs;
    }

    /** Log items per envelope. */
    public int getLogsBatchSize() {
      return logsBatchSize;
    }

    /** How long log items wait for a batch. */
    public Duration getLogsFlushInterval() {
      return logsFlushInterval;
    }

    /** Log items held in memory. */
    public int getMaxLogsInMemory() {
      return maxLogsInMemory;
    }
  }

  /** The options of privacy: personal data and scrubbing. Immutable. */
  public static final class PrivacyOptions {
    private final boolean sendDefaultPii;
    private final boolean scrubbing;
    private final List<String> scrubKeys;
    private final List<String> scrubAllowKeys;
    private final boolean scrubMessages;

    PrivacyOptions(Builder b) {
      sendDefaultPii = b.get(OptionRegistry.SEND_DEFAULT_PII);
      scrubbing = b.get(OptionRegistry.SCRUBBING);
      scrubKeys = b.get(OptionRegistry.SCRUB_KEYS);
      scrubAllowKeys = b.get(OptionRegistry.SCRUB_ALLOW_KEYS);
      scrubMessages = b.get(OptionRegistry.SCRUB_MESSAGES);
    }

    /** Whether personal data may be sent. */
    public boolean isSendDefaultPii() {
      return sendDefaultPii;
    }

    /** Whether sensitive keys are scrubbed. */
    public boolean isScrubbing() {
      return scrubbing;
    }

    /** Extra key names to scrub. */
    public List<String> getScrubKeys() {
      return scrubKeys;
    }

    /** Key names never scrubbed. */
    public List<String> getScrubAllowKeys() {
      return scrubAllowKeys;
    }

    /** Whether formatted messages are scrubbed by pattern. */
    public boolean isScrubMessages() {
      return scrubMessages;
    }
  }

  /**
   * Builds {@link SentryOptions}. Every text-settable option is declared once in {@link
   * OptionRegistry} (name, type, default, rule); a setter here stores a checked value under its
   * declaration, and an option never set reads the declared default. Not thread-safe.
   */
  public static final class Builder {
    private final Map<OptionSpec<?>, Object> values = new IdentityHashMap<>();
    private Dsn dsn;
    private String unresolvedDsn;
    // code-only options
    private BeforeSendCallback beforeSend;
    private BeforeBreadcrumbCallback beforeBreadcrumb;
    private List<EventProcessor> eventProcessors = Collections.emptyList();
    private TracesSampler tracesSampler;
    private BeforeSendTransactionCallback beforeSendTransaction;
    private BeforeSendLogCallback beforeSendLog;

    Builder() {}

    Builder copy() {
      Builder c = new Builder();
      c.values.putAll(values);
      c.dsn = dsn;
      c.unresolvedDsn = unresolvedDsn;
      c.beforeSend = beforeSend;
      c.beforeBreadcrumb = beforeBreadcrumb;
      c.eventProcessors = eventProcessors;
      c.tracesSampler = tracesSampler;
      c.beforeSendTransaction = beforeSendTransaction;
      c.beforeSendLog = beforeSendLog;
      return c;
    }

    /** The value of {@code spec}: the one set, else its declared default. */
    @SuppressWarnings("unchecked")
    public <T> T get(OptionSpec<T> spec) {
      return values.containsKey(spec) ? (T) values.get(spec) : spec.defaultValue();
    }

    /**
     * Sets {@code spec} to {@code value} after checking it against the option's rule; {@code null}
     * restores the default.
     *
     * @throws IllegalArgumentException naming the option and the value
     */
    public <T> Builder set(OptionSpec<T> spec, T value) {
      if (spec == OptionRegistry.DSN) {
        return setDsn((String) value);
      }
      if (value == null) {
        values.remove(spec);
      } else {
        values.put(spec, spec.check(value));
      }
      return this;
    }

    /**
     * Sets an option by its name from text, as found in a properties file, an environment variable
     * or an appender property. Unknown names and bad values fail with a message naming them.
     *
     * @throws IllegalArgumentException naming the option and the bad value
     */
    public Builder setOption(String name, String value) {
      OptionSpec<?> spec = OptionRegistry.find(name);
      if (spec == null) {
        OptionSpec<?> close = OptionRegistry.suggest(name);
        throw new IllegalArgumentException(
            "Unknown Sentry option '"
                + name
                + "'"
                + (close == null ? "" : " (did you mean '" + close.name() + "'?)"));
      }
      return setText(spec, value);
    }

    /**
     * Applies every SDK option of {@code settings} (what {@link OptionSources} read), in their
     * precedence; integration settings ({@code mdc.*}) are left to the integrations.
     *
     * @throws IllegalArgumentException naming the source, the option and the bad value
     */
    public Builder apply(Settings settings) {
      for (Settings.Setting s : settings.all()) {
        if (OptionRegistry.find(s.spec().name()) == null) {
          continue;
        }
        try {
          setText(s.spec(), s.value());
        } catch (IllegalArgumentException e) {
          throw s.invalid(e);
        }
      }
      return this;
    }

    private <T> Builder setText(OptionSpec<T> spec, String text) {
      String t = text == null ? "" : text.trim();
      if (spec == OptionRegistry.DSN) {
        return setDsn(t);
      }
      if (spec == OptionRegistry.SPOTLIGHT
          && (t.startsWith("http://") || t.startsWith("https://"))) {
        return setSpotlight(true).setSpotlightUrl(t);
      }
      return set(spec, spec.parse(t));
    }

    /** The DSN as text, or {@code null} when unset. */
    public String getDsn() {
      return dsn == null ? null : dsn.text();
    }

    /**
     * Option {@code dsn}: where to send ({@code https://key@host/project}). Unset or empty disables
     * the SDK.
     *
     * @throws IllegalArgumentException naming the value when it is not a valid DSN
     */
    public Builder setDsn(String value) {
      if (Placeholders.isPlaceholder(value)) {
        // ${SENTRY_DSN} left unresolved by the configuration (Logback: SENTRY_DSN_IS_UNDEFINED):
        // resolve it once more, else the setting is absent, as sentry-java treats it
        String resolved = Placeholders.resolve(value, Builder::getenv);
        if (resolved == null) {
          this.unresolvedDsn = value.trim();
          return this;
        }
        value = resolved;
      }
      this.unresolvedDsn = null;
      this.dsn = value == null || value.trim().isEmpty() ? null : Dsn.parse(value.trim());
      return this;
    }

    private static String getenv(String name) {
      try {
        return System.getenv(name);
      } catch (RuntimeException e) { // SecurityException
        return null;
      }
    }

    /**
     * Option {@code enableUncaughtExceptionHandler}: report exceptions that end a thread (event
     * level fatal, mechanism {@code UncaughtExceptionHandler}, {@code handled=false}), then hand
     * them to the handler that was installed before; default true. {@code Sentry.close()} puts the
     * previous handler back.
     */
    public Builder setEnableUncaughtExceptionHandler(boolean value) {
      return set(OptionRegistry.ENABLE_UNCAUGHT_EXCEPTION_HANDLER, value);
    }

    /** Option {@code enabled}: {@code false} keeps the SDK off whatever the DSN (sentry-java's). */
    public Builder setEnabled(boolean value) {
      return set(OptionRegistry.ENABLED, value);
    }

    /** Option {@code environment}; empty restores the default. */
    public Builder setEnvironment(String value) {
      return set(OptionRegistry.ENVIRONMENT, emptyToNull(value));
    }

    /** Option {@code release}, such as {@code shop@1.4.2}. */
    public Builder setRelease(String value) {
      return set(OptionRegistry.RELEASE, emptyToNull(value));
    }

    /** Option {@code dist}: the build variant. */
    public Builder setDist(String value) {
      return set(OptionRegistry.DIST, emptyToNull(value));
    }

    /** Option {@code serverName}; unset: the host name (resolved off the caller's thread). */
    public Builder setServerName(String value) {
      return set(OptionRegistry.SERVER_NAME, emptyToNull(value));
    }

    /** Option {@code debug}: print the SDK's diagnostics to stderr. */
    public Builder setDebug(boolean value) {
      return set(OptionRegistry.DEBUG, value);
    }

    /**
     * Option {@code sampleRate}: the share of error events sent.
     *
     * @throws IllegalArgumentException naming the value when outside 0.0 to 1.0
     */
    public Builder setSampleRate(double value) {
      return set(OptionRegistry.SAMPLE_RATE, value);
    }

    /** Option {@code maxBreadcrumbs}: breadcrumbs kept per scope. */
    public Builder setMaxBreadcrumbs(int value) {
      return set(OptionRegistry.MAX_BREADCRUMBS, value);
    }

    /** Option {@code attachStacktrace}: message events carry the thread's stack. */
    public Builder setAttachStacktrace(boolean value) {
      return set(OptionRegistry.ATTACH_STACKTRACE, value);
    }

    /**
     * Option {@code sendDefaultPii}: let the SDK and integrations collect personal data. See {@link
     * dev.sentry4j.spi.PiiPolicy} for exactly what it changes.
     */
    public Builder setSendDefaultPii(boolean value) {
      return set(OptionRegistry.SEND_DEFAULT_PII, value);
    }

    /** Option {@code inAppIncludes}: class-name prefixes of your code. */
    public Builder setInAppIncludes(List<String> value) {
      return set(OptionRegistry.IN_APP_INCLUDES, value == null ? null : List.copyOf(value));
    }

    /** Option {@code inAppExcludes}: class-name prefixes of library code. */
    public Builder setInAppExcludes(List<String> value) {
      return set(OptionRegistry.IN_APP_EXCLUDES, value == null ? null : List.copyOf(value));
    }

    /** Option {@code tags}: tags added to every event. */
    public Builder setTags(Map<String, String> value) {
      return set(
          OptionRegistry.TAGS,
          value == null ? null : Collections.unmodifiableMap(new LinkedHashMap<>(value)));
    }

    /** Adds one tag to option {@code tags}. */
    public Builder addTag(String key, String value) {
      Map<String, String> copy = new LinkedHashMap<>(get(OptionRegistry.TAGS));
      copy.put(key, value);
      return set(OptionRegistry.TAGS, Collections.unmodifiableMap(copy));
    }

    /** Option {@code enableDeduplication}: send one event per exception instance. */
    public Builder setEnableDeduplication(boolean value) {
      return set(OptionRegistry.ENABLE_DEDUPLICATION, value);
    }

    /**
     * Option {@code maxInFlight}: envelopes sent at once, as HTTP/2 streams where Sentry offers
     * HTTP/2, else over as many HTTP/1.1 connections; default 64. Throughput is about {@code
     * maxInFlight} ÷ round-trip time.
     */
    public Builder setMaxInFlight(int value) {
      return set(OptionRegistry.MAX_IN_FLIGHT, value);
    }

    /**
     * Option {@code maxQueueSize}: captured envelopes waiting in memory to be serialized; more are
     * dropped and counted ({@code queue_overflow}).
     */
    public Builder setMaxQueueSize(int value) {
      return set(OptionRegistry.MAX_QUEUE_SIZE, value);
    }

    /**
     * Option {@code maxQueueBytes}: serialized envelopes held in memory for sending; more go to the
     * disk spool.
     */
    public Builder setMaxQueueBytes(long value) {
      return set(OptionRegistry.MAX_QUEUE_BYTES, value);
    }

    /** Option {@code flushTimeout}: how long {@code flush()} waits. */
    public Builder setFlushTimeout(Duration value) {
      return set(OptionRegistry.FLUSH_TIMEOUT, checkNotNull(OptionRegistry.FLUSH_TIMEOUT, value));
    }

    /** Option {@code shutdownTimeout}: how long {@code close()} waits. */
    public Builder setShutdownTimeout(Duration value) {
      return set(
          OptionRegistry.SHUTDOWN_TIMEOUT, checkNotNull(OptionRegistry.SHUTDOWN_TIMEOUT, value));
    }

    /** Option {@code connectTimeout}: HTTP connect timeout. */
    public Builder setConnectTimeout(Duration value) {
      return set(
          OptionRegistry.CONNECT_TIMEOUT, checkNotNull(OptionRegistry.CONNECT_TIMEOUT, value));
    }

    /** Option {@code readTimeout}: HTTP response timeout. */
    public Builder setReadTimeout(Duration value) {
      return set(OptionRegistry.READ_TIMEOUT, checkNotNull(OptionRegistry.READ_TIMEOUT, value));
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

    /** Option {@code tracesSampleRate}: the share of transactions sent; {@code null}: off. */
    public Builder setTracesSampleRate(Double value) {
      return set(OptionRegistry.TRACES_SAMPLE_RATE, value);
    }

    /** Option {@code tracePropagationTargets}: URL substrings or regexes. */
    public Builder setTracePropagationTargets(List<String> value) {
      return set(
          OptionRegistry.TRACE_PROPAGATION_TARGETS,
          value == null ? Collections.emptyList() : List.copyOf(value));
    }

    /** Option {@code maxSpans}: child spans per transaction. */
    public Builder setMaxSpans(int value) {
      return set(OptionRegistry.MAX_SPANS, value);
    }

    /** Option {@code propagateTraceparent}: also propagate W3C traceparent. */
    public Builder setPropagateTraceparent(boolean value) {
      return set(OptionRegistry.PROPAGATE_TRACEPARENT, value);
    }

    /** Option {@code strictTraceContinuation}: require matching org ids. */
    public Builder setStrictTraceContinuation(boolean value) {
      return set(OptionRegistry.STRICT_TRACE_CONTINUATION, value);
    }

    /** Option {@code orgId}: the organization id; unset: read from the DSN host. */
    public Builder setOrgId(String value) {
      return set(OptionRegistry.ORG_ID, emptyToNull(value));
    }

    /**
     * Option {@code cacheDirPath}: where the disk spool lives, in a folder per DSN; unset: {@code
     * <java.io.tmpdir>/sentry4j}.
     */
    public Builder setCacheDirPath(String value) {
      return set(OptionRegistry.CACHE_DIR_PATH, emptyToNull(value));
    }

    /** Option {@code maxCacheItems}: envelopes kept on disk; 0 turns the spool off. */
    public Builder setMaxCacheItems(int value) {
      return set(OptionRegistry.MAX_CACHE_ITEMS, value);
    }

    /** Option {@code maxCacheBytes}: bytes kept on disk. */
    public Builder setMaxCacheBytes(long value) {
      return set(OptionRegistry.MAX_CACHE_BYTES, value);
    }

    /** Option {@code sendClientReports}: report dropped items to Sentry. */
    public Builder setSendClientReports(boolean value) {
      return set(OptionRegistry.SEND_CLIENT_REPORTS, value);
    }

    /** Option {@code enableLogs}: send log lines to Sentry Logs. */
    public Builder setEnableLogs(boolean value) {
      return set(OptionRegistry.ENABLE_LOGS, value);
    }

    /** Option {@code logsBatchSize}: log items per envelope (at most 100). */
    public Builder setLogsBatchSize(int value) {
      return set(OptionRegistry.LOGS_BATCH_SIZE, value);
    }

    /** Option {@code logsFlushInterval}: how long log items wait for a batch. */
    public Builder setLogsFlushInterval(Duration value) {
      return set(
          OptionRegistry.LOGS_FLUSH_INTERVAL,
          checkNotNull(OptionRegistry.LOGS_FLUSH_INTERVAL, value));
    }

    /** Option {@code maxLogsInMemory}: log items buffered. */
    public Builder setMaxLogsInMemory(int value) {
      return set(OptionRegistry.MAX_LOGS_IN_MEMORY, value);
    }

    /**
     * Option {@code scrubbing}: replace values of sensitive keys by [Filtered]. See {@link
     * dev.sentry4j.internal.privacy.Scrubber} for the deny list and how keys match.
     */
    public Builder setScrubbing(boolean value) {
      return set(OptionRegistry.SCRUBBING, value);
    }

    /**
     * Option {@code scrubKeys}: more key names to scrub, matched as whole words of a key ({@code
     * *word*} matches anywhere).
     */
    public Builder setScrubKeys(List<String> value) {
      return set(OptionRegistry.SCRUB_KEYS, value == null ? null : List.copyOf(value));
    }

    /** Option {@code scrubAllowKeys}: key names never scrubbed, ignoring case and separators. */
    public Builder setScrubAllowKeys(List<String> value) {
      return set(OptionRegistry.SCRUB_ALLOW_KEYS, value == null ? null : List.copyOf(value));
    }

    /**
     * Option {@code scrubMessages}: also scrub messages, breadcrumb messages and exception messages
     * by pattern ({@code key=value} secrets, URL passwords, bearer tokens, card numbers).
     */
    public Builder setScrubMessages(boolean value) {
      return set(OptionRegistry.SCRUB_MESSAGES, value);
    }

    /** Option {@code spotlight}: also send every envelope to Spotlight. */
    public Builder setSpotlight(boolean value) {
      return set(OptionRegistry.SPOTLIGHT, value);
    }

    /** Option {@code spotlightUrl}; empty restores the default. */
    public Builder setSpotlightUrl(String value) {
      return set(OptionRegistry.SPOTLIGHT_URL, emptyToNull(value));
    }

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

    private static <T> T checkNotNull(OptionSpec<T> spec, T value) {
      if (value == null) {
        throw new IllegalArgumentException(
            "Invalid value for option " + spec.name() + ": 'null' (must be zero or more)");
      }
      return value;
    }
  }
}
