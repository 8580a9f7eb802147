package dev.sentry4j.internal.transport;

import dev.sentry4j.internal.transport.spool.DiskSpool;

/**
 * One serialized envelope on its way: its bytes without {@code sent_at}, its {@link Manifest}, and
 * where it came from — memory or a claimed spool file. Used by one thread at a time.
 */
final class Outgoing {
  final byte[] bytes;
  final String manifest;

  /** The spool file it was read from, or {@code null} when it lives in memory. */
  final DiskSpool.Claim claim;

  /** Attempts answered with 5xx so far (memory envelopes; spooled ones are counted by name). */
  int serverErrors;

  /** Whether it counts against the memory bound (guarded by the backlog's lock). */
  boolean held;

  /**
   * The group-commit file holding a copy of this in-memory envelope, or {@code null} before the
   * commit (guarded by the backlog's lock).
   */
  Backlog.Journal journal;

  /** Whether the copy in its journal file is what remains (guarded by the backlog's lock). */
  boolean kept;

  /** Where its record's state byte is in its journal file (guarded by the backlog's lock). */
  long journalOffset = -1;

  /**
   * Whether a request for it was made whose outcome is unknown (guarded by the backlog's lock): its
   * copies on disk say {@link SpoolBatch#ATTEMPTED}, never counted as dropped.
   */
  boolean attempted;

  /**
   * Whether a file of its own holds it, or is being written with it ({@link Backlog#toDisk};
   * guarded by the backlog's lock): it is not written again.
   */
  boolean stored;

  Outgoing(byte[] bytes, String manifest, DiskSpool.Claim claim) {
    this.bytes = bytes;
    this.manifest = manifest;
    this.claim = claim;
  }

  boolean inMemory() {
    return claim == null;
  }
}
