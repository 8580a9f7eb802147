package dev.sentry4j.client;

import dev.sentry4j.ClientStats;
import dev.sentry4j.Hint;
import dev.sentry4j.SentryClient;
import dev.sentry4j.SentryId;
import dev.sentry4j.SentryOptions;
import dev.sentry4j.clientreport.DataCategory;
import dev.sentry4j.clientreport.DiscardCounter;
import dev.sentry4j.clientreport.DiscardReason;
import dev.sentry4j.envelope.Envelope;
import dev.sentry4j.envelope.EnvelopeItem;
import dev.sentry4j.envelope.ItemType;
import dev.sentry4j.event.Breadcrumb;
import dev.sentry4j.event.Event;
import dev.sentry4j.event.EventProcessor;
import dev.sentry4j.internal.Diagnostics;
import dev.sentry4j.internal.FrozenValues;
import dev.sentry4j.internal.HostName;
import dev.sentry4j.internal.Integrations;
import dev.sentry4j.internal.json.EventWriter;
import dev.sentry4j.scope.Scope;
import dev.sentry4j.scope.Scopes;
import dev.sentry4j.tracing.TraceContext;
import dev.sentry4j.transport.ApacheHttpSender;
import dev.sentry4j.transport.AsyncTransport;
import dev.sentry4j.transport.Transport;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The client that sends. On the capturing thread it deduplicates, merges the scopes into the event,
 * freezes user values, runs event processors and {@code beforeSend}, samples, and queues an envelope;
 * serialization and I/O happen on the transport's worker. Thread-safe; capture never throws.
 */
public final class DefaultSentryClient implements SentryClient {
  private final SentryOptions options;
  private final Transport transport;
  private final DiscardCounter discards;
  private final Deduplicator deduplicator = new Deduplicator();
  private final EventWriter eventWriter;
  private volatile boolean closed;

  /**
   * Creates a client over a given transport (tests pass their own).
   *
   * @param options the options; must have a DSN
   * @param transport delivers envelopes
   * @param discards counts what is dropped
   */
  public DefaultSentryClient(SentryOptions options, Transport transport, DiscardCounter discards) {
    this.options = options;
    this.transport = transport;
    this.discards = discards;
    String serverName = options.getServerName();
    this.eventWriter =
        new EventWriter(
            options.getInAppIncludes(),
            options.getInAppExcludes(),
            Integrations::all,
            serverName != null ? () -> serverName : HostName::get);
  }

  /** A client sending over HTTP to the options' DSN. */
  public static DefaultSentryClient create(SentryOptions options) {
    DiscardCounter discards = new DiscardCounter();
    ApacheHttpSender sender =
        new ApacheHttpSender(options.getDsn(), options.getConnectTimeout(), options.getReadTimeout());
    AsyncTransport transport = new AsyncTransport(options, sender, discards);
    return new DefaultSentryClient(options, transport, discards);
  }

  @Override
  public boolean isEnabled() {
    return !closed;
  }

  @Override
  public SentryOptions getOptions() {
    return options;
  }

  /** The drop counters (for client reports and health endpoints). */
  public DiscardCounter getDiscards() {
    return discards;
  }

  @Override
  public SentryId captureEvent(Event event, Hint hint, Scopes scopes) {
    if (event == null || closed) {
      return SentryId.EMPTY;
    }
    try {
      return process(event, hint == null ? new Hint() : hint, scopes);
    } catch (RuntimeException e) {
      discards.record(DiscardReason.INTERNAL_SDK_ERROR, DataCategory.ERROR, 1);
      Diagnostics.error("capture", "Could not capture an event; dropped", e);
      return SentryId.EMPTY;
    }
  }

  private SentryId process(Event event, Hint hint, Scopes scopes) {
    Throwable throwable = event.getThrowable();
    if (throwable != null) {
      if (hint.getThrowable() == null) {
        hint.set(Hint.THROWABLE, throwable);
      }
      if (options.isEnableDeduplication() && deduplicator.isDuplicate(throwable)) {
        discards.record(DiscardReason.EVENT_PROCESSOR, DataCategory.ERROR, 1);
        Diagnostics.debug("Event dropped: the same exception was captured before");
        return SentryId.EMPTY;
      }
    }
    Event e = event;
    if (scopes != null) {
      applyScopes(e, scopes);
    }
    applyOptions(e);
    e = runProcessors(e, hint, scopes);
    if (e == null) {
      discards.record(DiscardReason.EVENT_PROCESSOR, DataCategory.ERROR, 1);
      return SentryId.EMPTY;
    }
    e = runBeforeSend(e, hint);
    if (e == null) {
      discards.record(DiscardReason.BEFORE_SEND, DataCategory.ERROR, 1);
      Diagnostics.debug("Event dropped by beforeSend");
      return SentryId.EMPTY;
    }
    if (options.getSampleRate() < 1.0
        && ThreadLocalRandom.current().nextDouble() >= options.getSampleRate()) {
      discards.record(DiscardReason.SAMPLE_RATE, DataCategory.ERROR, 1);
      return SentryId.EMPTY;
    }
    if (throwable != null && options.isEnableDeduplication()) {
      deduplicator.remember(throwable);
    }
    Event frozen = e;
    Map<String, Object> headers = Map.of("content_type", "application/json");
    EnvelopeItem item =
        EnvelopeItem.lazy(ItemType.EVENT, frozen, 1, headers, () -> eventWriter.write(frozen));
    Envelope envelope =
        new Envelope(frozen.getEventId(), traceHeader(frozen, scopes), List.of(item));
    return transport.send(envelope) ? frozen.getEventId() : SentryId.EMPTY;
  }

  /** Merges global ▸ isolation ▸ current ▸ the event's own data; the more specific wins. */
  private void applyScopes(Event e, Scopes scopes) {
    Scope[] layers = {scopes.getGlobalScope(), scopes.getIsolationScope(), scopes.getCurrentScope()};
    Map<String, String> tags = new LinkedHashMap<>(options.getTags());
    Map<String, Object> extras = new LinkedHashMap<>();
    Map<String, Map<String, Object>> contexts = new LinkedHashMap<>();
    List<Breadcrumb> crumbs = new ArrayList<>();
    for (Scope s : layers) {
      tags.putAll(s.getTags());
      extras.putAll(s.getExtras());
      contexts.putAll(s.getContexts());
      crumbs.addAll(s.getBreadcrumbs());
    }
    if (e.getUser() == null) {
      e.setUser(firstNonNull(layers[2].getUser(), layers[1].getUser(), layers[0].getUser()));
    }
    tags.putAll(e.getTags());
    e.getTags().clear();
    e.getTags().putAll(tags);
    extras.putAll(e.getExtras());
    e.getExtras().clear();
    for (Map.Entry<String, Object> x : extras.entrySet()) {
      e.getExtras().put(x.getKey(), FrozenValues.freeze(x.getValue()));
    }
    contexts.putAll(e.getContexts());
    e.getContexts().clear();
    for (Map.Entry<String, Map<String, Object>> c : contexts.entrySet()) {
      e.getContexts().put(c.getKey(), new LinkedHashMap<>(FrozenValues.freezeMap(c.getValue())));
    }
    if (e.getLevel() == null) {
      e.setLevel(firstNonNull(layers[2].getLevel(), layers[1].getLevel(), layers[0].getLevel()));
    }
    if (e.getFingerprint() == null) {
      e.setFingerprint(
          firstNonNull(layers[2].getFingerprint(), layers[1].getFingerprint(), layers[0].getFingerprint()));
    }
    if (e.getTransaction() == null) {
      e.setTransaction(
          firstNonNull(
              layers[2].getTransactionName(),
              layers[1].getTransactionName(),
              layers[0].getTransactionName()));
    }
    crumbs.addAll(e.getBreadcrumbs());
    crumbs.sort(Comparator.comparing(Breadcrumb::getTimestamp));
    int max = options.getMaxBreadcrumbs();
    e.setBreadcrumbs(crumbs.size() > max ? crumbs.subList(crumbs.size() - max, crumbs.size()) : crumbs);
    if (e.getTraceContext() == null) {
      e.setTraceContext(scopes.getTraceContext());
    }
  }

  private void applyOptions(Event e) {
    if (e.getEnvironment() == null) {
      e.setEnvironment(options.getEnvironment());
    }
    if (e.getRelease() == null) {
      e.setRelease(options.getRelease());
    }
    if (e.getDist() == null) {
      e.setDist(options.getDist());
    }
    if (e.getServerName() == null) {
      e.setServerName(options.getServerName());
    }
    for (Map.Entry<String, String> t : options.getTags().entrySet()) {
      e.getTags().putIfAbsent(t.getKey(), t.getValue());
    }
    e.getContexts().putIfAbsent("runtime", new LinkedHashMap<>(RuntimeContexts.RUNTIME));
    e.getContexts().putIfAbsent("os", new LinkedHashMap<>(RuntimeContexts.OS));
  }

  private Event runProcessors(Event event, Hint hint, Scopes scopes) {
    List<EventProcessor> processors = new ArrayList<>();
    if (scopes != null) {
      processors.addAll(scopes.getGlobalScope().getEventProcessors());
      processors.addAll(scopes.getIsolationScope().getEventProcessors());
      processors.addAll(scopes.getCurrentScope().getEventProcessors());
    }
    processors.addAll(options.getEventProcessors());
    Event e = event;
    for (EventProcessor p : processors) {
      try {
        Event next = p.process(e, hint);
        if (next == null) {
          Diagnostics.debug("Event dropped by event processor " + p.getClass().getName());
          return null;
        }
        e = next;
      } catch (RuntimeException ex) {
        Diagnostics.error(
            "processor:" + p.getClass().getName(), "An event processor threw; event kept", ex);
      }
    }
    return e;
  }

  private Event runBeforeSend(Event event, Hint hint) {
    SentryOptions.BeforeSendCallback beforeSend = options.getBeforeSend();
    if (beforeSend == null) {
      return event;
    }
    try {
      return beforeSend.execute(event, hint);
    } catch (RuntimeException ex) {
      Diagnostics.error("beforeSend", "beforeSend threw; the event is sent unchanged", ex);
      return event;
    }
  }

  /** The Dynamic Sampling Context for the envelope's {@code trace} header. */
  private Map<String, String> traceHeader(Event e, Scopes scopes) {
    Map<String, String> frozen =
        scopes == null ? null : scopes.getPropagationContext().getDynamicSamplingContext();
    if (frozen != null) {
      return frozen;
    }
    TraceContext trace = e.getTraceContext();
    if (trace == null) {
      return null;
    }
    Map<String, String> dsc = new LinkedHashMap<>();
    dsc.put("trace_id", trace.getTraceId());
    dsc.put("public_key", options.getDsn().getPublicKey());
    if (options.getRelease() != null) {
      dsc.put("release", options.getRelease());
    }
    dsc.put("environment", options.getEnvironment());
    if (options.getOrgId() != null) {
      dsc.put("org_id", options.getOrgId());
    }
    return dsc;
  }

  @Override
  public boolean flush(Duration timeout) {
    return transport.flush(timeout);
  }

  @Override
  public ClientStats getStats() {
    ClientStats t = transport.getStats();
    return new ClientStats(t.getQueued(), t.getSpooled(), t.getSent(), discards.totals());
  }

  @Override
  public void close(Duration timeout) {
    if (closed) {
      return;
    }
    closed = true;
    transport.close(timeout);
  }

  @SafeVarargs
  private static <T> T firstNonNull(T... values) {
    for (T v : values) {
      if (v != null) {
        return v;
      }
    }
    return null;
  }
}
