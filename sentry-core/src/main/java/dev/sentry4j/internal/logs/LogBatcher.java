package dev.sentry4j.internal.logs;

import dev.sentry4j.event.Message;
import dev.sentry4j.logs.LogAttributes;
import dev.sentry4j.internal.privacy.Scrubber;
import dev.sentry4j.options.SentryOptions;
import dev.sentry4j.clientreport.DataCategory;
import dev.sentry4j.internal.clientreport.DiscardCounter;
import dev.sentry4j.clientreport.DiscardReason;
import dev.sentry4j.internal.envelope.Envelope;
import dev.sentry4j.internal.envelope.EnvelopeItem;
import dev.sentry4j.internal.envelope.ItemType;
import dev.sentry4j.spi.Diagnostics;
import dev.sentry4j.internal.HostName;
import dev.sentry4j.internal.SdkInfo;
import dev.sentry4j.internal.SdkThread;
import dev.sentry4j.internal.json.LogWriter;
import dev.sentry4j.spi.ReentryGuard;
import dev.sentry4j.logs.LogAttributes;
import dev.sentry4j.logs.LogItem;
import dev.sentry4j.internal.transport.Transport;
import java.lang.ref.Cleaner;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Buffers Sentry Log records and sends them in batches: when {@code logsBatchSize} (100) are
 * waiting, or {@code logsFlushInterval} (5 s) after the first one, or on {@link #flush}/{@link
 * #close}. Internal, may change.
 *
 * <p>The logging thread only appends a frozen {@link LogItem} to a bounded buffer ({@link #add}):
 * at most {@code maxLogsInMemory} records and {@link #DEFAULT_MAX_BYTES_IN_MEMORY} estimated bytes;
 * what does not fit is dropped and counted as {@code buffer_overflow} under {@code log_item} and
 * {@code log_byte}. The batch work — default attributes, {@code beforeSendLog}, JSON — runs on the
 * {@link LogScheduler}'s SDK thread, or on the thread that calls {@code flush}/{@code close}. Each
 * batch becomes one envelope with one {@code log} item (at most {@code logsBatchSize} records and
 * about {@link #MAX_BATCH_BYTES}), handed to the {@link Transport} already serialized, so records
 * leave the heap as soon as their batch is made.
 *
 * <p>Backpressure: at most {@link #MAX_IN_FLIGHT_BYTES} of log payloads may wait in the transport's
 * queue. Beyond that, size- and time-triggered flushes leave the records in the bounded buffer
 * (which then drops and counts) until the transport's worker takes an envelope, so a burst cannot
 * fill the heap through the transport's queue. A payload counts as taken when the worker serializes
 * its envelope, or when the envelope is garbage (a transport that dropped it without reading it).
 *
 * <p>Thread-safe: {@link #add} takes a short lock; batches are made under a second lock, so they
 * reach the transport in order and {@code flush} waits for a batch another thread is making.
 */
public final class LogBatcher {
  /** Estimated bytes of buffered records held at most (besides the count bound). */
  public static final long DEFAULT_MAX_BYTES_IN_MEMORY = 4L * 1024 * 1024;

  /**
   * Estimated bytes per batch. Sentry takes log items up to 1 MiB; estimates count characters, so
   * half of that leaves room for multi-byte text.
   */
  public static final long MAX_BATCH_BYTES = 512L * 1024;

  /** Serialized log payloads handed to the transport and not yet taken by its worker, at most. */
  public static final long MAX_IN_FLIGHT_BYTES = 2L * 1024 * 1024;

  private static final String CONTENT_TYPE = "application/vnd.sentry.items.log+json";

  /** Releases the in-flight bytes of envelopes a transport dropped without reading them. */
  private static final Cleaner CLEANER =
      Cleaner.create(task -> new SdkThread(task, "logs-cleaner"));

  private final Transport transport;
  private final DiscardCounter discards;
  private final LogScheduler scheduler;
  private final SentryOptions.BeforeSendLogCallback beforeSendLog;
  private volatile Scrubber scrubber;
  private final int batchSize;
  private final Duration flushInterval;
  private final int maxItems;
  private final long maxBytes;
  private final String configuredServerName;
  private final Map<String, Object> fixedDefaults;

  private final Object bufferLock = new Object();
  private final ArrayDeque<LogItem> buffer = new ArrayDeque<>(); // guarded by bufferLock
  private long bufferedBytes; // guarded by bufferLock
  private boolean fullFlushPending; // guarded by bufferLock
  private boolean timerArmed; // guarded by bufferLock
  private boolean closed; // guarded by bufferLock

  private final ReentrantLock sendLock = new ReentrantLock();
  private final AtomicLong inFlightBytes = new AtomicLong();
  private volatile boolean stalled; // a scheduled flush stopped at MAX_IN_FLIGHT_BYTES

  /**
   * Creates a batcher with the default memory bound.
   *
   * @param options {@code logsBatchSize}, {@code logsFlushInterval}, {@code maxLogsInMemory},
   *     {@code beforeSendLog} and the values of the default attributes
   * @param transport where envelopes go
   * @param discards where drops are counted
   * @param scheduler runs size- and time-triggered flushes
   */
  public LogBatcher(
      SentryOptions options, Transport transport, DiscardCounter discards, LogScheduler scheduler) {
    this(options, transport, discards, scheduler, DEFAULT_MAX_BYTES_IN_MEMORY);
  }

  /**
   * Creates a batcher.
   *
   * @param maxBytesInMemory estimated bytes of records buffered at most
   */
  public LogBatcher(
      SentryOptions options,
      Transport transport,
      DiscardCounter discards,
      LogScheduler scheduler,
      long maxBytesInMemory) {
    this.transport = transport;
    this.discards = discards;
    this.scheduler = scheduler;
    this.beforeSendLog = options.getBeforeSendLog();
    this.batchSize = options.getLogsBatchSize();
    this.flushInterval = options.getLogsFlushInterval();
    this.maxItems = options.getMaxLogsInMemory();
    this.maxBytes = maxBytesInMemory;
    this.configuredServerName = options.getServerName();
    Map<String, Object> defaults = new LinkedHashMap<>();
    defaults.put(LogAttributes.ENVIRONMENT, options.getEnvironment());
    if (options.getRelease() != null) {
      defaults.put(LogAttributes.RELEASE, options.getRelease());
    }
    defaults.put(LogAttributes.SDK_NAME, SdkInfo.NAME);
    defaults.put(LogAttributes.SDK_VERSION, SdkInfo.VERSION);
    this.fixedDefaults = defaults;
  }

  /**
   * Buffers a record (called on the logging thread: a lock, an append, no JSON). Never throws.
   *
   * @return false when it was dropped (and counted) because the buffer is full or closed
   */
  public boolean add(LogItem item) {
    long size = estimateBytes(item);
    boolean scheduleFull = false;
    boolean scheduleTimer = false;
    DiscardReason dropped = null;
    synchronized (bufferLock) {
      if (closed) {
        dropped = DiscardReason.QUEUE_OVERFLOW;
      } else if (buffer.size() >= maxItems || bufferedBytes + size > maxBytes) {
        dropped = DiscardReason.BUFFER_OVERFLOW;
      } else {
        buffer.addLast(item);
        bufferedBytes += size;
        if (!fullFlushPending && (buffer.size() >= batchSize || bufferedBytes >= MAX_BATCH_BYTES)) {
          fullFlushPending = true;
          scheduleFull = true;
        }
        if (!timerArmed) {
          timerArmed = true;
          scheduleTimer = true;
        }
      }
    }
    if (dropped != null) {
      discards.record(dropped, DataCategory.LOG_ITEM, 1);
      discards.record(dropped, DataCategory.LOG_BYTE, size);
      Diagnostics.warn(
          dropped == DiscardReason.BUFFER_OVERFLOW
              ? "Sentry Logs buffer full (maxLogsInMemory); log records are dropped and counted"
              : "Sentry Logs record dropped: the client is closed");
      return false;
    }
    if (scheduleFull) {
      scheduler.schedule(this::flushFullBatches, Duration.ZERO);
    }
    if (scheduleTimer) {
      scheduler.schedule(this::flushOnTimer, flushInterval);
    }
    return true;
  }

  /**
   * Sends everything buffered now, on the calling thread, waiting at most {@code timeout} for a
   * batch another thread is making. Records added meanwhile wait for the next flush.
   *
   * @return true when everything buffered at the call was handed to the transport
   */
  public boolean flush(Duration timeout) {
    long deadline = System.nanoTime() + Math.max(0, timeout.toNanos());
    try {
      if (!sendLock.tryLock(Math.max(0, timeout.toNanos()), TimeUnit.NANOSECONDS)) {
        return false;
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
    try {
      int budget;
      synchronized (bufferLock) {
        budget = buffer.size();
      }
      while (budget > 0) {
        if (System.nanoTime() - deadline > 0) {
          return false;
        }
        List<LogItem> batch = takeBatch(false, budget);
        if (batch == null) {
          break;
        }
        budget -= batch.size();
        send(batch);
      }
      return true;
    } finally {
      sendLock.unlock();
    }
  }

  /**
   * Sends what is buffered (at most {@code timeout}), then refuses new records and stops the
   * scheduler.
   */
  public void close(Duration timeout) {
    synchronized (bufferLock) {
      if (closed) {
        return;
      }
      closed = true;
    }
    if (!flush(timeout)) {
      Diagnostics.warn("Closing before all Sentry Logs were sent; the rest is dropped and counted");
    }
    scheduler.shutdown();
    List<LogItem> left;
    synchronized (bufferLock) {
      left = new ArrayList<>(buffer);
      buffer.clear();
      bufferedBytes = 0;
    }
    for (LogItem item : left) {
      discards.record(DiscardReason.QUEUE_OVERFLOW, DataCategory.LOG_ITEM, 1);
      discards.record(DiscardReason.QUEUE_OVERFLOW, DataCategory.LOG_BYTE, estimateBytes(item));
    }
  }

  /** Records buffered now (health and tests). */
  public int bufferedCount() {
    synchronized (bufferLock) {
      return buffer.size();
    }
  }

  /** Estimated bytes buffered now (health and tests). */
  public long bufferedBytes() {
    synchronized (bufferLock) {
      return bufferedBytes;
    }
  }

  /**
   * Serialized log bytes handed to the transport and not yet taken by its worker (tests, health).
   */
  public long inFlightBytes() {
    return inFlightBytes.get();
  }

  /** Size-triggered: sends every full batch, leaves the rest for the timer. */
  private void flushFullBatches() {
    synchronized (bufferLock) {
      fullFlushPending = false;
    }
    sendLock.lock();
    try {
      drain(true);
    } finally {
      sendLock.unlock();
    }
  }

  /** Time-triggered: sends everything buffered; the next record arms the timer again. */
  private void flushOnTimer() {
    synchronized (bufferLock) {
      timerArmed = false;
    }
    sendLock.lock();
    try {
      drain(false);
    } finally {
      sendLock.unlock();
    }
  }

  /**
   * After a stall: the transport took some envelopes, so send on, and make sure a timer is armed.
   */
  private void resume() {
    flushFullBatches();
    boolean arm = false;
    synchronized (bufferLock) {
      if (!closed && !buffer.isEmpty() && !timerArmed) {
        timerArmed = true;
        arm = true;
      }
    }
    if (arm) {
      scheduler.schedule(this::flushOnTimer, flushInterval);
    }
  }

  /**
   * Sends batches (only full ones when asked) while the transport has room for more log bytes, at
   * most what was buffered at the start. Holds sendLock.
   */
  private void drain(boolean onlyFull) {
    int budget;
    synchronized (bufferLock) {
      budget = buffer.size();
    }
    while (budget > 0) {
      while (budget > 0 && inFlightBytes.get() < MAX_IN_FLIGHT_BYTES) {
        List<LogItem> batch = takeBatch(onlyFull, budget);
        if (batch == null) {
          return;
        }
        budget -= batch.size();
        send(batch);
      }
      if (budget <= 0) {
        return;
      }
      stalled = true;
      if (inFlightBytes.get() >= MAX_IN_FLIGHT_BYTES) {
        return; // released() will resume
      }
      stalled = false; // the worker took something meanwhile: go on
    }
  }

  private void released(long bytes) {
    inFlightBytes.addAndGet(-bytes);
    if (stalled) {
      stalled = false;
      scheduler.schedule(this::resume, Duration.ZERO);
    }
  }

  /** Takes up to one batch off the buffer, or {@code null} (nothing, or not full when asked). */
  private List<LogItem> takeBatch(boolean onlyIfFull, int max) {
    synchronized (bufferLock) {
      if (buffer.isEmpty()
          || (onlyIfFull && buffer.size() < batchSize && bufferedBytes < MAX_BATCH_BYTES)) {
        return null;
      }
      int limit = Math.min(batchSize, max);
      List<LogItem> batch = new ArrayList<>(Math.min(limit, buffer.size()));
      long bytes = 0;
      while (!buffer.isEmpty() && batch.size() < limit) {
        long size = estimateBytes(buffer.peekFirst());
        if (!batch.isEmpty() && bytes + size > MAX_BATCH_BYTES) {
          break;
        }
        batch.add(buffer.pollFirst());
        bytes += size;
      }
      bufferedBytes -= bytes;
      return batch;
    }
  }

  /**
   * Adds the default attributes, runs {@code beforeSendLog}, serializes, hands one envelope over.
   */
  private void send(List<LogItem> batch) {
    Map<String, Object> defaults = defaults();
    List<LogItem> out = new ArrayList<>(batch.size());
    for (LogItem item : batch) {
      LogItem full = withDefaults(item, defaults);
      full = runBeforeSendLog(scrub(full));
      if (full == null) {
        discards.record(DiscardReason.BEFORE_SEND, DataCategory.LOG_ITEM, 1);
        discards.record(DiscardReason.BEFORE_SEND, DataCategory.LOG_BYTE, estimateBytes(item));
      } else {
        out.add(full);
      }
    }
    if (out.isEmpty()) {
      return;
    }
    byte[] payload;
    try {
      payload = LogWriter.write(out);
    } catch (RuntimeException e) {
      for (LogItem item : out) {
        discards.record(DiscardReason.INTERNAL_SDK_ERROR, DataCategory.LOG_ITEM, 1);
        discards.record(
            DiscardReason.INTERNAL_SDK_ERROR, DataCategory.LOG_BYTE, estimateBytes(item));
      }
      Diagnostics.error("logs-serialize", "Could not serialize Sentry Logs; batch dropped", e);
      return;
    }
    Map<String, Object> headers = new LinkedHashMap<>();
    headers.put("item_count", out.size());
    headers.put("content_type", CONTENT_TYPE);
    byte[] bytes = payload;
    Release release = new Release(this, bytes.length);
    inFlightBytes.addAndGet(bytes.length);
    EnvelopeItem item =
        EnvelopeItem.lazy(
            ItemType.LOG,
            null,
            out.size(),
            headers,
            () -> {
              release.run(); // the worker is taking it
              return bytes;
            });
    // No trace header: a batch mixes records of many traces, and logs are not dynamically sampled.
    Envelope envelope = new Envelope(null, null, List.of(item));
    CLEANER.register(envelope, release);
    if (!transport.send(envelope)) {
      release.run();
    }
  }

  /** Gives back an envelope's in-flight bytes, once. Must not refer to the envelope. */
  private static final class Release implements Runnable {
    private final LogBatcher batcher;
    private final long bytes;
    private final AtomicBoolean done = new AtomicBoolean();

    Release(LogBatcher batcher, long bytes) {
      this.batcher = batcher;
      this.bytes = bytes;
    }

    @Override
    public void run() {
      if (done.compareAndSet(false, true)) {
        batcher.released(bytes);
      }
    }
  }

  private Map<String, Object> defaults() {
    String server = configuredServerName != null ? configuredServerName : HostName.get();
    if (server == null) {
      return fixedDefaults;
    }
    Map<String, Object> all = new LinkedHashMap<>(fixedDefaults);
    all.put(LogAttributes.SERVER_ADDRESS, server);
    return all;
  }

  private static LogItem withDefaults(LogItem item, Map<String, Object> defaults) {
    LogItem.Builder b = item.toBuilder();
    for (Map.Entry<String, Object> d : defaults.entrySet()) {
      if (!item.getAttributes().containsKey(d.getKey())) {
        b.attribute(d.getKey(), d.getValue());
      }
    }
    return b.build();
  }

  /** Filters sensitive attributes and message parameters before {@code beforeSendLog} sees them. */
  public void setScrubber(Scrubber scrubber) {
    this.scrubber = scrubber;
  }

  private LogItem scrub(LogItem item) {
    Scrubber s = scrubber;
    if (s == null) {
      return item;
    }
    Map<String, Object> attributes = item.getAttributes();
    Map<String, Object> scrubbed = s.scrubMap(attributes);
    Object template = attributes.get(LogAttributes.MESSAGE_TEMPLATE);
    List<String> params = new ArrayList<>();
    for (int i = 0; attributes.containsKey(LogAttributes.MESSAGE_PARAMETER_PREFIX + i); i++) {
      params.add(String.valueOf(attributes.get(LogAttributes.MESSAGE_PARAMETER_PREFIX + i)));
    }
    Message message =
        template instanceof String
            ? new Message((String) template, params, item.getBody())
            : new Message(item.getBody(), List.of(), null);
    Message filtered = s.scrubMessage(message);
    if (scrubbed == attributes && filtered == message) {
      return item;
    }
    LogItem.Builder b = item.toBuilder();
    if (scrubbed != attributes) {
      for (Map.Entry<String, Object> a : scrubbed.entrySet()) {
        if (!java.util.Objects.equals(a.getValue(), attributes.get(a.getKey()))) {
          b.attribute(a.getKey(), a.getValue());
        }
      }
    }
    if (filtered != message) {
      b.body(filtered.getText());
      for (int i = 0; i < params.size() && i < filtered.getParams().size(); i++) {
        if (!params.get(i).equals(filtered.getParams().get(i))) {
          b.attribute(LogAttributes.MESSAGE_PARAMETER_PREFIX + i, filtered.getParams().get(i));
        }
      }
    }
    return b.build();
  }

  private LogItem runBeforeSendLog(LogItem item) {
    if (beforeSendLog == null) {
      return item;
    }
    // lines the callback logs itself must not come back here
    boolean entered = ReentryGuard.enter();
    try {
      return beforeSendLog.execute(item);
    } catch (RuntimeException e) {
      Diagnostics.error(
          "beforeSendLog", "beforeSendLog threw; the log record is sent unchanged", e);
      return item;
    } finally {
      if (entered) {
        ReentryGuard.exit();
      }
    }
  }

  /**
   * A cheap estimate of a record's serialized size in bytes (characters, plus JSON overhead), used
   * for the memory bound, the batch bound and {@code log_byte} counts.
   */
  static long estimateBytes(LogItem item) {
    long size = 160 + item.getBody().length();
    for (Map.Entry<String, Object> a : item.getAttributes().entrySet()) {
      Object v = a.getValue();
      size += a.getKey().length() + 32 + (v instanceof String ? ((String) v).length() : 20);
    }
    return size;
  }
}
