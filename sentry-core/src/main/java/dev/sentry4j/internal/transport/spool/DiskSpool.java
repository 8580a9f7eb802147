package dev.sentry4j.internal.transport.spool;

import dev.sentry4j.internal.MemoryBudget;
import dev.sentry4j.spi.Diagnostics;
import java.io.FileNotFoundException;
import java.io.FileOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The disk spool: serialized envelopes waiting in a directory until they are sent, oldest first.
 * Internal, may change.
 *
 * <p>A file holds one or more envelopes (the caller decides the format; a burst is written in
 * batches, since creating files is what makes a disk slow). It is written under a hidden temporary
 * name and renamed into place, so a crash mid-write never leaves half a file under a name that is
 * sent. Its name is {@code <epoch-millis>-<seq>-<random>.<envelopes>.<manifest>.spool}: names sort
 * by age, and the manifest says what the file holds, for rate limits and drop counts without
 * reading it.
 *
 * <p><b>Claims are OS file locks.</b> A sender claims a file by taking an exclusive {@link
 * FileChannel#tryLock() lock} on it; only one process can hold it, so processes sharing the
 * directory never send the same file twice, and the kernel releases it when the holder dies (kill
 * -9, OOM killer), so the next scan — of any process, even one that got the same PID, as PID 1 in a
 * container — finds the file again. A file is deleted under its lock once everything in it was
 * sent. The same lock protects the files this process writes for itself ({@link #storeClaimed}:
 * envelopes it still holds in memory, its pending drop counts): other processes leave them alone
 * while it lives and send them once it is gone. Claims of an older layout ({@code
 * <name>.<pid>.sending}) are put back by every scan.
 *
 * <p><b>Hostile contents.</b> A file is read into memory only up to {@code maxFileBytes} (a share
 * of the heap, see {@link dev.sentry4j.internal.MemoryBudget#spoolFileBytes()}); a larger one is
 * never read: {@link Claim#read()} refuses it and the caller {@linkplain #quarantine quarantines}
 * and counts it. Corrupt files go the same way, to {@code corrupt/}, which keeps the newest few.
 *
 * <p><b>Eviction</b> (a file beyond {@code maxItems} / {@code maxBytes}, oldest first, never a
 * client report) takes the file's lock first, so a file another process is sending is left to it.
 * The {@linkplain #readEvictedWith eviction reader} (the caller knows the format) says what of the
 * file counts as dropped and what must be written back: the caller marks, in place ({@link
 * Claim#write(long, byte)}), what became of each envelope of a file it holds.
 *
 * <p><b>Unwritable or full.</b> When a write fails (read-only directory, disk full), the spool says
 * so once and refuses writes for {@link #RETRY_INTERVAL_MILLIS} ms, then tries again: a disk that
 * filled up and was freed is used again. Files already there can still be sent meanwhile.
 *
 * <p>Thread-safe: every operation holds one lock, so a write and a claim never interleave.
 */
public final class DiskSpool {
  /**
   * Writes a file; the default is {@link Files#write}. Tests pass one that fails like a full disk.
   */
  @FunctionalInterface
  public interface FileWriter {
    /**
     * Writes {@code data} to a new file.
     *
     * @throws IOException when it cannot be written
     */
    void write(Path file, byte[] data) throws IOException;
  }

  /**
   * Reads a file about to be evicted (locked by this process): what it still holds that counts as
   * dropped, and what must be written back instead. The spool's user knows the format; the default
   * counts the whole file by its name's manifest.
   */
  @FunctionalInterface
  public interface EvictionReader {
    /**
     * Reads {@code file}.
     *
     * @throws IOException when it cannot be read: then the whole file counts
     */
    Evicted read(Claim file) throws IOException;
  }

  /** What an evicted file held: a manifest to count, and envelopes to write back. Immutable. */
  public static final class Evicted {
    final String dropped;
    final byte[] keep;
    final int keepEnvelopes;
    final String keepManifest;

    /**
     * Creates the verdict on an evicted file.
     *
     * @param dropped the manifest of what is dropped (counted {@code cache_overflow}); empty: none
     * @param keep the data of a file to write back (envelopes that must not be dropped), or {@code
     *     null}
     * @param keepEnvelopes how many envelopes {@code keep} holds
     * @param keepManifest what {@code keep} holds
     */
    public Evicted(String dropped, byte[] keep, int keepEnvelopes, String keepManifest) {
      this.dropped = dropped == null ? "" : dropped;
      this.keep = keep;
      this.keepEnvelopes = keepEnvelopes;
      this.keepManifest = keepManifest;
    }
  }

  private static final Pattern NAME =
      Pattern.compile("(\\d{13}-\\d{6}-[0-9a-f]{8})\\.(\\d{1,6})\\.([a-z0-9_~+]{1,160})\\.spool");
  private static final Pattern MANIFEST = Pattern.compile("[a-z0-9_~+]{1,160}");
  private static final Pattern LEGACY_CLAIM = Pattern.compile("(.+\\.spool)\\.(\\d+)\\.sending");
  private static final String SUFFIX = ".spool";
  private static final String TEMP_SUFFIX = ".tmp";
  private static final String CORRUPT_DIR = "corrupt";
  private static final long STALE_MILLIS = 10 * 60 * 1000L;
  private static final int MAX_CORRUPT_FILES = 20;

  /** After a failed write, writes are refused this long, then tried again. */
  public static final long RETRY_INTERVAL_MILLIS = 5_000;

  /**
   * Files locked by any spool of this JVM. A second channel on a locked file must never be opened
   * here: on POSIX systems closing it would drop the lock held through the first one.
   */
  private static final Set<Path> LOCKED_IN_JVM = ConcurrentHashMap.newKeySet();

  private final Path dir;
  private final int maxItems;
  private final long maxBytes;
  private final Consumer<String> onEvicted;
  private volatile EvictionReader evictionReader =
      file -> new Evicted(file.manifest(), null, 0, null);
  private final FileWriter writer;
  private final SpoolDirectory privacy;
  private static final AtomicInteger SEQ = new AtomicInteger();
  private final Object lock = new Object();
  private final TreeMap<String, Long> index = new TreeMap<>(); // name -> size; guarded by lock
  private long indexedBytes; // guarded by lock
  private int indexedEnvelopes; // guarded by lock
  private int claimedEnvelopes; // guarded by lock
  private boolean opened; // guarded by lock
  private boolean directoryMade; // guarded by lock
  private volatile int pending; // indexedEnvelopes + claimedEnvelopes, for readers without the lock
  private volatile boolean writable = true;
  private volatile long retryWritesAt; // System.nanoTime() after which a refused write is tried
  private volatile long retryIntervalNanos = TimeUnit.MILLISECONDS.toNanos(RETRY_INTERVAL_MILLIS);
  private volatile long maxFileBytes = MemoryBudget.spoolFileBytes();

  /**
   * Creates a spool; touches no file until used.
   *
   * @param dir the directory (created on the first write)
   * @param maxItems envelopes kept at most; the oldest files are deleted to make room (never a
   *     client report: its counts exist nowhere else)
   * @param maxBytes bytes kept at most; the oldest are deleted to make room
   * @param onEvicted gets, for each file deleted to make room, the manifest of what it held that
   *     counts as dropped ({@code cache_overflow}; see {@link #readEvictedWith})
   */
  public DiskSpool(Path dir, int maxItems, long maxBytes, Consumer<String> onEvicted) {
    this(dir, maxItems, maxBytes, onEvicted, DiskSpool::writeFile);
  }

  /** Creates a spool that writes files with {@code writer} (tests simulate a full disk). */
  public DiskSpool(
      Path dir, int maxItems, long maxBytes, Consumer<String> onEvicted, FileWriter writer) {
    this.dir = dir;
    this.maxItems = Math.max(1, maxItems);
    this.maxBytes = Math.max(1, maxBytes);
    this.onEvicted = onEvicted;
    this.writer = writer;
    this.privacy = new SpoolDirectory(dir);
  }

  /**
   * The spool directory of a DSN: see {@link SpoolDirectory} (a private folder per user and DSN).
   *
   * @throws IllegalArgumentException naming {@code cacheDirPath} when it is not a valid path
   */
  public static Path directoryFor(
      String cacheDirPath, String projectId, String publicKey, String endpoint) {
    return SpoolDirectory.directoryFor(cacheDirPath, projectId, publicKey, endpoint);
  }

  /** The directory. */
  public Path directory() {
    return dir;
  }

  /**
   * Whether new envelopes can be written: false for {@link #RETRY_INTERVAL_MILLIS} ms after a
   * failed write, then true again for another try.
   */
  public boolean isWritable() {
    return writable || System.nanoTime() - retryWritesAt >= 0;
  }

  /** Sets how long writes are refused after a failed one (tests shorten it). */
  public DiskSpool retryWritesAfter(Duration interval) {
    this.retryIntervalNanos = interval.toNanos();
    return this;
  }

  /** Sets the largest file {@link Claim#read()} reads into memory. */
  public DiskSpool maxFileBytes(long bytes) {
    this.maxFileBytes = bytes;
    return this;
  }

  /**
   * Sets how an evicted file is read (what it holds that counts as dropped, what is written back);
   * by default the whole file counts.
   */
  public DiskSpool readEvictedWith(EvictionReader reader) {
    this.evictionReader = reader;
    return this;
  }

  /** Reads the directory once: finds files left by earlier runs and claims of dead processes. */
  public void open() {
    synchronized (lock) {
      try {
        ensureOpen();
      } finally {
        updatePending();
      }
    }
  }

  /** Looks into the directory again for files of other processes and abandoned claims. */
  public void rescan() {
    synchronized (lock) {
      try {
        opened = true;
        scan();
      } finally {
        updatePending();
      }
    }
  }

  /**
   * Writes a file, deleting the oldest files first when the spool is full.
   *
   * @param data the bytes
   * @param envelopes how many envelopes they hold (counts against {@code maxItems})
   * @param manifest what they hold, {@code [a-z0-9_~+]}
   * @return the file name, or {@code null} when it was not written: the spool is not writable (see
   *     {@link #isWritable()}) or the file alone is larger than the caps
   */
  public String store(byte[] data, int envelopes, String manifest) {
    return store(data, envelopes, manifest, null);
  }

  /**
   * Like {@link #store(byte[], int, String)}, written only if {@code mine}, asked under the spool's
   * lock just before the write (after the checks), says the envelopes are still the caller's: the
   * intake worker and close then never both write them, and once {@code mine} said yes, any other
   * use of the spool (as {@link #awaitWrite()}) waits for the write to end.
   *
   * @param mine {@code null}: always
   * @return the file name, or {@code null} when it was not written (refused, or not the caller's)
   */
  public String store(byte[] data, int envelopes, String manifest, BooleanSupplier mine) {
    synchronized (lock) {
      try {
        ensureOpen();
        if (!isWritable() || data.length > maxBytes || envelopes > maxItems) {
          return null;
        }
        if (mine != null && !mine.getAsBoolean()) {
          return null;
        }
        makeRoom(envelopes, data.length);
        return write(newPrefix(), data, envelopes, manifest);
      } finally {
        updatePending();
      }
    }
  }

  /**
   * Writes a file that evicts nothing and ignores the caps: a client report written at close, whose
   * counts would be lost if writing it evicted (and counted) another file.
   *
   * @return the file name, or {@code null} when it could not be written
   */
  public String storeWithoutEviction(byte[] data, int envelopes, String manifest) {
    synchronized (lock) {
      try {
        ensureOpen();
        return isWritable() ? write(newPrefix(), data, envelopes, manifest) : null;
      } finally {
        updatePending();
      }
    }
  }

  /**
   * Writes a file already claimed by this process: no other process sends it while this one lives;
   * once it dies, the kernel releases the lock and the file is sent by the next one. The caller
   * {@linkplain #complete completes}, {@linkplain #release releases} or {@linkplain #replace
   * replaces} it. It does not count in {@link #pending()} while claimed (its envelopes are still in
   * memory) and evicts nothing.
   *
   * @return the claim, or {@code null} when it could not be written
   */
  public Claim storeClaimed(byte[] data, int envelopes, String manifest) {
    synchronized (lock) {
      try {
        ensureOpen();
        if (!isWritable()) {
          return null;
        }
        String m = manifest != null && MANIFEST.matcher(manifest).matches() ? manifest : "unknown";
        String prefix = newPrefix();
        String name = prefix + "." + envelopes + "." + m + SUFFIX;
        Path temp = dir.resolve("." + name + TEMP_SUFFIX);
        Path target = dir.resolve(name);
        FileChannel channel = null;
        try {
          writeTemp(temp, data);
          channel = FileChannel.open(temp, StandardOpenOption.READ, StandardOpenOption.WRITE);
          FileLock fileLock = tryLock(channel);
          if (fileLock == null) {
            throw new IOException("could not lock a new file");
          }
          LOCKED_IN_JVM.add(target);
          Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE); // the lock follows the file
          recovered();
          return new Claim(name, prefix, envelopes, m, target, channel, false);
        } catch (IOException | RuntimeException e) {
          LOCKED_IN_JVM.remove(target);
          closeQuietly(channel);
          deleteQuietly(temp);
          disable(e);
          return null;
        }
      } finally {
        updatePending();
      }
    }
  }

  /** Waits for a write another thread is doing to end (close, after the intake worker claimed). */
  public void awaitWrite() {
    synchronized (lock) {
      updatePending();
    }
  }

  private static String newPrefix() {
    return String.format(
        "%013d-%06d-%08x",
        System.currentTimeMillis(),
        Math.floorMod(SEQ.getAndIncrement(), 1_000_000),
        ThreadLocalRandom.current().nextInt());
  }

  private void makeRoom(int envelopes, long bytes) { // lock held
    evictUntilWithin((long) maxItems - envelopes, maxBytes - bytes);
  }

  /**
   * Evicts the oldest files until the spool holds at most {@code envelopes} and {@code bytes}; each
   * file at most once, so that one written back by an eviction cannot loop.
   */
  private void evictUntilWithin(long envelopes, long bytes) { // lock held
    for (int files = index.size();
        files > 0
            && !index.isEmpty()
            && (indexedEnvelopes > envelopes || indexedBytes > bytes)
            && evictOldest();
        files--) {
      // evicted one
    }
  }

  private String write(String prefix, byte[] data, int envelopes, String manifest) { // lock held
    String m = manifest != null && MANIFEST.matcher(manifest).matches() ? manifest : "unknown";
    String name = prefix + "." + envelopes + "." + m + SUFFIX;
    Path temp = dir.resolve("." + name + TEMP_SUFFIX);
    try {
      writeTemp(temp, data);
      Files.move(temp, dir.resolve(name), StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException | RuntimeException e) {
      deleteQuietly(temp);
      disable(e);
      return null;
    }
    recovered();
    index.put(name, (long) data.length);
    indexedBytes += data.length;
    indexedEnvelopes += envelopes;
    return name;
  }

  private void writeTemp(Path temp, byte[] data) throws IOException { // lock held
    if (!directoryMade) {
      privacy.create();
      directoryMade = true;
    }
    try {
      privacy.startFile(temp); // 0600, with the header line the data is appended to
      writer.write(temp, data);
    } catch (NoSuchFileException | FileNotFoundException gone) {
      privacy.create(); // removed meanwhile (a temp-directory cleaner): once more
      privacy.startFile(temp);
      writer.write(temp, data);
    }
  }

  /**
   * Claims the oldest file whose manifest {@code sendable} accepts, so that no other sender takes
   * it.
   *
   * @return the claim, or {@code null} when there is none
   */
  public Claim claimOldest(Predicate<String> sendable) {
    synchronized (lock) {
      try {
        ensureOpen();
        Iterator<Map.Entry<String, Long>> it = index.entrySet().iterator();
        while (it.hasNext()) {
          Map.Entry<String, Long> entry = it.next();
          String name = entry.getKey();
          Matcher parts = NAME.matcher(name);
          if (!parts.matches() || !sendable.test(parts.group(3))) {
            continue;
          }
          int envelopes = Integer.parseInt(parts.group(2));
          Path file = dir.resolve(name);
          FileChannel channel;
          try {
            channel = lockIfFree(file);
          } catch (IOException | RuntimeException e) {
            // unreadable (permissions?): skipped until the next scan, not retried in a loop
            Diagnostics.warn("spool-claim", "Could not claim a spooled envelope " + name, e);
            channel = null;
          }
          it.remove();
          indexedBytes -= entry.getValue();
          indexedEnvelopes -= envelopes;
          if (channel == null) {
            continue; // gone, or claimed by another process: the next scan looks again
          }
          if (!privacy.isOwn(file)) {
            closeQuietly(channel); // releases the lock
            LOCKED_IN_JVM.remove(file);
            privacy.quarantine(file, name); // another user's, or not written for this DSN
            continue;
          }
          claimedEnvelopes += envelopes;
          return new Claim(name, parts.group(1), envelopes, parts.group(3), file, channel, true)
              .withMaxBytes(maxFileBytes);
        }
        return null;
      } finally {
        updatePending();
      }
    }
  }

  /** Deletes a claimed file: everything in it was sent or dropped for good. */
  public void complete(Claim claim) {
    synchronized (lock) {
      try {
        uncount(claim);
        deleteQuietly(claim.path); // under the lock: nobody can claim it meanwhile
        unlock(claim);
      } finally {
        updatePending();
      }
    }
  }

  /** Puts a claimed file back unchanged for a later attempt (by this or another process). */
  public void release(Claim claim) {
    synchronized (lock) {
      try {
        uncount(claim);
        unlock(claim);
        try {
          long size = Files.size(claim.path);
          if (index.put(claim.name, size) == null) {
            indexedBytes += size;
            indexedEnvelopes += claim.envelopes;
          }
        } catch (IOException | RuntimeException e) {
          Diagnostics.warn("spool-release", "Could not put back a spooled file " + claim.name, e);
        }
      } finally {
        updatePending();
      }
    }
  }

  /**
   * Puts back what is left of a claimed file (part of it was sent) in its place in the order, and
   * deletes the claimed file. When the rest cannot be written, the whole file is put back instead:
   * a few envelopes sent twice (Sentry drops repeated event ids) beat losing the rest.
   */
  public void replace(Claim claim, byte[] rest, int envelopes, String manifest) {
    synchronized (lock) {
      try {
        String written = isWritable() ? write(claim.prefix, rest, envelopes, manifest) : null;
        if (written == null) {
          release(claim);
          return;
        }
        uncount(claim);
        deleteQuietly(claim.path);
        unlock(claim);
      } finally {
        updatePending();
      }
    }
  }

  /**
   * Moves a claimed file that cannot be read, is too large or cannot be parsed to {@code corrupt/},
   * keeping the newest few. The caller counts what it held.
   */
  public void quarantine(Claim claim, String reason) {
    synchronized (lock) {
      try {
        uncount(claim);
        moveAside(claim.path, reason); // still locked: nobody else takes it meanwhile
        unlock(claim);
      } finally {
        updatePending();
      }
    }
  }

  /** {@link #quarantine(Claim, String)} for a corrupt file. */
  public void quarantine(Claim claim) {
    quarantine(claim, "corrupt");
  }

  /**
   * Moves any file of the directory that must not be sent (corrupt, too large, foreign) to {@code
   * corrupt/}, keeping the newest few, with one diagnostic line; deletes it when it cannot be
   * moved. The one quarantine step shared by every check.
   */
  public void quarantine(Path file, String reason) {
    synchronized (lock) {
      String name = file.getFileName().toString();
      Long size = index.remove(name);
      if (size != null) {
        indexedBytes -= size;
        indexedEnvelopes -= envelopesOf(name);
      }
      moveAside(file, reason);
      updatePending();
    }
  }

  private void moveAside(Path file, String reason) { // lock held
    Path corrupt = dir.resolve(CORRUPT_DIR);
    try {
      Files.createDirectories(corrupt);
      Files.move(file, corrupt.resolve(file.getFileName()), StandardCopyOption.REPLACE_EXISTING);
      pruneCorrupt(corrupt);
    } catch (IOException | RuntimeException e) {
      deleteQuietly(file);
    }
    Diagnostics.warn(
        "spool-quarantine",
        "A spool file was set aside (" + reason + "): " + file.getFileName(),
        null);
  }

  private void uncount(Claim claim) { // lock held
    if (claim.counted) {
      claimedEnvelopes -= claim.envelopes;
    }
  }

  private static void unlock(Claim claim) {
    closeQuietly(claim.channel); // releases the lock
    LOCKED_IN_JVM.remove(claim.path);
  }

  /**
   * Opens and locks {@code file} unless it is gone or locked by someone else (then {@code null}).
   * Checks after locking that the file is still the one opened: its holder may have deleted or
   * replaced it meanwhile.
   */
  private static FileChannel lockIfFree(Path file) throws IOException {
    if (!LOCKED_IN_JVM.add(file)) {
      return null; // another spool of this JVM holds it
    }
    FileChannel channel = null;
    try {
      Object before = Files.readAttributes(file, BasicFileAttributes.class).fileKey();
      channel = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE);
      FileLock fileLock = tryLock(channel);
      if (fileLock != null) {
        Object after = Files.readAttributes(file, BasicFileAttributes.class).fileKey();
        if (before == null || before.equals(after)) {
          return channel;
        }
      }
    } catch (NoSuchFileException | OverlappingFileLockException e) {
      // gone meanwhile, or held
    } catch (IOException | RuntimeException e) {
      closeQuietly(channel);
      LOCKED_IN_JVM.remove(file);
      throw e;
    }
    closeQuietly(channel);
    LOCKED_IN_JVM.remove(file);
    return null;
  }

  /** {@link FileChannel#tryLock()} that an interrupt of the calling thread cannot break. */
  private static FileLock tryLock(FileChannel channel) throws IOException {
    boolean interrupted = Thread.interrupted();
    try {
      return channel.tryLock();
    } finally {
      if (interrupted) {
        Thread.currentThread().interrupt();
      }
    }
  }

  private static void closeQuietly(FileChannel channel) {
    if (channel == null) {
      return;
    }
    boolean interrupted = Thread.interrupted();
    try {
      channel.close();
    } catch (IOException | RuntimeException e) {
      // the kernel releases the lock with the descriptor anyway
    } finally {
      if (interrupted) {
        Thread.currentThread().interrupt();
      }
    }
  }

  /**
   * Envelopes waiting on disk as far as this process knows, claimed ones included. Never waits for
   * a write in progress.
   */
  public int pending() {
    return pending;
  }

  /**
   * Files found in the directory that this SDK did not write for this DSN: never sent, set aside.
   */
  public int foreignFiles() {
    return privacy.foreignFiles();
  }

  /** Envelopes a single file may hold: {@code maxItems}. */
  public int maxEnvelopesPerFile() {
    return maxItems;
  }

  /** Bytes a single file may have: {@code maxBytes}. */
  public long maxBytesPerFile() {
    return maxBytes;
  }

  private void updatePending() { // lock held
    pending = indexedEnvelopes + claimedEnvelopes;
  }

  /** Whether an unclaimed file is waiting. */
  public boolean hasFiles() {
    synchronized (lock) {
      return !index.isEmpty();
    }
  }

  /** Bytes of the unclaimed files waiting. */
  public long bytes() {
    synchronized (lock) {
      return indexedBytes;
    }
  }

  private void ensureOpen() { // lock held
    if (!opened) {
      opened = true;
      scan();
    }
  }

  private void scan() { // lock held
    if (!Files.isDirectory(dir)) {
      return;
    }
    List<Path> entries = new ArrayList<>();
    try (DirectoryStream<Path> stream = Files.newDirectoryStream(dir)) {
      for (Path p : stream) {
        entries.add(p);
      }
    } catch (IOException | RuntimeException e) {
      Diagnostics.warn("spool-scan", "Could not read the spool directory " + dir, e);
      return;
    }
    long now = System.currentTimeMillis();
    for (Path p : entries) {
      String name = p.getFileName().toString();
      if (NAME.matcher(name).matches()) {
        if (!index.containsKey(name) && !LOCKED_IN_JVM.contains(p)) {
          addToIndex(name, p);
        }
        continue;
      }
      Matcher claimed = LEGACY_CLAIM.matcher(name);
      if (claimed.matches() && NAME.matcher(claimed.group(1)).matches()) {
        recoverLegacyClaim(p, claimed.group(1));
      } else if (name.startsWith(".") && name.endsWith(TEMP_SUFFIX) && isOlderThan(p, now)) {
        deleteQuietly(p); // a write cut short by a crash
      }
    }
    // A directory found over its caps is trimmed only beyond twice them: the files a killed process
    // wrote for its envelopes in memory (group commit) do not count against the caps while it runs,
    // and are what a restart is for.
    evictUntilWithin(2L * maxItems, 2 * maxBytes);
  }

  /**
   * Puts back a claim of the older, rename-based layout ({@code <name>.<pid>.sending}). This
   * version never makes one, so its process is gone, even when a new one got the same PID.
   */
  private void recoverLegacyClaim(Path claimed, String original) { // lock held
    Path back = dir.resolve(original);
    try {
      Files.move(claimed, back, StandardCopyOption.ATOMIC_MOVE);
      addToIndex(original, back);
    } catch (IOException | RuntimeException e) {
      // another process recovered it first
    }
  }

  private void addToIndex(String name, Path p) { // lock held
    try {
      long size = Files.size(p);
      index.put(name, size);
      indexedBytes += size;
      indexedEnvelopes += envelopesOf(name);
    } catch (IOException | RuntimeException e) {
      // gone meanwhile: another process claimed it
    }
  }

  /**
   * Deletes the oldest file that is not a client report and counts what it held; false when only
   * reports are left. A report is never evicted: its counts exist nowhere else (it would be counted
   * as {@code cache_overflow} with nothing to count), and it is small.
   *
   * <p>The file is evicted under its lock: one another process holds (it is sending it) is left to
   * that process, not counted here. The {@linkplain #readEvictedWith eviction reader} says what of
   * it counts as dropped (envelopes already delivered do not) and what is written back as a new
   * file (envelopes whose outcome is unknown: sent again rather than counted).
   */
  private boolean evictOldest() { // lock held
    Map.Entry<String, Long> oldest = null;
    for (Map.Entry<String, Long> e : index.entrySet()) {
      if (!isReport(e.getKey())) {
        oldest = e;
        break;
      }
    }
    if (oldest == null) {
      return false;
    }
    String name = oldest.getKey();
    index.remove(name);
    indexedBytes -= oldest.getValue();
    indexedEnvelopes -= envelopesOf(name);
    Path file = dir.resolve(name);
    FileChannel channel;
    try {
      channel = lockIfFree(file);
    } catch (IOException | RuntimeException e) {
      channel = null;
      Diagnostics.warn("spool-evict", "Could not evict a spooled envelope " + name, e);
    }
    if (channel == null) {
      return true; // gone, or another process holds it: its business
    }
    Matcher parts = NAME.matcher(name);
    String prefix = parts.matches() ? parts.group(1) : newPrefix();
    Claim claim =
        new Claim(name, prefix, envelopesOf(name), manifestOf(name), file, channel, false);
    Evicted verdict;
    try {
      verdict = evictionReader.read(claim);
    } catch (IOException | RuntimeException e) {
      verdict = new Evicted(claim.manifest, null, 0, null);
    }
    String dropped = verdict.dropped;
    if (verdict.keep != null
        && (!isWritable()
            || write(newPrefix(), verdict.keep, verdict.keepEnvelopes, verdict.keepManifest)
                == null)) {
      dropped = claim.manifest; // cannot be kept: counted rather than lost unreported
    }
    try {
      if (Files.deleteIfExists(file) && !dropped.isEmpty()) {
        onEvicted.accept(dropped);
      }
    } catch (IOException | RuntimeException e) {
      Diagnostics.warn("spool-evict", "Could not delete a spooled envelope " + name, e);
    } finally {
      unlock(claim);
    }
    return true;
  }

  private static boolean isReport(String name) {
    String manifest = manifestOf(name);
    return manifest.startsWith("client_report~") && manifest.indexOf('+') < 0;
  }

  private void recovered() { // lock held
    if (!writable) {
      writable = true;
      Diagnostics.info("Disk spool " + dir + " is writable again");
    }
  }

  private void disable(Exception cause) {
    retryWritesAt = System.nanoTime() + retryIntervalNanos;
    if (!writable) {
      return; // said once per outage
    }
    writable = false;
    String why = cause instanceof AtomicMoveNotSupportedException ? "no atomic rename" : null;
    Diagnostics.warn(
        "spool-disabled",
        "Disk spool "
            + dir
            + " is not usable"
            + (why == null ? "" : " (" + why + ")")
            + "; envelopes are kept in memory only, and writing is tried again every "
            + TimeUnit.NANOSECONDS.toMillis(retryIntervalNanos)
            + " ms",
        cause);
  }

  private void pruneCorrupt(Path corrupt) throws IOException {
    pruneOldest(corrupt, MAX_CORRUPT_FILES);
  }

  /** Deletes the oldest files of a set-aside folder (names sort by age) beyond {@code keep}. */
  static void pruneOldest(Path folder, int keep) throws IOException {
    List<Path> files = new ArrayList<>();
    try (DirectoryStream<Path> stream = Files.newDirectoryStream(folder)) {
      for (Path p : stream) {
        files.add(p);
      }
    }
    if (files.size() <= keep) {
      return;
    }
    Collections.sort(files);
    for (int i = 0; i < files.size() - keep; i++) {
      deleteQuietly(files.get(i));
    }
  }

  /** The manifest part of a file name. */
  static String manifestOf(String name) {
    Matcher m = NAME.matcher(name);
    return m.matches() ? m.group(3) : "";
  }

  private static int envelopesOf(String name) {
    Matcher m = NAME.matcher(name);
    return m.matches() ? Integer.parseInt(m.group(2)) : 0;
  }

  private static boolean isOlderThan(Path p, long now) {
    try {
      return now - Files.getLastModifiedTime(p).toMillis() > STALE_MILLIS;
    } catch (IOException | RuntimeException e) {
      return false;
    }
  }

  /**
   * Writes through a plain stream: unlike a file channel, it is not closed when the writing thread
   * is interrupted. No fsync: a file survives a killed process, not a power cut, and a burst stays
   * fast.
   */
  private static void writeFile(Path file, byte[] data) throws IOException {
    try (FileOutputStream out = new FileOutputStream(file.toFile(), true)) { // after the header
      out.write(data);
    }
  }

  private static void deleteQuietly(Path p) {
    try {
      Files.deleteIfExists(p);
    } catch (IOException | RuntimeException e) {
      // nothing more to do; a later scan removes stale temporary files
    }
  }

  /** A file this process holds the lock of, for sending or for itself. */
  public static final class Claim {
    private final String name;
    private final String prefix;
    private final int envelopes;
    private final String manifest;
    private final Path path;
    private final FileChannel channel;
    private final boolean counted;
    private final long maxBytes;
    private volatile long dataStart = -1; // after the header line; -1 until read

    Claim(
        String name,
        String prefix,
        int envelopes,
        String manifest,
        Path path,
        FileChannel channel,
        boolean counted) {
      this(name, prefix, envelopes, manifest, path, channel, counted, Long.MAX_VALUE);
    }

    private Claim(
        String name,
        String prefix,
        int envelopes,
        String manifest,
        Path path,
        FileChannel channel,
        boolean counted,
        long maxBytes) {
      this.name = name;
      this.prefix = prefix;
      this.envelopes = envelopes;
      this.manifest = manifest;
      this.path = path;
      this.channel = channel;
      this.counted = counted;
      this.maxBytes = maxBytes;
    }

    Claim withMaxBytes(long value) {
      return new Claim(name, prefix, envelopes, manifest, path, channel, counted, value);
    }

    /** The file's name in the spool. */
    public String name() {
      return name;
    }

    /** How many envelopes the file holds. */
    public int envelopes() {
      return envelopes;
    }

    /** What the file holds. */
    public String manifest() {
      return manifest;
    }

    /** The file's size in bytes. */
    public long size() throws IOException {
      return channel.size();
    }

    /** Bytes of data (what {@link #read()} returns), without the spool's header line. */
    public long dataSize() throws IOException {
      return channel.size() - dataStart();
    }

    /**
     * Reads data from {@code position} (counted in the data, as {@link #read()} returns it) into
     * {@code into}, through the claim's own channel.
     *
     * @return bytes read, -1 at the end
     */
    public int read(long position, ByteBuffer into) throws IOException {
      boolean interrupted = Thread.interrupted();
      try {
        return channel.read(into, dataStart() + position);
      } finally {
        if (interrupted) {
          Thread.currentThread().interrupt();
        }
      }
    }

    /**
     * Overwrites one byte of data in place, at {@code position} (counted in the data): how the
     * holder of a file marks what became of an envelope in it. Not synced: it survives a killed
     * process, not a power cut.
     */
    public void write(long position, byte value) throws IOException {
      boolean interrupted = Thread.interrupted();
      try {
        channel.write(ByteBuffer.wrap(new byte[] {value}), dataStart() + position);
      } finally {
        if (interrupted) {
          Thread.currentThread().interrupt();
        }
      }
    }

    private long dataStart() throws IOException {
      long start = dataStart;
      if (start < 0) {
        start = SpoolDirectory.headerLength(channel);
        dataStart = start;
      }
      return start;
    }

    /**
     * Reads the file through the claim's own channel (opening and closing another one would drop
     * the lock).
     *
     * @throws TooLargeException when it is larger than the spool reads into memory; it is not read
     * @throws IOException when it cannot be read
     */
    public byte[] read() throws IOException {
      boolean interrupted = Thread.interrupted();
      try {
        long size = channel.size();
        if (size > maxBytes) {
          throw new TooLargeException(size, maxBytes);
        }
        long position = dataStart(); // the data follows the header line
        byte[] data = new byte[(int) (size - position)];
        ByteBuffer buffer = ByteBuffer.wrap(data);
        while (buffer.hasRemaining()) {
          int n = channel.read(buffer, position);
          if (n < 0) {
            throw new IOException("file shrank while read");
          }
          position += n;
        }
        return data;
      } finally {
        if (interrupted) {
          Thread.currentThread().interrupt();
        }
      }
    }
  }

  /** A spool file larger than what may be read into memory. */
  public static final class TooLargeException extends IOException {
    private static final long serialVersionUID = 1L;

    TooLargeException(long size, long max) {
      super("the file has " + size + " bytes, more than the " + max + " read into memory");
    }
  }
}
