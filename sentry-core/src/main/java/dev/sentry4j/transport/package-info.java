/**
 * Delivery: from an envelope handed over by the capturing thread to Sentry's answer.
 *
 * <h2>Design</h2>
 *
 * <pre>
 *  capturing thread          intake worker (sentry4j-worker)       sender (sentry4j-sender)
 *  ────────────────          ───────────────────────────────       ────────────────────────
 *  rate limit? drop ──┐      rate limit? drop                      memory first, then disk
 *  take a memory slot │      serialize (no sent_at)                (oldest file, 100 ms apart
 *   none: drop,       │      ├─ backlog small, Sentry answers       unless a flush waits)
 *   queue_overflow    │      │     → outbox (memory)  ───────────▶ write sent_at, attach a due
 *  queue (no I/O) ────┘      └─ more than half the slots taken,     client report, POST
 *                                 Sentry unreachable, closing       2xx done · 429 drop, limits
 *                                  → disk spool (slot freed) ─────▶ 413/4xx drop, send_error
 *                                                                   5xx/network: keep on disk,
 *                                                                   back off, spill memory to disk
 * </pre>
 *
 * <ul>
 *   <li><b>The caller never blocks.</b> {@link dev.sentry4j.transport.AsyncTransport#send} checks a
 *       volatile rate-limit deadline, takes one of {@code maxQueueSize} memory slots with an atomic
 *       increment and appends to an unbounded linked queue (the slots bound it). No slot: the
 *       envelope is dropped and counted ({@code queue_overflow}).
 *   <li><b>Overflow path.</b> The caller cannot serialize, so it cannot spill to disk itself; instead
 *       the intake worker drains to disk as soon as more than half the slots are taken. A disk write
 *       gives the slot back at once, so in a burst the slots free up at disk speed instead of HTTP
 *       speed, and the callers find room.
 *   <li><b>Two threads.</b> The sender may wait up to {@code readTimeout} on a slow or stalled
 *       server; the intake worker goes on serializing and spilling meanwhile.
 *   <li><b>Memory bound.</b> At most {@code maxQueueSize} envelopes in memory (unserialized,
 *       serialized and in flight together); the serialized ones waiting for the sender at most
 *       {@code maxQueueBytes} (a single larger envelope is let through alone).
 *   <li><b>Disk spool</b> ({@link dev.sentry4j.transport.spool.DiskSpool}): one file per envelope,
 *       atomic temp-file-and-rename writes, oldest first, {@code maxCacheItems} and {@code
 *       maxCacheBytes} (the oldest go first, {@code cache_overflow}), claims by atomic rename so that
 *       processes sharing the directory never send a file twice, corrupt files moved aside and
 *       counted ({@code internal_sdk_error}). Not writable or full: memory only, one diagnostic line.
 *       Envelopes are stored without {@code sent_at}; it is written at each attempt.
 *   <li><b>Retries.</b> Network errors and 5xx keep the envelope on disk and back off exponentially
 *       with jitter (1 s doubling to 60 s); while backing off new envelopes go to disk. An envelope
 *       answered with 5xx five times is dropped ({@code send_error}). No retry of 4xx; 429 is not
 *       reported (Relay counted it); 413 is reported as {@code send_error} with a diagnostic.
 *   <li><b>Rate limits</b> ({@code X-Sentry-Rate-Limits} on any answer, {@code Retry-After} or 60 s on
 *       a 429) per category, checked before serialization; limited items are dropped as {@code
 *       ratelimit_backoff}, limited spooled files wait for the limit to end.
 *   <li><b>Client reports</b> leave the {@link dev.sentry4j.clientreport.DiscardCounter} at most
 *       every 30 s, attached to an outgoing envelope or on their own when idle, and at every flush;
 *       their counts go back when the envelope carrying them is lost; at close, unsent counts are
 *       written to the spool.
 *   <li><b>Flush and close</b> wait for memory and the spool. Close keeps a quarter of its timeout
 *       (at most 500 ms) to write what is left in memory to disk, for the next start.
 * </ul>
 *
 * <p>Everything an envelope is dropped for is counted in the client's {@code DiscardCounter},
 * reported to Sentry and visible in {@link dev.sentry4j.SentryClient#getStats()}.
 */
package dev.sentry4j.transport;
