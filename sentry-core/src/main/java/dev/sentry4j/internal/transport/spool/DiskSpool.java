package dev.sentry4j.internal.transport.spool;

import dev.sentry4j.spi.Diagnostics;
import java.io.FileNotFoundException;
import java.io.FileOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.CRC32;

/**
 * The disk spool: serialized envelopes waiting in a directory until they are sent, oldest first.
 * Internal, may change.
 *
 * <p>A file holds one or more envelopes (the caller decides the format; a burst is written in
 * batches, since creating files is what makes a disk slow). It is written under a hidden temporary
 * name and renamed into place, so a crash mid-write never leaves half a file under a name that is
 * sent. Its name is {@code <epoch-millis>-<seq>-<random>.<envelopes>.<manifest>.spool}: names sort
 * by age, and the manifest says what the file holds, for rate limits and drop counts without
 * reading it. A sender claims a file by renaming it to {@code <name>.<pid>.sending}; only one rename
 * can win, so processes sharing the directory never send the same file twice. A claim whose process
 * is gone (or older than ten minutes) is put back by the next scan. Corrupt files are moved to {@code
 * corrupt/}. When the directory cannot be created or written (read-only, disk full), the spool says
 * so once and stops writing; files already there can still be sent.
 *
 * <p>Thread-safe: every operation holds one lock, so a write and a claim never interleave.
 */
public final class DiskSpool {
  /** Writes a file; the default is {@link Files#write}. Tests pass one that fails like a full disk. */
  @FunctionalInterface
  public interface FileWriter {
    /**
     * Writes {@code data} to a new file.
     *
     * @throws IOException when it cannot be written
     */
    void write(Path file, byte[] data) throws IOException;
  }

  private static final Pattern NAME =
      Pattern.compile("(\\d{13}-\\d{6}-[0-9a-f]{8})\\.(\\d{1,6})\\.([a-z0-9_~+]{1,160})\\.spool");
  private static final Pattern MANIFEST = Pattern.compile("[a-z0-9_~+]{1,160}");
  private static final Pattern CLAIMED = Pattern.compile("(.+\\.spool)\\.(\\d+)\\.sending");
  private static final String SUFFIX = ".spool";
  private static final String TEMP_SUFFIX = ".tmp";
  private static final String CORRUPT_DIR = "corrupt";
  private static final long STALE_MILLIS = 10 * 60 * 1000L;
  private static final int MAX_CORRUPT_FILES = 20;
  private static final long PID = ProcessHandle.current().pid();

  private final Path dir;
  private final int maxItems;
  private final long maxBytes;
  private final Consumer<String> onEvicted;
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

  /**
   * Creates a spool; touches no file until used.
   *
   * @param dir the directory (created on the first write)
   * @param maxItems envelopes kept at most; the oldest files are deleted to make room
   * @param maxBytes bytes kept at most; the oldest are deleted to make room
   * @param onEvicted gets the manifest of each file deleted to make room ({@code cache_overflow})
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

  /** Whether new envelopes can still be written (false after a failed write). */
  public boolean isWritable() {
    return writable;
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
    synchronized (lock) {
      try {
        ensureOpen();
        if (!writable || data.length > maxBytes || envelopes > maxItems) {
          return null;
        }
        while (!index.isEmpty()
            && (indexedEnvelopes + envelopes > maxItems || indexedBytes + data.length > maxBytes)) {
          evictOldest();
        }
        String prefix =
            String.format(
                "%013d-%06d-%08x",
                System.currentTimeMillis(),
                Math.floorMod(SEQ.getAndIncrement(), 1_000_000),
                ThreadLocalRandom.current().nextInt());
        return write(prefix, data, envelopes, manifest);
      } finally {
        updatePending();
      }
    }
  }

  private String write(String prefix, byte[] data, int envelopes, String manifest) { // lock held
    String m = manifest != null && MANIFEST.matcher(manifest).matches() ? manifest : "unknown";
    String name = prefix + "." + envelopes + "." + m + SUFFIX;
    Path temp = dir.resolve("." + name + TEMP_SUFFIX);
    try {
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
      Files.move(temp, dir.resolve(name), StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException | RuntimeException e) {
      deleteQuietly(temp);
      disable(e);
      return null;
    }
    index.put(name, (long) data.length);
    indexedBytes += data.length;
    indexedEnvelopes += envelopes;
    return name;
  }

  /**
   * Claims the oldest file whose manifest {@code sendable} accepts, so that no other sender takes it.
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
          Path claimed = dir.resolve(name + "." + PID + ".sending");
          try {
            Files.move(dir.resolve(name), claimed, StandardCopyOption.ATOMIC_MOVE);
          } catch (NoSuchFileException e) {
            it.remove(); // another process claimed it first
            indexedBytes -= entry.getValue();
            indexedEnvelopes -= envelopes;
            continue;
          } catch (IOException | RuntimeException e) {
            Diagnostics.warn("spool-claim", "Could not claim a spooled envelope " + name, e);
            return null;
          }
          it.remove();
          indexedBytes -= entry.getValue();
          indexedEnvelopes -= envelopes;
          if (!privacy.isOwn(claimed)) {
            privacy.quarantine(claimed, name); // another user's, or not written for this DSN
            continue;
          }
          claimedEnvelopes += envelopes;
          try {
            Files.setLastModifiedTime(claimed, FileTime.fromMillis(System.currentTimeMillis()));
          } catch (IOException | RuntimeException e) {
            // only the staleness check reads it; the owner's pid still protects the claim
          }
          return new Claim(name, parts.group(1), envelopes, parts.group(3), claimed, privacy);
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
        claimedEnvelopes -= claim.envelopes;
        deleteQuietly(claim.path);
      } finally {
        updatePending();
      }
    }
  }

  /** Puts a claimed file back unchanged for a later attempt. */
  public void release(Claim claim) {
    synchronized (lock) {
      try {
        claimedEnvelopes -= claim.envelopes;
        try {
          long size = Files.size(claim.path);
          Files.move(claim.path, dir.resolve(claim.name), StandardCopyOption.ATOMIC_MOVE);
          index.put(claim.name, size);
          indexedBytes += size;
          indexedEnvelopes += claim.envelopes;
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
   * deletes the claimed file. When the rest cannot be written, the whole file is put back instead: a
   * few envelopes sent twice (Sentry drops repeated event ids) beat losing the rest.
   */
  public void replace(Claim claim, byte[] rest, int envelopes, String manifest) {
    synchronized (lock) {
      try {
        String written = writable ? write(claim.prefix, rest, envelopes, manifest) : null;
        if (written == null) {
          release(claim);
          return;
        }
        claimedEnvelopes -= claim.envelopes;
        deleteQuietly(claim.path);
      } finally {
        updatePending();
      }
    }
  }

  /** Moves a claimed file that cannot be read or parsed to {@code corrupt/}, keeping the newest few. */
  public void quarantine(Claim claim) {
    synchronized (lock) {
      try {
        claimedEnvelopes -= claim.envelopes;
        Path corrupt = dir.resolve(CORRUPT_DIR);
        try {
          Files.createDirectories(corrupt);
          Files.move(claim.path, corrupt.resolve(claim.name), StandardCopyOption.ATOMIC_MOVE);
          pruneCorrupt(corrupt);
        } catch (IOException | RuntimeException e) {
          deleteQuietly(claim.path);
        }
      } finally {
        updatePending();
      }
    }
  }

  /**
   * Envelopes waiting on disk as far as this process knows, claimed ones included. Never waits for a
   * write in progress.
   */
  public int pending() {
    return pending;
  }

  /** Files found in the directory that this SDK did not write for this DSN: never sent, set aside. */
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
        if (!index.containsKey(name)) {
          addToIndex(name, p);
        }
        continue;
      }
      Matcher claimed = CLAIMED.matcher(name);
      if (claimed.matches() && NAME.matcher(claimed.group(1)).matches()) {
        recoverClaim(p, claimed.group(1), parsePid(claimed.group(2)), now);
      } else if (name.startsWith(".") && name.endsWith(TEMP_SUFFIX) && isOlderThan(p, now)) {
        deleteQuietly(p); // a write cut short by a crash
      }
    }
    while (!index.isEmpty() && (indexedEnvelopes > maxItems || indexedBytes > maxBytes)) {
      evictOldest();
    }
  }

  private void recoverClaim(Path claimed, String original, long pid, long now) { // lock held
    if (pid == PID || (isAlive(pid) && !isOlderThan(claimed, now))) {
      return;
    }
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

  private void evictOldest() { // lock held
    Map.Entry<String, Long> oldest = index.pollFirstEntry();
    indexedBytes -= oldest.getValue();
    indexedEnvelopes -= envelopesOf(oldest.getKey());
    try {
      if (Files.deleteIfExists(dir.resolve(oldest.getKey()))) {
        onEvicted.accept(manifestOf(oldest.getKey()));
      }
    } catch (IOException | RuntimeException e) {
      Diagnostics.warn("spool-evict", "Could not delete a spooled envelope " + oldest.getKey(), e);
    }
  }

  private void disable(Exception cause) {
    writable = false;
    String why = cause instanceof AtomicMoveNotSupportedException ? "no atomic rename" : null;
    Diagnostics.warn(
        "spool-disabled",
        "Disk spool "
            + dir
            + " is not usable"
            + (why == null ? "" : " (" + why + ")")
            + "; envelopes are kept in memory only",
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

  private static long parsePid(String text) {
    try {
      return Long.parseLong(text);
    } catch (NumberFormatException e) {
      return -1;
    }
  }

  private static boolean isAlive(long pid) {
    try {
      return ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
    } catch (RuntimeException e) {
      return true; // cannot tell: let the age decide
    }
  }

  private static boolean isOlderThan(Path p, long now) {
    try {
      return now - Files.getLastModifiedTime(p).toMillis() > STALE_MILLIS;
    } catch (IOException | RuntimeException e) {
      return false;
    }
  }

  /**
   * Writes through a plain stream: unlike a file channel, it is not closed when the writing thread is
   * interrupted. No fsync: a file survives a killed process, not a power cut, and a burst stays fast.
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

  /** A file this process claimed for sending. */
  public static final class Claim {
    private final String name;
    private final String prefix;
    private final int envelopes;
    private final String manifest;
    private final Path path;
    private final SpoolDirectory privacy;

    Claim(
        String name,
        String prefix,
        int envelopes,
        String manifest,
        Path path,
        SpoolDirectory privacy) {
      this.name = name;
      this.prefix = prefix;
      this.envelopes = envelopes;
      this.manifest = manifest;
      this.path = path;
      this.privacy = privacy;
    }

    /** The file's name in the spool (without the claim suffix). */
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

    /**
     * Reads the file.
     *
     * @throws IOException when it cannot be read
     */
    public byte[] read() throws IOException {
      return privacy.body(Files.readAllBytes(path)); // without the header line
    }
  }
}
