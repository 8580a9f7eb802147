package dev.sentry4j.internal.transport.spool;

import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.CountDownLatch;

/**
 * The child JVM of {@link DiskSpoolTest}: another process holding a spool file's lock, as a sender
 * of another JVM would. Locks the file, prints {@code LOCKED}, then waits to be killed.
 */
public final class LockHolder {
  private LockHolder() {}

  /**
   * Runs the child.
   *
   * @param args the file to lock
   */
  public static void main(String[] args) throws Exception {
    FileChannel channel =
        FileChannel.open(Path.of(args[0]), StandardOpenOption.READ, StandardOpenOption.WRITE);
    channel.lock();
    System.out.println("LOCKED");
    System.out.flush();
    new CountDownLatch(1).await(); // until killed
  }
}
