package dev.sentry4j.internal.transport.spool;

import dev.sentry4j.spi.Diagnostics;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipal;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Keeps the disk spool private to the user that runs the SDK. Internal, may change.
 *
 * <ul>
 *   <li><b>Where</b>: {@code <cacheDirPath>/<projectId>-<hash>}, where the hash covers the DSN's
 *       public key and endpoint (the key itself never appears in a path, so never in a message
 *       naming the directory). Without {@code cacheDirPath} the base is {@code
 *       <java.io.tmpdir>/sentry4j-<user name>}, one per user, never a world-shared folder.
 *   <li><b>Who may read it</b>: on POSIX file systems the directories the SDK creates are {@code
 *       0700} and its files {@code 0600} whatever the umask (permissions are set after creation,
 *       not left to the umask). An existing DSN directory must belong to this user; it is made
 *       {@code 0700} again.
 *   <li><b>Only the SDK's own files are sent</b>: each file starts with the line {@code
 *       sentry4j-spool/1 <directory name>}. A file without it (planted, copied from another DSN's
 *       directory, left by another program) or owned by another user is never sent: it is moved to
 *       {@code foreign/}, counted ({@link #foreignFiles()}) and reported once per run.
 * </ul>
 *
 * <p>Thread-safe.
 */
final class SpoolDirectory {
  private static final String HEADER_PREFIX = "sentry4j-spool/1 ";
  private static final String FOREIGN_DIR = "foreign";
  private static final int MAX_FOREIGN_FILES = 20;
  private static final Set<PosixFilePermission> PRIVATE_DIR =
      PosixFilePermissions.fromString("rwx------");
  private static final Set<PosixFilePermission> PRIVATE_FILE =
      PosixFilePermissions.fromString("rw-------");

  private final Path dir;
  private final byte[] header;
  private final boolean posix;
  private final AtomicInteger foreign = new AtomicInteger();
  private volatile UserPrincipal me; // the owner of a file this process made; null until known

  SpoolDirectory(Path dir) {
    this.dir = dir;
    Path name = dir.getFileName();
    this.header =
        (HEADER_PREFIX + (name == null ? "" : name.toString()) + "\n")
            .getBytes(StandardCharsets.UTF_8);
    this.posix = dir.getFileSystem().supportedFileAttributeViews().contains("posix");
  }

  /**
   * The spool directory of a DSN: {@code <base>/<projectId>-<16 hex digits of SHA-256(public key,
   * endpoint)>}; the base is {@code cacheDirPath}, else {@code <java.io.tmpdir>/sentry4j-<user>}.
   *
   * @throws IllegalArgumentException naming {@code cacheDirPath} when it is not a valid path
   */
  static Path directoryFor(
      String cacheDirPath, String projectId, String publicKey, String endpoint) {
    String name = safe(projectId) + "-" + hash(publicKey + "\n" + endpoint);
    try {
      Path base =
          cacheDirPath != null
              ? Paths.get(cacheDirPath)
              : Paths.get(
                  System.getProperty("java.io.tmpdir"),
                  "sentry4j-" + safe(System.getProperty("user.name", "user")));
      return base.resolve(name);
    } catch (InvalidPathException e) {
      throw new IllegalArgumentException(
          "Invalid cacheDirPath '" + cacheDirPath + "': " + e.getMessage(), e);
    }
  }

  private static String safe(String text) {
    String s = text.replaceAll("[^A-Za-z0-9._-]", "_");
    return s.length() > 40 ? s.substring(0, 40) : s;
  }

  private static String hash(String text) {
    try {
      byte[] digest =
          MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
      StringBuilder hex = new StringBuilder(16);
      for (int i = 0; i < 8; i++) {
        hex.append(String.format("%02x", digest[i]));
      }
      return hex.toString();
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing from this JVM", e); // required by the JDK
    }
  }

  /**
   * Creates the directory (and missing parents) private to this user, or checks an existing one: it
   * must belong to this user, and is made {@code 0700} again.
   *
   * @throws IOException when it cannot be made, or belongs to another user
   */
  void create() throws IOException {
    Path parent = dir.toAbsolutePath().getParent();
    if (parent != null && !Files.isDirectory(parent)) {
      createPrivateDirectories(parent);
    }
    try {
      Files.createDirectory(dir, dirAttributes());
    } catch (FileAlreadyExistsException e) {
      if (!Files.isDirectory(dir)) {
        throw e;
      }
    }
    UserPrincipal owner = Files.getOwner(dir);
    UserPrincipal self = whoAmI();
    if (self != null && !self.equals(owner)) {
      throw new IOException(
          "the spool directory belongs to another user (" + owner.getName() + ")");
    }
    restrict(dir, PRIVATE_DIR);
  }

  private void createPrivateDirectories(Path path) throws IOException {
    Path parent = path.getParent();
    if (parent != null && !Files.isDirectory(parent)) {
      createPrivateDirectories(parent);
    }
    try {
      Files.createDirectory(path, dirAttributes());
      restrict(path, PRIVATE_DIR);
    } catch (FileAlreadyExistsException e) {
      // made meanwhile by another process
    }
  }

  /**
   * Creates a new file readable by this user only, holding the header line; the caller appends the
   * data.
   */
  void startFile(Path file) throws IOException {
    Files.deleteIfExists(file);
    Files.createFile(file, fileAttributes());
    restrict(file, PRIVATE_FILE);
    // a plain stream, as DiskSpool writes: unlike a channel, it is not closed by an interrupt
    try (FileOutputStream out = new FileOutputStream(file.toFile(), true)) {
      out.write(header);
    }
  }

  /**
   * The length of the header line at the start of an open spool file (0 when it has none), read
   * through {@code channel} without moving its position.
   */
  static long headerLength(FileChannel channel) throws IOException {
    ByteBuffer head = ByteBuffer.allocate((int) Math.min(channel.size(), 512));
    while (head.hasRemaining() && channel.read(head, head.position()) > 0) {
      // until the first 512 bytes (or the whole file) are in
    }
    byte[] bytes = Arrays.copyOf(head.array(), head.position());
    byte[] prefix = HEADER_PREFIX.getBytes(StandardCharsets.US_ASCII);
    if (bytes.length < prefix.length
        || !Arrays.equals(Arrays.copyOf(bytes, prefix.length), prefix)) {
      return 0;
    }
    for (int i = prefix.length; i < bytes.length; i++) {
      if (bytes[i] == '\n') {
        return i + 1;
      }
    }
    return 0;
  }

  /** The data of a file without its header line; {@code content} itself when it has none. */
  byte[] body(byte[] content) {
    if (!hasHeader(content)) {
      return content;
    }
    return Arrays.copyOfRange(content, header.length, content.length);
  }

  /** Whether the SDK wrote {@code file} for this directory: this user's, with the header line. */
  boolean isOwn(Path file) {
    try {
      UserPrincipal self = whoAmI();
      if (self != null && !self.equals(Files.getOwner(file))) {
        return false;
      }
      byte[] head = new byte[header.length];
      int n;
      try (InputStream in = Files.newInputStream(file)) {
        n = in.readNBytes(head, 0, head.length);
      }
      return n == head.length && Arrays.equals(head, header);
    } catch (IOException | RuntimeException e) {
      return true; // cannot tell now (gone, unreadable): the reader's own checks decide
    }
  }

  /**
   * Moves a file the SDK did not write to {@code foreign/}, keeping the newest few, and counts it.
   */
  void quarantine(Path file, String name) {
    int count = foreign.incrementAndGet();
    Path aside = dir.resolve(FOREIGN_DIR);
    try {
      Files.createDirectories(aside);
      restrict(aside, PRIVATE_DIR);
      Files.move(file, aside.resolve(name), StandardCopyOption.REPLACE_EXISTING);
      DiskSpool.pruneOldest(aside, MAX_FOREIGN_FILES);
    } catch (IOException | RuntimeException e) {
      try {
        Files.deleteIfExists(file);
      } catch (IOException | RuntimeException ignored) {
        // nothing more to do: it is not in the index any more, so it is never sent
      }
    }
    Diagnostics.warn(
        "spool-foreign",
        "A file in the spool directory "
            + dir
            + " was not written by this SDK for this DSN (another user's, or without its header);"
            + " it is not sent and was moved to "
            + FOREIGN_DIR
            + "/ ("
            + count
            + " so far)",
        null);
  }

  /** Files found in the directory that the SDK did not write, since this spool was made. */
  int foreignFiles() {
    return foreign.get();
  }

  /** This process's user as the file system names it: the owner of a file it just made. */
  private UserPrincipal whoAmI() throws IOException {
    UserPrincipal known = me;
    if (known != null) {
      return known;
    }
    Path probe = Files.createTempFile(dir, ".owner", ".tmp", fileAttributes());
    try {
      known = Files.getOwner(probe);
    } catch (UnsupportedOperationException e) {
      return null; // a file system without owners: nothing to compare
    } finally {
      Files.deleteIfExists(probe);
    }
    me = known;
    return known;
  }

  private FileAttribute<?>[] dirAttributes() {
    return posix
        ? new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(PRIVATE_DIR)}
        : new FileAttribute<?>[0];
  }

  private FileAttribute<?>[] fileAttributes() {
    return posix
        ? new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(PRIVATE_FILE)}
        : new FileAttribute<?>[0];
  }

  /**
   * Sets the permissions exactly (the umask only ever removes bits from those asked at creation).
   */
  private void restrict(Path path, Set<PosixFilePermission> permissions) throws IOException {
    if (posix) {
      Files.setPosixFilePermissions(path, permissions);
    }
  }

  private boolean hasHeader(byte[] content) {
    if (content.length < header.length) {
      return false;
    }
    for (int i = 0; i < header.length; i++) {
      if (content[i] != header[i]) {
        return false;
      }
    }
    return true;
  }
}
