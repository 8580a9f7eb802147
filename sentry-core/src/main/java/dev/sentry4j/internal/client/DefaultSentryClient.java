package dev.sentry4j.internal.client;

import static dev.sentry4j.internal.client.ScopeMerger.firstNonNull;

import dev.sentry4j.client.ClientStats;
import dev.sentry4j.client.SentryClient;
import dev.sentry4j.clientreport.DataCategory;
import dev.sentry4j.clientreport.DiscardReason;
import dev.sentry4j.event.Event;
import dev.sentry4j.event.EventProcessor;
import dev.sentry4j.event.Hint;
import dev.sentry4j.event.SentryId;
import dev.sentry4j.event.TransactionEvent;
import dev.sentry4j.event.User;
import dev.sentry4j.internal.HostName;
import dev.sentry4j.internal.clientreport.DiscardCounter;
import dev.sentry4j.internal.envelope.Envelope;
import dev.sentry4j.internal.envelope.EnvelopeItem;
import dev.sentry4j.internal.envelope.ItemType;
import dev.sentry4j.internal.json.EventWriter;
import dev.sentry4j.internal.json.TransactionWriter;
import dev.sentry4j.internal.logs.LogBatcher;
import dev.sentry4j.internal.logs.LogScheduler;
import dev.sentry4j.internal.privacy.Scrubber;
import dev.sentry4j.internal.tracing.DynamicSamplingContexts;
import dev.sentry4j.internal.transport.AsyncTransport;
import dev.sentry4j.internal.transport.HttpSender;
import dev.sentry4j.internal.transport.HttpSenders;
import dev.sentry4j.internal.transport.SpotlightTransport;
import dev.sentry4j.internal.transport.Transport;
import dev.sentry4j.logs.LogAttributes;
import dev.sentry4j.logs.LogItem;
import dev.sentry4j.options.SentryOptions;
import dev.sentry4j.scope.ScopeLayers;
import dev.sentry4j.scope.ScopeSnapshot;
import dev.sentry4j.spi.CallerThreadCapture;
import dev.sentry4j.spi.Diagnostics;
import dev.sentry4j.spi.Integrations;
import dev.sentry4j.spi.PiiPolicy;
import dev.sentry4j.tracing.Span;
import dev.sentry4j.tracing.TraceContext;
import dev.sentry4j.tracing.Transaction;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Supplier;

/**
 * The client that sends. On the capturing thread an error event is only sampled ({@code
 * sampleRate}), checked for a duplicate exception, and queued with O(1) snapshots of the three
 * scopes and its trace; on the transport's worker the scopes are merged into it, user values
 * frozen, event processors run, sensitive keys scrubbed ({@link Scrubber}), {@code beforeSend} run,
 * and the event serialized and sent. Finished transactions are processed on the capturing thread
 * with {@code beforeSendTransaction} and serialized on the worker. Thread-safe; capture never
 * throws.
 */
public final class DefaultSentryClient implements SentryClient {
  private final SentryOptions options;
  private final Transport transport;
  private final DiscardCounter discards;
  private final Deduplicator deduplicator = new Deduplicator();
  private final EventWriter eventWriter;
  private final TransactionWriter transactionWriter;
  private final ScopeMerger merger;
  private final Scrubber scrubber;
  private final PiiPolicy pii;
  private final LogBatcher logs;
  private volatile boolean closed;

  /** Counted down when the first {@code close} is done; later callers wait for it. */
  private final java.util.concurrent.CountDownLatch closeDone =
      new java.util.concurrent.CountDownLatch(1);

  /**
   * Creates a client over a given transport (tests pass their own). Event processors registered
   * with {@link java.util.ServiceLoader} ({@code
   * META-INF/services/dev.sentry4j.event.EventProcessor}) are found here and run before the scopes'
   * and the options' ones.
   *
   * @param options the options; must have a DSN
   * @throws IllegalArgumentException when a registered event processor reports a bad configuration
   * @param transport delivers envelopes
   * @param discards counts what is dropped
   */
  public DefaultSentryClient(SentryOptions options, Transport transport, DiscardCounter discards) {
    this(options, transport, discards, null);
  }

  /**
   * Creates a client over a given transport, with the scheduler of its Sentry Logs batcher (tests
   * pass a hand-driven one so that no test sleeps).
   *
   * @param options the options; must have a DSN
   * @param transport delivers envelopes
   * @param discards counts what is dropped
   * @param logScheduler runs the log batcher's size- and time-triggered flushes; {@code null} for
   *     an SDK thread (made only with {@code enableLogs})
   */
  public DefaultSentryClient(
      SentryOptions options,
      Transport transport,
      DiscardCounter discards,
      LogScheduler logScheduler) {
    this.options = options;
    this.transport = transport;
    this.discards = discards;
    this.merger = new ScopeMerger(options, RegisteredEventProcessors.load());
    this.scrubber = Scrubber.fromOptions(options);
    this.pii = PiiPolicy.fromOptions(options);
    String serverName = options.getServerName();
    Supplier<String> hostName = serverName != null ? () -> serverName : HostName::get;
    this.eventWriter =
        new EventWriter(
            options.getInAppIncludes(),
            options.getInAppExcludes(),
            Integrations::all,
            hostName,
            scrubber::scrubMessage);
    this.transactionWriter = new TransactionWriter(eventWriter, hostName);
    this.logs =
        options.isEnableLogs()
            ? new LogBatcher(
                options,
                transport,
                discards,
                logScheduler != null ? logScheduler : LogScheduler.sdkThread())
            : null;
    if (logs != null) {
      logs.setScrubber(scrubber);
    }
  }

  /** A client sending over HTTP to the options' DSN. */
  public static DefaultSentryClient create(SentryOptions options) {
    DiscardCounter discards = new DiscardCounter();
    HttpSender sender = HttpSenders.forDsn(options);
    Transport transport = new AsyncTransport(options, sender, discards);
    if (options.isSpotlight()) {
      transport = new SpotlightTransport(transport, options.getSpotlightUrl());
    }
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

  /**
   * The scrubber made from the options. Features that send their own maps (span data, log
   * attributes) pass them through it before {@code beforeSend}-like callbacks run.
   */
  public Scrubber getScrubber() {
    return scrubber;
  }

  /** What {@code sendDefaultPii} allows integrations to collect. */
  public PiiPolicy getPiiPolicy() {
    return pii;
  }

  /** The drop counters (for client reports and health endpoints). */
  public DiscardCounter getDiscards() {
    return discards;
  }

  @Override
  public SentryId captureEvent(Event event, Hint hint, ScopeLayers scopes) {
    if (event == null || closed) {
      return SentryId.EMPTY;
    }
    try {
      return process(event, hint, scopes);
    } catch (RuntimeException e) {
      discards.record(DiscardReason.INTERNAL_SDK_ERROR, DataCategory.ERROR, 1);
      Diagnostics.error("capture", "Could not capture an event; dropped", e);
      return SentryId.EMPTY;
    } catch (OutOfMemoryError e) { // never into the application
      discards.record(DiscardReason.INTERNAL_SDK_ERROR, DataCategory.ERROR, 1);
      Diagnostics.outOfMemory("an event capture", e);
      return SentryId.EMPTY;
    }
  }

  /**
   * The capturing thread's part: sampling by {@code sampleRate} and the duplicate check (both
   * answer at once, with {@link SentryId#EMPTY}), then snapshots of the three scopes (O(1) each)
   * and the trace, handed to the transport in a deferred item. The rest of the pipeline runs where
   * the transport makes the item, on the SDK's worker ({@link #prepare}): so the id returned here
   * may belong to an event that {@code beforeSend} or a processor drops later (counted in client
   * reports as {@code before_send} or {@code event_processor}).
   */
  private SentryId process(Event event, Hint given, ScopeLayers scopes) {
    if (options.getSampleRate() < 1.0
        && ThreadLocalRandom.current().nextDouble() >= options.getSampleRate()) {
      discards.record(DiscardReason.SAMPLE_RATE, DataCategory.ERROR, 1);
      return SentryId.EMPTY;
    }
    Throwable throwable = event.getThrowable();
    if (throwable != null && options.isEnableDeduplication()) {
      if (deduplicator.checkAndRemember(throwable)) {
        discards.record(DiscardReason.EVENT_PROCESSOR, DataCategory.ERROR, 1);
        Diagnostics.debug("Event dropped: the same exception was captured before");
        return SentryId.EMPTY;
      }
    }
    ScopeSnapshot[] layers = scopes == null ? null : ScopeMerger.layers(scopes);
    Hint hint = callerThreadCaptures(event, given, layers);
    if (scopes != null && event.getTraceContext() == null) {
      TraceContext trace = scopes.getTraceContext();
      Span span = scopes.getCurrentScope().getSpan();
      event.setTraceContext(span == null ? trace : trace.withOrigin(span.getOrigin()));
    }
    Map<String, String> trace = traceHeader(event, scopes);
    SentryId id = event.getEventId();
    EnvelopeItem item =
        EnvelopeItem.deferred(
            ItemType.EVENT,
            1,
            EnvelopeItem.JSON,
            () -> prepare(event, hint, layers),
            model -> eventWriter.write((Event) model));
    return transport.send(new Envelope(id, trace, List.of(item))) ? id : SentryId.EMPTY;
  }

  /**
   * Runs {@link CallerThreadCapture#onCallerThread} of the processors that have it (they read the
   * MDC or other thread-bound data); returns the hint, made if one of them needs it.
   */
  private Hint callerThreadCaptures(Event event, Hint given, ScopeSnapshot[] layers) {
    Hint hint = given;
    for (CallerThreadCapture c : merger.callerThreadCaptures()) {
      hint = callerThreadCapture(c, event, hint);
    }
    if (layers != null) {
      for (ScopeSnapshot s : layers) {
        for (EventProcessor p : s.getEventProcessors()) {
          if (p instanceof CallerThreadCapture) {
            hint = callerThreadCapture((CallerThreadCapture) p, event, hint);
          }
        }
      }
    }
    return hint;
  }

  private static Hint callerThreadCapture(CallerThreadCapture c, Event event, Hint given) {
    Hint hint = given == null ? new Hint() : given;
    try {
      c.onCallerThread(event, hint);
    } catch (RuntimeException e) {
      Diagnostics.error(
          "processor:" + c.getClass().getName(),
          "An event processor's caller-thread step threw",
          e);
    }
    return hint;
  }

  /**
   * The worker's part of an event's pipeline: scopes merged, options, user, event processors,
   * scrubbing, {@code beforeSend}. Returns the event to send, or {@code null} when it was dropped
   * (and counted). Never throws.
   */
  private Event prepare(Event event, Hint given, ScopeSnapshot[] layers) {
    try {
      Hint hint = given == null ? new Hint() : given;
      Throwable throwable = event.getThrowable();
      if (throwable != null && hint.getThrowable() == null) {
        hint.set(Hint.THROWABLE, throwable);
      }
      Event e = event;
      if (layers != null) {
        applyScopes(e, layers);
      }
      merger.applyOptions(e);
      e.setUser(pii.eventUser(e.getUser()));
      e = runProcessors(e, hint, layers);
      if (e == null) {
        discards.record(DiscardReason.EVENT_PROCESSOR, DataCategory.ERROR, 1);
        return null;
      }
      // after the processors (they may add data), before beforeSend (which may change anything
      // back)
      if (!scrubber.scrubEvent(e)) {
        discards.record(DiscardReason.INTERNAL_SDK_ERROR, DataCategory.ERROR, 1);
        return null;
      }
      e = runBeforeSend(e, hint);
      if (e == null) {
        discards.record(DiscardReason.BEFORE_SEND, DataCategory.ERROR, 1);
        Diagnostics.debug("Event dropped by beforeSend");
        return null;
      }
      return e;
    } catch (RuntimeException ex) {
      discards.record(DiscardReason.INTERNAL_SDK_ERROR, DataCategory.ERROR, 1);
      Diagnostics.error("capture", "Could not process an event; dropped", ex);
      return null;
    }
  }

  @Override
  public void captureLog(LogItem log, ScopeLayers scopes) {
    LogBatcher batcher = logs;
    if (log == null || batcher == null || closed) {
      return;
    }
    try {
      LogItem item = log;
      if (options.isSendDefaultPii() && scopes != null) {
        item = withUser(item, scopes);
      }
      batcher.add(item);
    } catch (RuntimeException e) {
      discards.record(DiscardReason.INTERNAL_SDK_ERROR, DataCategory.LOG_ITEM, 1);
      Diagnostics.error("capture-log", "Could not capture a log record; dropped", e);
    } catch (OutOfMemoryError e) {
      discards.record(DiscardReason.INTERNAL_SDK_ERROR, DataCategory.LOG_ITEM, 1);
      Diagnostics.outOfMemory("a Sentry Log capture", e);
    }
  }

  /** Adds {@code user.id}, {@code user.name}, {@code user.email} of the scopes' user, if any. */
  private static LogItem withUser(LogItem log, ScopeLayers scopes) {
    User user =
        firstNonNull(
            scopes.getCurrentScope().getUser(),
            scopes.getIsolationScope().getUser(),
            scopes.getGlobalScope().getUser());
    if (user == null) {
      return log;
    }
    String name = user.getUsername() != null ? user.getUsername() : user.getName();
    if (user.getId() == null && name == null && user.getEmail() == null) {
      return log;
    }
    LogItem.Builder b = log.toBuilder();
    b.attribute(LogAttributes.USER_ID, user.getId());
    b.attribute(LogAttributes.USER_NAME, name);
    b.attribute(LogAttributes.USER_EMAIL, user.getEmail());
    return b.build();
  }

  /** The Sentry Logs batcher, or {@code null} without {@code enableLogs} (health and tests). */
  public LogBatcher getLogBatcher() {
    return logs;
  }

  /** Merges the shared scope data, then the event-only parts: level, fingerprint, name. */
  private void applyScopes(Event e, ScopeSnapshot[] layers) {
    merger.applyScopes(e, layers);
    if (e.getLevel() == null) {
      e.setLevel(firstNonNull(layers[2].getLevel(), layers[1].getLevel(), layers[0].getLevel()));
    }
    if (e.getFingerprint() == null) {
      e.setFingerprint(
          firstNonNull(
              layers[2].getFingerprint(), layers[1].getFingerprint(), layers[0].getFingerprint()));
    }
    if (e.getTransaction() == null) {
      for (int i = layers.length - 1; i >= 0; i--) {
        String name = layers[i].getTransactionName();
        if (name != null) {
          e.setTransaction(name);
          if (e.getTransactionSource() == null) {
            e.setTransactionSource(layers[i].getTransactionSource());
          }
          break;
        }
      }
    }
    Transaction running = layers[2].getTransaction();
    if (e.getTransactionSource() == null
        && running != null
        && e.getTransaction() != null
        && e.getTransaction().equals(running.getName())) {
      e.setTransactionSource(running.getSource());
    }
  }

  private Event runProcessors(Event event, Hint hint, ScopeSnapshot[] layers) {
    Event e = event;
    for (EventProcessor p : merger.processors(layers)) {
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

  /**
   * The envelope's {@code trace} header: the Dynamic Sampling Context of the trace in force in the
   * scopes (which freezes it), unless the event names another trace; then one made from the
   * options.
   */
  private Map<String, String> traceHeader(Event e, ScopeLayers scopes) {
    TraceContext trace = e.getTraceContext();
    if (scopes != null) {
      Map<String, String> dsc = scopes.getDynamicSamplingContext();
      if (trace == null || trace.getTraceId().equals(dsc.get("trace_id"))) {
        return dsc;
      }
    }
    return trace == null ? null : DynamicSamplingContexts.forTraceId(options, trace.getTraceId());
  }

  // ---------------------------------------------------------------- transactions

  @Override
  public SentryId captureTransaction(TransactionEvent transaction, Hint hint, ScopeLayers scopes) {
    if (transaction == null || closed) {
      return SentryId.EMPTY;
    }
    try {
      return processTransaction(transaction, hint == null ? new Hint() : hint, scopes);
    } catch (RuntimeException e) {
      recordTransactionDrop(DiscardReason.INTERNAL_SDK_ERROR, transaction);
      Diagnostics.error("captureTransaction", "Could not capture a transaction; dropped", e);
      return SentryId.EMPTY;
    }
  }

  private SentryId processTransaction(TransactionEvent transaction, Hint hint, ScopeLayers scopes) {
    if (!transaction.isSampled()) {
      discards.record(DiscardReason.SAMPLE_RATE, DataCategory.TRANSACTION, 1);
      discards.record(
          DiscardReason.SAMPLE_RATE, DataCategory.SPAN, transaction.getDroppedSpanCount() + 1L);
      return SentryId.EMPTY;
    }
    if (transaction.getRootSpan() == null) {
      recordTransactionDrop(DiscardReason.INTERNAL_SDK_ERROR, transaction);
      Diagnostics.warn("A sampled transaction without a root span was dropped");
      return SentryId.EMPTY;
    }
    // unfinished children and those over maxSpans were left out by the transaction's buffer
    discards.record(
        DiscardReason.BUFFER_OVERFLOW, DataCategory.SPAN, transaction.getDroppedSpanCount());
    ScopeSnapshot[] layers = scopes == null ? null : ScopeMerger.layers(scopes);
    if (layers != null) {
      merger.applyScopes(transaction, layers);
    }
    merger.applyOptions(transaction);
    transaction.setUser(pii.eventUser(transaction.getUser()));
    TransactionEvent t = transaction;
    for (EventProcessor p : merger.processors(layers)) {
      int spans = t.getSpans().size();
      TransactionEvent next;
      try {
        next = p.process(t, hint);
      } catch (RuntimeException ex) {
        Diagnostics.error(
            "processor:" + p.getClass().getName(),
            "An event processor threw; transaction kept",
            ex);
        continue;
      }
      if (next == null) {
        recordTransactionDrop(DiscardReason.EVENT_PROCESSOR, t);
        Diagnostics.debug("Transaction dropped by event processor " + p.getClass().getName());
        return SentryId.EMPTY;
      }
      discards.record(
          DiscardReason.EVENT_PROCESSOR, DataCategory.SPAN, spans - next.getSpans().size());
      t = next;
    }
    // after the processors, before beforeSendTransaction: as for error events
    if (!scrubber.scrubTransaction(t)) {
      recordTransactionDrop(DiscardReason.INTERNAL_SDK_ERROR, t);
      return SentryId.EMPTY;
    }
    SentryOptions.BeforeSendTransactionCallback before = options.getBeforeSendTransaction();
    if (before != null) {
      int spans = t.getSpans().size();
      TransactionEvent next;
      try {
        next = before.execute(t, hint);
      } catch (RuntimeException ex) {
        Diagnostics.error(
            "beforeSendTransaction",
            "beforeSendTransaction threw; the transaction is sent unchanged",
            ex);
        next = t;
      }
      if (next == null) {
        recordTransactionDrop(DiscardReason.BEFORE_SEND, t);
        Diagnostics.debug("Transaction dropped by beforeSendTransaction");
        return SentryId.EMPTY;
      }
      discards.record(DiscardReason.BEFORE_SEND, DataCategory.SPAN, spans - next.getSpans().size());
      t = next;
    }
    TransactionEvent frozen = t;
    EnvelopeItem item =
        EnvelopeItem.lazy(
            ItemType.TRANSACTION,
            frozen,
            1,
            EnvelopeItem.JSON,
            () -> transactionWriter.write(frozen));
    Map<String, String> trace = frozen.getDynamicSamplingContext();
    if (trace == null && frozen.getTraceId() != null) {
      trace = DynamicSamplingContexts.forTraceId(options, frozen.getTraceId());
    }
    Envelope envelope = new Envelope(frozen.getEventId(), trace, List.of(item));
    return transport.send(envelope) ? frozen.getEventId() : SentryId.EMPTY;
  }

  /** A dropped transaction counts once as a transaction and, with its root, as spans. */
  private void recordTransactionDrop(DiscardReason reason, TransactionEvent t) {
    discards.record(reason, DataCategory.TRANSACTION, 1);
    discards.record(reason, DataCategory.SPAN, t.getSpans().size() + 1L);
  }

  @Override
  public boolean flush(Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    boolean logsDone = logs == null || logs.flush(timeout);
    return transport.flush(remaining(deadline)) && logsDone;
  }

  @Override
  public ClientStats getStats() {
    ClientStats t = transport.getStats();
    return new ClientStats(t.getQueued(), t.getSpooled(), t.getSent(), discards.totals());
  }

  @Override
  public void close(Duration timeout) {
    boolean first;
    synchronized (closeDone) {
      first = !closed;
      closed = true;
    }
    if (!first) {
      awaitClosed(timeout); // closing on another thread (say in the background): wait for it
      return;
    }
    try {
      long deadline = System.nanoTime() + timeout.toNanos();
      if (logs != null) {
        logs.close(timeout); // hands the last batches to the transport, which sends them next
      }
      transport.close(remaining(deadline));
    } finally {
      closeDone.countDown();
    }
  }

  private void awaitClosed(Duration timeout) {
    try {
      closeDone.await(Math.max(0, timeout.toNanos()), java.util.concurrent.TimeUnit.NANOSECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static Duration remaining(long deadline) {
    return Duration.ofNanos(Math.max(0, deadline - System.nanoTime()));
  }
}
