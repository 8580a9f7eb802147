package dev.sentry4j.event;

import dev.sentry4j.tracing.SpanData;
import dev.sentry4j.tracing.TransactionSource;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A finished transaction on its way to Sentry: its name and source, the root span (sent as {@code
 * contexts.trace}; its tags become the event's tags), the finished child spans, and the scope data
 * merged in when it is captured. {@code beforeSendTransaction} and event processors may edit it,
 * e.g. remove spans from {@link #getSpans()}. Once handed to the transport it is no longer changed.
 * Not thread-safe: it belongs to one capture call.
 */
public final class TransactionEvent implements BaseEvent {
  private SentryId eventId = SentryId.random();
  private String transaction;
  private TransactionSource source;
  private SpanData rootSpan;
  private final List<SpanData> spans;
  private final boolean sampled;
  private final int droppedSpanCount;
  private final Map<String, String> dynamicSamplingContext;
  private final Map<String, String> tags = new LinkedHashMap<>();
  private final Map<String, Object> extras = new LinkedHashMap<>();
  private final Map<String, Map<String, Object>> contexts = new LinkedHashMap<>();
  private User user;
  private List<Breadcrumb> breadcrumbs = new ArrayList<>();
  private String environment;
  private String release;
  private String dist;
  private String serverName;

  /**
   * Creates a transaction event (the SDK makes them when a transaction finishes).
   *
   * @param name the transaction name
   * @param source how the name was made
   * @param rootSpan the transaction's own span; its tags become the event's tags
   * @param spans the finished child spans (copied into a mutable list)
   * @param sampled whether the transaction was sampled; unsampled ones are only counted, never sent
   * @param droppedSpanCount child spans not in {@code spans}: unfinished, over {@code maxSpans}, or
   *     all of them when not sampled
   * @param dynamicSamplingContext the trace's frozen DSC for the envelope's {@code trace} header,
   *     or {@code null}
   */
  public TransactionEvent(
      String name,
      TransactionSource source,
      SpanData rootSpan,
      List<SpanData> spans,
      boolean sampled,
      int droppedSpanCount,
      Map<String, String> dynamicSamplingContext) {
    this.transaction = name;
    this.source = source == null ? TransactionSource.CUSTOM : source;
    this.rootSpan = rootSpan;
    this.spans = spans == null ? new ArrayList<>() : new ArrayList<>(spans);
    this.sampled = sampled;
    this.droppedSpanCount = Math.max(0, droppedSpanCount);
    this.dynamicSamplingContext =
        dynamicSamplingContext == null ? null : Collections.unmodifiableMap(dynamicSamplingContext);
    if (rootSpan != null) {
      tags.putAll(rootSpan.getTags());
    }
  }

  @Override
  public SentryId getEventId() {
    return eventId;
  }

  /** Sets the event id. */
  public void setEventId(SentryId eventId) {
    this.eventId = eventId == null ? SentryId.random() : eventId;
  }

  /** The transaction name. */
  public String getTransaction() {
    return transaction;
  }

  /** Renames the transaction. */
  public void setTransaction(String transaction) {
    this.transaction = transaction;
  }

  /** How the name was made. */
  public TransactionSource getSource() {
    return source;
  }

  /** Sets how the name was made. */
  public void setSource(TransactionSource source) {
    this.source = source == null ? TransactionSource.CUSTOM : source;
  }

  /** The root span ({@code contexts.trace}), or {@code null} for an unsampled transaction. */
  public SpanData getRootSpan() {
    return rootSpan;
  }

  /**
   * Replaces the root span with an edited copy of itself ({@link SpanData#withContent}), as the
   * scrubber does with its data. Ignored when {@code rootSpan} is {@code null} or another span (a
   * different span id), so that the transaction keeps its identity. Its tags were copied into
   * {@link #getTags()} when the transaction was made; edit those there.
   */
  public void setRootSpan(SpanData rootSpan) {
    if (rootSpan != null
        && this.rootSpan != null
        && rootSpan.getSpanId().equals(this.rootSpan.getSpanId())) {
      this.rootSpan = rootSpan;
    }
  }

  /** The trace id, or {@code null} when there is no root span. */
  public String getTraceId() {
    return rootSpan == null ? null : rootSpan.getTraceId();
  }

  /** When the transaction started. */
  public Instant getStartTimestamp() {
    return rootSpan == null ? null : rootSpan.getStartTimestamp();
  }

  /** When the transaction finished. */
  public Instant getTimestamp() {
    return rootSpan == null ? null : rootSpan.getTimestamp();
  }

  /** The finished child spans (mutable: remove what should not be sent). */
  public List<SpanData> getSpans() {
    return spans;
  }

  /** Whether the transaction was sampled. */
  public boolean isSampled() {
    return sampled;
  }

  /** Child spans left out of {@link #getSpans()} when it was made. */
  public int getDroppedSpanCount() {
    return droppedSpanCount;
  }

  /** The trace's frozen Dynamic Sampling Context (the envelope's {@code trace} header), or null. */
  public Map<String, String> getDynamicSamplingContext() {
    return dynamicSamplingContext;
  }

  @Override
  public Map<String, String> getTags() {
    return tags;
  }

  @Override
  public Map<String, Object> getExtras() {
    return extras;
  }

  @Override
  public Map<String, Map<String, Object>> getContexts() {
    return contexts;
  }

  @Override
  public User getUser() {
    return user;
  }

  @Override
  public void setUser(User user) {
    this.user = user;
  }

  @Override
  public List<Breadcrumb> getBreadcrumbs() {
    return breadcrumbs;
  }

  @Override
  public void setBreadcrumbs(List<Breadcrumb> breadcrumbs) {
    this.breadcrumbs = breadcrumbs == null ? new ArrayList<>() : new ArrayList<>(breadcrumbs);
  }

  @Override
  public String getEnvironment() {
    return environment;
  }

  @Override
  public void setEnvironment(String environment) {
    this.environment = environment;
  }

  @Override
  public String getRelease() {
    return release;
  }

  @Override
  public void setRelease(String release) {
    this.release = release;
  }

  @Override
  public String getDist() {
    return dist;
  }

  @Override
  public void setDist(String dist) {
    this.dist = dist;
  }

  @Override
  public String getServerName() {
    return serverName;
  }

  @Override
  public void setServerName(String serverName) {
    this.serverName = serverName;
  }

  @Override
  public String toString() {
    return "TransactionEvent[" + transaction + ", " + spans.size() + " spans]";
  }
}
