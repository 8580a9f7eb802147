package dev.sentry4j.testing;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.BooleanSupplier;

/**
 * Everything the receiver got, behind one lock, with waiting on arrivals. Thread-safe: the HTTP
 * threads add, test threads read snapshots and wait.
 */
final class ReceivedStore {

  /** Longest wait between two checks of a condition that may depend on state outside the store. */
  private static final long CONDITION_POLL_NANOS = TimeUnit.MILLISECONDS.toNanos(10);

  /** Envelopes listed in a failure message; the rest are counted. */
  private static final int SUMMARY_LIMIT = 20;

  private final ReentrantLock lock = new ReentrantLock();
  private final Condition changed = lock.newCondition();
  private final List<ReceivedEnvelope> envelopes = new ArrayList<>();
  private final List<ReceivedEvent> events = new ArrayList<>();
  private final List<ReceivedEvent> transactions = new ArrayList<>();
  private final List<ReceivedLog> logs = new ArrayList<>();
  private final List<ReceivedClientReport> clientReports = new ArrayList<>();
  private final List<String> malformed = new ArrayList<>();
  private int requests;

  /** Counts a request as it arrives, before it is read, and returns its number from 1. */
  int requestArrived() {
    lock.lock();
    try {
      requests++;
      changed.signalAll();
      return requests;
    } finally {
      lock.unlock();
    }
  }

  void addMalformed(String description) {
    lock.lock();
    try {
      malformed.add(description);
      changed.signalAll();
    } finally {
      lock.unlock();
    }
  }

  /** Stores a well-formed envelope and the views of its items, atomically. */
  void addEnvelope(ReceivedEnvelope envelope, List<String> warnings) {
    List<ReceivedEvent> newEvents = new ArrayList<>();
    List<ReceivedEvent> newTransactions = new ArrayList<>();
    List<ReceivedLog> newLogs = new ArrayList<>();
    List<ReceivedClientReport> newReports = new ArrayList<>();
    for (ReceivedItem item : envelope.items()) {
      JsonNode json = item.jsonNode();
      switch (item.type()) {
        case "event":
          newEvents.add(new ReceivedEvent(json, envelope));
          break;
        case "transaction":
          newTransactions.add(new ReceivedEvent(json, envelope));
          break;
        case "log":
          for (JsonNode record : json.path("items")) {
            newLogs.add(new ReceivedLog(record, envelope));
          }
          break;
        case "client_report":
          newReports.add(new ReceivedClientReport(json, envelope));
          break;
        default:
          break;
      }
    }
    lock.lock();
    try {
      envelopes.add(envelope);
      events.addAll(newEvents);
      transactions.addAll(newTransactions);
      logs.addAll(newLogs);
      clientReports.addAll(newReports);
      malformed.addAll(warnings);
      changed.signalAll();
    } finally {
      lock.unlock();
    }
  }

  List<ReceivedEnvelope> envelopes() {
    return snapshot(envelopes);
  }

  List<ReceivedEvent> events() {
    return snapshot(events);
  }

  List<ReceivedEvent> transactions() {
    return snapshot(transactions);
  }

  List<ReceivedLog> logs() {
    return snapshot(logs);
  }

  List<ReceivedClientReport> clientReports() {
    return snapshot(clientReports);
  }

  List<String> malformed() {
    return snapshot(malformed);
  }

  int requestCount() {
    lock.lock();
    try {
      return requests;
    } finally {
      lock.unlock();
    }
  }

  long discarded(String reason, String category) {
    long sum = 0;
    for (ReceivedClientReport report : clientReports()) {
      for (ReceivedClientReport.Discard discard : report.discarded()) {
        if (reason.equals(discard.reason()) && category.equals(discard.category())) {
          sum += discard.quantity();
        }
      }
    }
    return sum;
  }

  void clear() {
    lock.lock();
    try {
      envelopes.clear();
      events.clear();
      transactions.clear();
      logs.clear();
      clientReports.clear();
      malformed.clear();
      requests = 0;
      changed.signalAll();
    } finally {
      lock.unlock();
    }
  }

  /** Waits until the list holds at least {@code atLeast} elements and returns a snapshot of it. */
  <T> List<T> await(String noun, List<T> source, int atLeast, Duration timeout) {
    long deadline = System.nanoTime() + timeoutNanos(timeout);
    lock.lock();
    try {
      while (source.size() < atLeast) {
        long left = deadline - System.nanoTime();
        if (left <= 0) {
          throw new AssertionError(
              String.format(
                  Locale.ROOT,
                  "expected at least %d %s within %d ms, but %d arrived%n%s",
                  atLeast,
                  noun,
                  timeout.toMillis(),
                  source.size(),
                  summaryLocked()));
        }
        changed.awaitNanos(left);
      }
      return List.copyOf(source);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError("interrupted while waiting for " + atLeast + " " + noun, e);
    } finally {
      lock.unlock();
    }
  }

  List<ReceivedEnvelope> awaitEnvelopes(int atLeast, Duration timeout) {
    return await("envelopes", envelopes, atLeast, timeout);
  }

  List<ReceivedEvent> awaitEvents(int atLeast, Duration timeout) {
    return await("events", events, atLeast, timeout);
  }

  List<ReceivedEvent> awaitTransactions(int atLeast, Duration timeout) {
    return await("transactions", transactions, atLeast, timeout);
  }

  List<ReceivedLog> awaitLogs(int atLeast, Duration timeout) {
    return await("logs", logs, atLeast, timeout);
  }

  /**
   * Waits until the condition holds. The condition is evaluated without the lock held (it may look
   * at the SDK too), again after each arrival and at least every 10 ms.
   */
  void awaitCondition(String what, Duration timeout, BooleanSupplier condition) {
    long deadline = System.nanoTime() + timeoutNanos(timeout);
    while (!condition.getAsBoolean()) {
      long left = deadline - System.nanoTime();
      lock.lock();
      try {
        if (left <= 0) {
          throw new AssertionError(
              "condition not met within "
                  + timeout.toMillis()
                  + " ms: "
                  + what
                  + "\n"
                  + summaryLocked());
        }
        changed.awaitNanos(Math.min(left, CONDITION_POLL_NANOS));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError("interrupted while waiting for: " + what, e);
      } finally {
        lock.unlock();
      }
    }
  }

  /** What arrived, for failure messages. */
  String summary() {
    lock.lock();
    try {
      return summaryLocked();
    } finally {
      lock.unlock();
    }
  }

  private String summaryLocked() {
    StringBuilder text = new StringBuilder();
    text.append(
        String.format(
            Locale.ROOT,
            "received %d requests, %d envelopes (%d events, %d transactions, %d logs, %d client reports)",
            requests,
            envelopes.size(),
            events.size(),
            transactions.size(),
            logs.size(),
            clientReports.size()));
    for (int i = 0; i < Math.min(envelopes.size(), SUMMARY_LIMIT); i++) {
      ReceivedEnvelope envelope = envelopes.get(i);
      text.append(String.format(Locale.ROOT, "%n  #%d %s", i + 1, envelope));
      for (ReceivedEvent event : events) {
        if (event.envelope() == envelope) {
          text.append(" ").append(event);
        }
      }
      for (ReceivedEvent transaction : transactions) {
        if (transaction.envelope() == envelope) {
          text.append(" ").append(transaction);
        }
      }
    }
    if (envelopes.size() > SUMMARY_LIMIT) {
      text.append(
          String.format(Locale.ROOT, "%n  ... and %d more", envelopes.size() - SUMMARY_LIMIT));
    }
    int logCount = Math.min(logs.size(), 5);
    for (int i = 0; i < logCount; i++) {
      text.append(String.format(Locale.ROOT, "%n  %s", logs.get(i)));
    }
    if (!malformed.isEmpty()) {
      text.append(String.format(Locale.ROOT, "%nmalformed:"));
      for (String description : malformed) {
        text.append(String.format(Locale.ROOT, "%n  %s", description));
      }
    }
    return text.toString();
  }

  private <T> List<T> snapshot(List<T> list) {
    lock.lock();
    try {
      return List.copyOf(list);
    } finally {
      lock.unlock();
    }
  }

  private static long timeoutNanos(Duration timeout) {
    if (timeout == null || timeout.isNegative()) {
      throw new IllegalArgumentException("timeout must be zero or positive, got " + timeout);
    }
    return timeout.toNanos();
  }
}
