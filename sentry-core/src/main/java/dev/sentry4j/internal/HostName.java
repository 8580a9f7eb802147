package dev.sentry4j.internal;

import java.net.InetAddress;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * The local host name, looked up once on an SDK thread (DNS can be slow) so that no caller waits
 * for it. Internal, may change. Thread-safe.
 */
public final class HostName {
  private static final CompletableFuture<String> NAME = new CompletableFuture<>();

  /** All callers together wait at most this long after start-up for a slow lookup. */
  private static final long WAIT_BUDGET_NANOS = TimeUnit.SECONDS.toNanos(1);

  private static final long STARTED = System.nanoTime();

  static {
    new SdkThread(HostName::resolve, "hostname").start();
  }

  private HostName() {}

  private static void resolve() {
    String name = null;
    try {
      name = InetAddress.getLocalHost().getHostName();
    } catch (Exception e) {
      String env = System.getenv("HOSTNAME");
      name = env != null && !env.isEmpty() ? env : null;
    }
    NAME.complete(name);
  }

  /**
   * The host name, or {@code null} while it is unknown. The first envelopes wait for a slow lookup,
   * but only within one second of start-up in total, so a hanging DNS never delays every envelope.
   */
  public static String get() {
    long left = WAIT_BUDGET_NANOS - (System.nanoTime() - STARTED);
    try {
      return left > 0 ? NAME.get(left, TimeUnit.NANOSECONDS) : NAME.getNow(null);
    } catch (Exception e) {
      return null;
    }
  }
}
