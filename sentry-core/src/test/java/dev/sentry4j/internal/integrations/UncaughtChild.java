package dev.sentry4j.internal.integrations;

import dev.sentry4j.Sentry;
import java.time.Duration;

/**
 * A child JVM for {@link UncaughtExceptionHandlerTest}: {@code main DSN CACHE_DIR} dies by an
 * exception from {@code main} (a previous default handler installed first, which must still run);
 * {@code worker DSN CACHE_DIR} lets a worker thread die (no previous handler: the JVM's own
 * printing must still happen), then closes Sentry and says whether the default handler was given
 * back.
 */
public final class UncaughtChild {
  private UncaughtChild() {}

  public static void main(String[] args) throws Exception {
    String mode = args[0];
    Thread.UncaughtExceptionHandler previous = null;
    if (mode.equals("main")) {
      previous = (t, e) -> System.out.println("PREVIOUS " + t.getName() + " " + e.getMessage());
      Thread.setDefaultUncaughtExceptionHandler(previous);
    }
    Sentry.init(
        o ->
            o.setDsn(args[1])
                .setCacheDirPath(args[2])
                .setAttachStacktrace(false)
                // close returns as soon as the event is sent; a busy machine may take seconds
                .setShutdownTimeout(Duration.ofSeconds(30)));
    System.out.println("READY");
    if (mode.equals("main")) {
      throw new IllegalStateException("main died");
    }
    Thread worker =
        new Thread(
            () -> {
              throw new IllegalArgumentException("worker died");
            },
            "worker");
    worker.start();
    worker.join();
    System.out.println("WORKER JOINED");
    Sentry.close();
    System.out.println("RESTORED " + (Thread.getDefaultUncaughtExceptionHandler() == previous));
  }
}
