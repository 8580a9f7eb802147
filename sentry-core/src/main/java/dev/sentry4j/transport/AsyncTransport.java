package dev.sentry4j.transport;

import dev.sentry4j.clientreport.DiscardCounter;
import dev.sentry4j.clientreport.DiscardReason;
import dev.sentry4j.envelope.Envelope;
import dev.sentry4j.envelope.EnvelopeItem;
import dev.sentry4j.internal.Diagnostics;
import dev.sentry4j.internal.SdkThread;
import dev.sentry4j.internal.json.EnvelopeWriter;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * The delivery pipeline: a bounded in-memory queue that never blocks the caller, and one daemon worker
 * that serializes, sends and records the outcome. What does not fit is dropped and counted.
 * Thread-safe.
 */
public final class AsyncTransport implements Transport {
  private final BlockingQueue<Pending> queue;
  private final HttpSender sender;
  private final DiscardCounter discards;
  private final Thread worker;
  private final Object enqueueLock = new Object();
  private final Object progressLock = new Object();
  private long accepted; // guarded by enqueueLock
  private long completed; // guarded by progressLock
  private volatile boolean closed;

  /**
   * Creates and starts the pipeline.
   *
   * @param sender posts envelopes
   * @param maxQueueSize envelopes held in memory
   * @param discards where drops are counted
   */
  public AsyncTransport(HttpSender sender, int maxQueueSize, DiscardCounter discards) {
    this.queue = new ArrayBlockingQueue<>(maxQueueSize);
    this.sender = sender;
    this.discards = discards;
    this.worker = new SdkThread(this::runWorker, "worker");
    this.worker.start();
  }

  @Override
  public boolean send(Envelope envelope) {
    if (closed) {
      recordDrop(envelope, DiscardReason.QUEUE_OVERFLOW);
      Diagnostics.debug("Envelope dropped: the transport is closed");
      return false;
    }
    synchronized (enqueueLock) {
      if (queue.offer(new Pending(accepted + 1, envelope))) {
        accepted++;
        return true;
      }
    }
    recordDrop(envelope, DiscardReason.QUEUE_OVERFLOW);
    Diagnostics.warn("Envelope dropped: the in-memory queue is full");
    return false;
  }

  @Override
  public boolean flush(Duration timeout) {
    long target;
    synchronized (enqueueLock) {
      target = accepted;
    }
    long deadline = System.nanoTime() + timeout.toNanos();
    synchronized (progressLock) {
      while (completed < target) {
        long left = deadline - System.nanoTime();
        if (left <= 0) {
          return false;
        }
        try {
          TimeUnit.NANOSECONDS.timedWait(progressLock, left);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          return false;
        }
      }
    }
    return true;
  }

  @Override
  public void close(Duration timeout) {
    if (closed) {
      return;
    }
    closed = true;
    if (!flush(timeout)) {
      Diagnostics.warn("Closing before everything was sent; the rest is dropped and counted");
    }
    worker.interrupt();
    try {
      worker.join(Math.max(1, timeout.toMillis()));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    List<Pending> left = new ArrayList<>();
    queue.drainTo(left);
    for (Pending p : left) {
      recordDrop(p.envelope, DiscardReason.QUEUE_OVERFLOW);
    }
    sender.close();
  }

  private void runWorker() {
    while (true) {
      Pending next;
      try {
        next = queue.take();
      } catch (InterruptedException e) {
        if (closed) {
          return;
        }
        continue;
      }
      try {
        deliver(next.envelope);
      } catch (Throwable t) { // the worker must survive anything
        if (t instanceof VirtualMachineError) {
          throw (VirtualMachineError) t;
        }
        recordDrop(next.envelope, DiscardReason.INTERNAL_SDK_ERROR);
        Diagnostics.error("worker", "Unexpected failure while sending an envelope", t);
      } finally {
        synchronized (progressLock) {
          completed = Math.max(completed, next.seq);
          progressLock.notifyAll();
        }
      }
    }
  }

  private void deliver(Envelope envelope) {
    byte[] body;
    try {
      body = EnvelopeWriter.write(envelope, Instant.now());
    } catch (RuntimeException e) {
      recordDrop(envelope, DiscardReason.INTERNAL_SDK_ERROR);
      Diagnostics.error("serialize", "Could not serialize an envelope; dropped", e);
      return;
    }
    HttpResult result;
    try {
      result = sender.send(body);
    } catch (IOException e) {
      recordDrop(envelope, DiscardReason.NETWORK_ERROR);
      Diagnostics.warn("network", "Could not reach Sentry; envelope dropped", e);
      return;
    }
    if (result.isSuccess()) {
      Diagnostics.debug("Envelope sent (" + body.length + " bytes)");
    } else if (result.getStatus() == 429) {
      Diagnostics.warn("Sentry rate-limited an envelope (429)");
    } else {
      recordDrop(envelope, DiscardReason.SEND_ERROR);
      Diagnostics.warn("Sentry rejected an envelope with HTTP " + result.getStatus());
    }
  }

  private void recordDrop(Envelope envelope, DiscardReason reason) {
    for (EnvelopeItem item : envelope.getItems()) {
      discards.record(reason, item.getType().category(), item.getQuantity());
    }
  }

  private static final class Pending {
    final long seq;
    final Envelope envelope;

    Pending(long seq, Envelope envelope) {
      this.seq = seq;
      this.envelope = envelope;
    }
  }
}
