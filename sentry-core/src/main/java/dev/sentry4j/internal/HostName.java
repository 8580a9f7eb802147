package dev.sentry4j.internal;

import java.net.InetAddress;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * The local host name, looked up once on an SDK thread (DNS can be slow) so that no caller waits for
 * it. Internal, may change. Thread-safe.
 */
public final class HostName {
  private static final CompletableFuture<String> NAME = new CompletableFuture<>();

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

  /** The host name, waiting at most one second for the lookup; {@code null} if unknown. */
  public static String get() {
    try {
      return NAME.get(1, TimeUnit.SECONDS);
    } catch (Exception e) {
      return null;
    }
  }
}
