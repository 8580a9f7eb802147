/**
 * Delivery: from an envelope handed over by the capturing thread to Sentry's answer.
 *
 * <h2>Design</h2>
 *
 * <pre>
 *  capturing thread          intake worker (sentry4j-worker)      sender (sentry4j-sender)
 *  ────────────────          ───────────────────────────────      ────────────────────────
 *  rate limit? drop          rate limit? drop                     memory first, then disk (oldest
 *  take a memory slot        serialize (no sent_at), free slot    file first), up to maxInFlight
 *   none: serialize here,    ├─ fits in maxQueueBytes and          at once; write sent_at, attach
 *   then memory or disk      │  Sentry answers → memory ─────────▶ a due client report, gzip,
 *  queue (no I/O, no wait)   └─ else, Sentry unreachable or        POST:
 *                               closing → disk spool, 64 per file  2xx done · 429 drop, limits ·
 *                                 ─────────────────────────────▶  4xx drop (send_error) · 5xx and
 *                                                                  network errors: keep on disk,
 *                                                                  back off, memory to disk
 * </pre>
 *
 * <ul>
 *   <li><b>The caller does not block while the SDK keeps up.</b> {@link
 *       dev.sentry4j.internal.transport.AsyncTransport#send} checks a volatile rate-limit deadline,
 *       takes one of {@code maxQueueSize} slots with an atomic increment and appends to an
 *       unbounded linked queue (the slots bound it).
 *   <li><b>Overflow: caller runs.</b> No slot free means a burst outruns the intake worker. The
 *       capturing thread then processes and serializes its own envelope (processors and {@code
 *       beforeSend} run there), puts it in memory within {@code maxQueueBytes}, else adds it to a
 *       disk file shared by the capturing threads: the thread that fills the file (64 envelopes, or
 *       a quarter of {@code maxQueueBytes}) writes it, one file at a time; a thread finding the
 *       next one full too waits for that write (the backpressure), so overflow memory stays at two
 *       files. The intake worker writes a partly filled file once it is 100 ms old. Dropped ({@code
 *       queue_overflow}) only when neither memory nor the disk takes it, or when a {@code
 *       beforeSend} running there captures again (no recursion). Memory stays bounded: the
 *       unserialized envelope is held by the application's own thread, as it was before the call.
 *       Slots are few (at most 256 by default) because envelopes waiting for serialization have no
 *       copy on disk yet: the fewer, the shorter the window a kill -9 loses. For the same reason
 *       they follow the worker's measured pace: at most about 200 ms of its work (never fewer than
 *       16), so a cold or CPU-starved JVM hands more of a burst to the callers.
 *   <li><b>Intake.</b> The intake worker frees a slot as soon as the envelope is serialized, so the
 *       slots empty at the speed of serialization, not of HTTP; serialized envelopes wait in memory
 *       up to {@code maxQueueBytes}, then go to disk. A disk write costs far more per file than per
 *       byte, so the worker, once it writes to disk, takes what else waits in the queue (without
 *       waiting) into the same file, up to 64 envelopes.
 *   <li><b>Two threads.</b> The sender may wait up to {@code readTimeout} on a slow or stalled
 *       server; the intake worker goes on serializing and spilling meanwhile.
 *   <li><b>Memory bound.</b> At most {@code maxQueueSize} unserialized envelopes and {@code
 *       maxQueueBytes} of serialized ones (in flight included; a single larger envelope is let
 *       through alone). Both default to a share of the heap ({@link
 *       dev.sentry4j.internal.MemoryBudget}: one envelope per 64 KiB, 100 to 256; 1/16 of the heap,
 *       1 to 32 MiB), so a {@code -Xmx64m} JVM gets 256 and 3.9 MiB.
 *   <li><b>Group commit (the durability window).</b> With a spool, every envelope kept in memory
 *       also gets a copy on disk within 100 ms unless it was sent first: the intake worker writes
 *       what waits uncommitted as one file (at most 64 envelopes / 1 MiB) that this process keeps
 *       locked while the sender sends from memory; the file is deleted once all of it was sent, and
 *       put back as an ordinary spool file (the unsent part) when Sentry cannot be reached. A kill
 *       -9 thus loses what waited for serialization plus at most 100 ms of serialized envelopes;
 *       the next start sends the rest, not what the file marks as sent (an envelope answered just
 *       before the kill may be sent twice, with the same event id). The drop counts not reported
 *       yet are kept the same way (at most every 200 ms, {@link
 *       dev.sentry4j.internal.transport.PendingCounts}), so a crash does not lose them either.
 *   <li><b>Disk spool</b> ({@link dev.sentry4j.internal.transport.spool.DiskSpool}): atomic
 *       temp-file-and-rename writes, oldest file first, {@code maxCacheItems} envelopes and {@code
 *       maxCacheBytes} (the oldest file goes first: {@code cache_overflow}), claims by OS file
 *       locks (released by the kernel when a process dies, whatever its PID) so that processes
 *       sharing the directory never send a file twice, corrupt or oversized files (more than 1/8 of
 *       the heap, never read) moved aside and counted ({@code internal_sdk_error}). A file partly
 *       sent and then interrupted is written back with the rest, in its place. Not writable or
 *       full: memory only for 5 s, then tried again, one diagnostic line per outage. Envelopes are
 *       stored without {@code sent_at}; it is written at each attempt.
 *   <li><b>The books</b> ({@link dev.sentry4j.internal.transport.SpoolBatch}): every envelope in a
 *       spool or group-commit file has a state byte, written in place by the process holding the
 *       file: {@code *} just before its request, {@code #} once answered 2xx (or dropped for good
 *       and counted), {@code .} again after a failure. Evicting a file counts as {@code
 *       cache_overflow} only the {@code .} envelopes; {@code #} ones count nothing (Sentry has
 *       them); {@code *} ones (in flight when the process died or close cut the request: Sentry may
 *       have them) are written back and sent again, never counted. A mark lost to a kill -9 leaves
 *       the older state, so the error is always a re-send (Sentry drops a repeated event id), never
 *       a drop counted twice. A file another process holds is not evicted by this one.
 *   <li><b>Out of memory.</b> An {@link OutOfMemoryError} in either SDK thread drops (and counts)
 *       only what it was handling; the thread goes on. Capture calls absorb one too: it never
 *       reaches the application ({@link dev.sentry4j.internal.OutOfMemory}).
 *   <li><b>HTTP.</b> {@link dev.sentry4j.internal.transport.HttpSenders} picks the sender by the
 *       DSN's scheme: {@code https://} goes through {@link
 *       dev.sentry4j.internal.transport.JdkHttpSender} (the JDK's {@code HttpClient}: TLS, HTTP/2
 *       streams on one connection when Sentry offers it); {@code http://} through {@link
 *       dev.sentry4j.internal.transport.Http11Sender}, blocking HTTP/1.1 on plain sockets with a
 *       keep-alive pool of at most {@code maxInFlight} connections (idle ones closed after 4 s),
 *       about a fifth of the JDK client's CPU per envelope. Both compress with one reused deflater
 *       ({@code Gzip}), block one daemon {@code sentry4j-http} thread per request, bound the whole
 *       answer, body included, by {@code readTimeout} (a 2xx whose headers arrived counts as
 *       delivered even if its body is then cut), and cut requests in flight at close. A request on
 *       a pooled connection the server closed while idle is sent once more on a new connection
 *       (only when no byte of the answer came).
 *   <li><b>Retries.</b> Network errors and 5xx keep the envelope on disk and back off exponentially
 *       with jitter (1 s doubling to 60 s); while backing off, new envelopes go to disk. An
 *       envelope answered with 5xx five times is dropped ({@code send_error}). No retry of 4xx; 429
 *       is not reported (Relay counted it); 413 is reported as {@code send_error} with a
 *       diagnostic. Delivery is at least once: a request cut by a timeout or by close is sent
 *       again, with the same event id.
 *   <li><b>Rate limits</b> ({@code X-Sentry-Rate-Limits} on any answer, {@code Retry-After} or 60 s
 *       on a 429) per category and per DSN, checked before serialization; limited items are dropped
 *       as {@code ratelimit_backoff}, limited spooled files wait for the limit to end. Time comes
 *       from a {@code Ticker}, so tests move it instead of sleeping.
 *   <li><b>Client reports</b> leave the {@link dev.sentry4j.internal.clientreport.DiscardCounter}
 *       at most every 30 s attached to an outgoing envelope, alone after 60 s idle, and at every
 *       flush and close; their counts go back when the envelope carrying them is lost; at close,
 *       unsent counts are written to the spool.
 *   <li><b>Flush and close</b> wait for memory and the spool. Close sends for most of its timeout
 *       and keeps a quarter of it (at most 500 ms) to write what is still left to disk; if half the
 *       sending time passes with envelopes still waiting, it first writes everything in memory to
 *       disk and sends from there, so that what it cannot send is already safe for the next start.
 *       What still waits when the threads have stopped is serialized and spooled, past the deadline
 *       if need be (at most {@code maxQueueSize} envelopes), never dropped as {@code
 *       queue_overflow}; the final client report is written without evicting anything. An intake
 *       worker that did not stop in time (starved: the JVM exits with it) hands over what it took
 *       from the queue and has not placed ({@link dev.sentry4j.internal.transport.IntakeHand}):
 *       close serializes and spools it; the one envelope being serialized at that moment (its
 *       processors and {@code beforeSend} run on the worker) is spooled if the worker finishes it
 *       before close is done, else counted as dropped; each envelope is placed by exactly one of
 *       them. Close saving the requests in flight of a sender thread that is keeping them itself
 *       writes each once. Once Sentry is known unreachable (a refused or timed-out request, an open
 *       back-off, 2 s of requests with no answer), close puts what waits on disk at once and
 *       returns. A close that has seen no answer yet (a short-lived process: its first request may
 *       still wait for the cold HTTP stack, seconds on a busy machine) probes Sentry's port with a
 *       plain TCP connect on a daemon thread: refused means unreachable at once. Before Java 21,
 *       closing the HTTP sender also interrupts the JDK client's selector thread: left in {@code
 *       epoll_wait}, it made the JVM's exit wait 300 ms or more.
 * </ul>
 *
 * <p>Everything an envelope is dropped for is counted in the client's {@code DiscardCounter},
 * reported to Sentry and visible in {@link dev.sentry4j.client.SentryClient#getStats()}.
 */
package dev.sentry4j.internal.transport;
