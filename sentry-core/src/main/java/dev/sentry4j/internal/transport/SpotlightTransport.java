package dev.sentry4j.internal.transport;

import dev.sentry4j.internal.SdkThread;
import dev.sentry4j.internal.envelope.Envelope;
import dev.sentry4j.internal.json.EnvelopeWriter;
import dev.sentry4j.spi.Diagnostics;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * Sends a copy of every envelope the delegate accepts to Spotlight, Sentry's local development UI
 * (option {@code spotlight}, default URL {@code http://localhost:8969/stream}). The copy goes
 * through its own small queue and thread: an absent or slow Spotlight never blocks or fails the
 * main path; it is reported once, then retried with a back-off of 1 s doubling to 60 s. {@code
 * flush} and {@code close} also wait, within their timeout, for the copies already queued, so that
 * a short-lived program shows everything in Spotlight. Thread-safe.
 */
public final class SpotlightTransport implements Transport {
  private static final int QUEUE_SIZE = 100;
  private static final long MAX_BACKOFF_MILLIS = 60_000;

  private final Transport delegate;
  private final HttpSender spotlight;
  private final BlockingQueue<Envelope> queue = new ArrayBlockingQueue<>(QUEUE_SIZE);
  private final Thread worker;
  private volatile boolean closed;
  private final Object drained = new Object();

  /** Copies queued or being sent; guarded by {@link #drained}. */
  private int pending;

  private long backoffMillis;
  private long retryAtMillis;

  /**
   * Wraps {@code delegate}.
   *
   * @param delegate the real transport
   * @param url Spotlight's envelope URL
   */
  public SpotlightTransport(Transport delegate, String url) {
    this(
        delegate,
        HttpSenders.forUrl(url, null, Duration.ofSeconds(1), Duration.ofSeconds(5), false, 4));
  }

  SpotlightTransport(Transport delegate, HttpSender spotlight) {
    this.delegate = delegate;
    this.spotlight = spotlight;
    this.worker = new SdkThread(this::run, "spotlight");
    this.worker.start();
  }

  @Override
  public boolean send(Envelope envelope) {
    boolean accepted = delegate.send(envelope);
    if (!closed) {
      synchronized (drained) {
        pending++;
      }
      if (!queue.offer(envelope)) {
        done();
        Diagnostics.debug("Spotlight copy dropped: its queue is full");
      }
    }
    return accepted;
  }

  /** Flushes the delegate, then waits for the queued Spotlight copies within the same deadline. */
  @Override
  public dev.sentry4j.client.ClientStats getStats() {
    return delegate.getStats();
  }

  @Override
  public boolean flush(Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    boolean flushed = delegate.flush(timeout);
    awaitDrained(deadline);
    return flushed;
  }

  @Override
  public void close(Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    closed = true;
    delegate.close(timeout);
    if (!awaitDrained(deadline)) {
      Diagnostics.debug("Closing before every Spotlight copy was sent; the rest is dropped");
    }
    worker.interrupt();
    spotlight.close();
  }

  private void done() {
    synchronized (drained) {
      pending--;
      drained.notifyAll();
    }
  }

  /** Waits until no copy is queued or being sent, or {@code deadline} (nanoTime) passes. */
  private boolean awaitDrained(long deadline) {
    synchronized (drained) {
      try {
        while (pending > 0) {
          long left = deadline - System.nanoTime();
          if (left <= 0) {
            return false;
          }
          TimeUnit.NANOSECONDS.timedWait(drained, left);
        }
        return true;
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return false;
      }
    }
  }

  private void run() {
    while (true) {
      Envelope envelope;
      try {
        envelope = queue.take();
      } catch (InterruptedException e) {
        return; // closed
      }
      try {
        deliver(envelope);
      } finally {
        done();
      }
    }
  }

  private void deliver(Envelope envelope) {
    long now = System.currentTimeMillis();
    if (now < retryAtMillis) {
      return; // Spotlight is away: skip copies until the back-off ends
    }
    try {
      byte[] bytes = EnvelopeWriter.write(envelope, Instant.now());
      if (bytes == null) {
        return; // dropped by the pipeline (beforeSend, a processor, sampling)
      }
      HttpResult result = spotlight.send(bytes);
      backoffMillis = 0;
      if (!result.isSuccess()) {
        Diagnostics.warn("Spotlight answered HTTP " + result.getStatus());
      }
    } catch (IOException | RuntimeException e) {
      backoffMillis = backoffMillis == 0 ? 1000 : Math.min(MAX_BACKOFF_MILLIS, backoffMillis * 2);
      retryAtMillis = now + backoffMillis;
      Diagnostics.warn("spotlight", "Spotlight is not reachable; trying again later", e);
    }
  }
}
