package dev.sentry4j.internal;

/**
 * A thread owned by the SDK (the delivery worker, the host-name resolver). Log lines written on
 * such a thread (by HttpClient, say) are never captured again. Internal, may change.
 */
public final class SdkThread extends Thread {
  /**
   * Creates a daemon thread.
   *
   * @param task what it runs
   * @param name its name, prefixed with {@code sentry4j-}
   */
  public SdkThread(Runnable task, String name) {
    super(task, "sentry4j-" + name);
    setDaemon(true);
  }

  /** Whether the calling thread belongs to the SDK. */
  public static boolean isCurrent() {
    return Thread.currentThread() instanceof SdkThread;
  }
}
