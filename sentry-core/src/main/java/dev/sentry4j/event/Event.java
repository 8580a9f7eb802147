package dev.sentry4j.event;

import dev.sentry4j.tracing.TraceContext;
import dev.sentry4j.tracing.TransactionSource;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An error event on its way to Sentry. Users build one for {@code Sentry.captureEvent}; the SDK
 * fills in scope data, and {@code beforeSend} and event processors may edit it. Once handed to the
 * transport it is no longer changed. Not thread-safe: an event belongs to one capture call.
 *
 * <p>The exception's stack trace is read on the SDK's worker thread, not on the caller's.
 */
public final class Event implements BaseEvent {
  private SentryId eventId = SentryId.random();
  private Instant timestamp = Instant.now();
  private Level level;
  private String logger;
  private Message message;
  private Throwable throwable;
  private String mechanismType;
  private boolean handled = true;
  private Throwable syntheticStack;
  private long threadId;
  private String threadName;
  private final Map<String, String> tags = new LinkedHashMap<>();
  private final Map<String, Object> extras = new LinkedHashMap<>();
  private final Map<String, Map<String, Object>> contexts = new LinkedHashMap<>();
  private User user;
  private List<Breadcrumb> breadcrumbs = new ArrayList<>();
  private List<String> fingerprint;
  private String transaction;
  private TransactionSource transactionSource;
  private String environment;
  private String release;
  private String dist;
  private String serverName;
  private TraceContext traceContext;

  /** An event captured on the current thread, now. */
  public Event() {
    Thread t = Thread.currentThread();
    this.threadId = t.getId();
    this.threadName = t.getName();
  }

  /**
   * A shallow copy with its own maps and lists, so that the SDK can edit it without touching yours.
   */
  public Event copy() {
    Event e = new Event();
    e.eventId = eventId;
    e.timestamp = timestamp;
    e.level = level;
    e.logger = logger;
    e.message = message;
    e.throwable = throwable;
    e.mechanismType = mechanismType;
    e.handled = handled;
    e.syntheticStack = syntheticStack;
    e.threadId = threadId;
    e.threadName = threadName;
    e.tags.putAll(tags);
    e.extras.putAll(extras);
    for (Map.Entry<String, Map<String, Object>> c : contexts.entrySet()) {
      e.contexts.put(c.getKey(), new LinkedHashMap<>(c.getValue()));
    }
    e.user = user;
    e.breadcrumbs = new ArrayList<>(breadcrumbs);
    e.fingerprint = fingerprint == null ? null : new ArrayList<>(fingerprint);
    e.transaction = transaction;
    e.transactionSource = transactionSource;
    e.environment = environment;
    e.release = release;
    e.dist = dist;
    e.serverName = serverName;
    e.traceContext = traceContext;
    return e;
  }

  /** The event id, also returned by the capture call. */
  public SentryId getEventId() {
    return eventId;
  }

  /** Sets the event id. */
  public void setEventId(SentryId eventId) {
    this.eventId = eventId == null ? SentryId.random() : eventId;
  }

  /** When it happened (default: when the event was created). */
  public Instant getTimestamp() {
    return timestamp;
  }

  /** Sets when it happened. */
  public void setTimestamp(Instant timestamp) {
    this.timestamp = timestamp == null ? Instant.now() : timestamp;
  }

  /**
   * The level, or {@code null} to let the scope decide (then error with an exception, else info).
   */
  public Level getLevel() {
    return level;
  }

  /** Sets the level explicitly; a scope's level no longer overrides it. */
  public void setLevel(Level level) {
    this.level = level;
  }

  /** The logger name, or {@code null}. */
  public String getLogger() {
    return logger;
  }

  /** Sets the logger name. */
  public void setLogger(String logger) {
    this.logger = logger;
  }

  /** The message, or {@code null}. */
  public Message getMessage() {
    return message;
  }

  /** Sets the message. */
  public void setMessage(Message message) {
    this.message = message;
  }

  /** The exception, or {@code null}. */
  public Throwable getThrowable() {
    return throwable;
  }

  /** Sets the exception; its cause chain and suppressed exceptions are sent too. */
  public void setThrowable(Throwable throwable) {
    this.throwable = throwable;
  }

  /** How the exception was caught: {@code generic} for API calls, {@code auto.log.logback} etc. */
  public String getMechanismType() {
    return mechanismType;
  }

  /** Sets the mechanism type. */
  public void setMechanismType(String mechanismType) {
    this.mechanismType = mechanismType;
  }

  /**
   * Whether the application handled the exception (false: the uncaught-exception handler saw it).
   */
  public boolean isHandled() {
    return handled;
  }

  /** Sets whether the exception was handled. */
  public void setHandled(boolean handled) {
    this.handled = handled;
  }

  /**
   * A throwable whose stack stands for the current thread's stack ({@code attachStacktrace}), or
   * {@code null}. It is not sent as an exception.
   */
  public Throwable getSyntheticStack() {
    return syntheticStack;
  }

  /** Sets the stack holder for {@code attachStacktrace}. */
  public void setSyntheticStack(Throwable syntheticStack) {
    this.syntheticStack = syntheticStack;
  }

  /** The id of the thread the event happened on. */
  public long getThreadId() {
    return threadId;
  }

  /** The name of the thread the event happened on. */
  public String getThreadName() {
    return threadName;
  }

  /** Sets the thread the event happened on (adapters use the log record's thread). */
  public void setThread(long id, String name) {
    this.threadId = id;
    this.threadName = name;
  }

  /** The tags (mutable). */
  public Map<String, String> getTags() {
    return tags;
  }

  /** Sets one tag; a {@code null} value removes it. */
  public void setTag(String key, String value) {
    if (value == null) {
      tags.remove(key);
    } else {
      tags.put(key, value);
    }
  }

  /** The extras (mutable). */
  public Map<String, Object> getExtras() {
    return extras;
  }

  /** Sets one extra; a {@code null} value removes it. */
  public void setExtra(String key, Object value) {
    if (value == null) {
      extras.remove(key);
    } else {
      extras.put(key, value);
    }
  }

  /** The contexts by name (mutable); {@code trace} is written from {@link #getTraceContext()}. */
  public Map<String, Map<String, Object>> getContexts() {
    return contexts;
  }

  /** Sets one context; a {@code null} value removes it. */
  public void setContext(String name, Map<String, Object> value) {
    if (value == null) {
      contexts.remove(name);
    } else {
      contexts.put(name, new LinkedHashMap<>(value));
    }
  }

  /** The user, or {@code null}. */
  public User getUser() {
    return user;
  }

  /** Sets the user. */
  public void setUser(User user) {
    this.user = user;
  }

  /** The breadcrumbs, oldest first (mutable). */
  public List<Breadcrumb> getBreadcrumbs() {
    return breadcrumbs;
  }

  /** Replaces the breadcrumbs. */
  public void setBreadcrumbs(List<Breadcrumb> breadcrumbs) {
    this.breadcrumbs = breadcrumbs == null ? new ArrayList<>() : new ArrayList<>(breadcrumbs);
  }

  /** The grouping fingerprint, or {@code null} for Sentry's default grouping. */
  public List<String> getFingerprint() {
    return fingerprint == null ? null : Collections.unmodifiableList(fingerprint);
  }

  /** Sets the grouping fingerprint ({@code "{{ default }}"} stands for Sentry's own). */
  public void setFingerprint(List<String> fingerprint) {
    this.fingerprint = fingerprint == null ? null : new ArrayList<>(fingerprint);
  }

  /** The name of the transaction the event happened in, or {@code null}. */
  public String getTransaction() {
    return transaction;
  }

  /** Sets the transaction name. */
  public void setTransaction(String transaction) {
    this.transaction = transaction;
  }

  /**
   * How the transaction name was made ({@code transaction_info.source}), or {@code null}. Set from
   * the running transaction (or {@code Scope.setTransactionName(name, source)}) when the event
   * takes its transaction name from the scope.
   */
  public TransactionSource getTransactionSource() {
    return transactionSource;
  }

  /** Sets the source of the transaction name. */
  public void setTransactionSource(TransactionSource transactionSource) {
    this.transactionSource = transactionSource;
  }

  /** The environment (default from options). */
  public String getEnvironment() {
    return environment;
  }

  /** Sets the environment. */
  public void setEnvironment(String environment) {
    this.environment = environment;
  }

  /** The release (default from options). */
  public String getRelease() {
    return release;
  }

  /** Sets the release. */
  public void setRelease(String release) {
    this.release = release;
  }

  /** The distribution (default from options). */
  public String getDist() {
    return dist;
  }

  /** Sets the distribution. */
  public void setDist(String dist) {
    this.dist = dist;
  }

  /** The server name (default from options, else the host name). */
  public String getServerName() {
    return serverName;
  }

  /** Sets the server name. */
  public void setServerName(String serverName) {
    this.serverName = serverName;
  }

  /** The trace the event belongs to; filled from the active span or the scope when absent. */
  public TraceContext getTraceContext() {
    return traceContext;
  }

  /** Sets the trace the event belongs to. */
  public void setTraceContext(TraceContext traceContext) {
    this.traceContext = traceContext;
  }
}
