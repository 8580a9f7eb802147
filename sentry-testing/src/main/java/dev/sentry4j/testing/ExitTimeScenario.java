package dev.sentry4j.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * The adapters' exit-time scenario: a short-lived application (a {@code main} class run by {@link
 * ChildJvm} that logs five errors and then prints {@code LAST}) whose Sentry is down or never
 * answers must exit within {@value #EXIT_BOUND_MILLIS} ms of its last line (the measured time is
 * printed), with its five errors on disk; the next start, with Sentry back, sends all five.
 *
 * <pre>{@code
 * scenario = new ExitTimeScenario("Logback", ExitChild.class, cacheDir,
 *     List.of("-Dlogback.configurationFile=logback-exit.xml"),
 *     dsn -> Sentry.init(o -> o.setDsn(dsn).setCacheDirPath(cacheDir.toString())));
 * scenario.sentryDown();
 * // @AfterEach: Sentry.close(); scenario.close();
 * }</pre>
 *
 * Not thread-safe: one per test.
 */
public final class ExitTimeScenario implements AutoCloseable {
  /** The longest a child may take to exit after its last line (the bound), in ms. */
  public static final long EXIT_BOUND_MILLIS = 3_000;

  private final String framework;
  private final Class<?> child;
  private final Path cacheDir;
  private final List<String> jvmArgs;
  private final Consumer<String> nextStart;
  private SentryReceiver receiver;

  /**
   * A scenario for one adapter.
   *
   * @param framework the logging framework's name, for the printed figure
   * @param child the {@code main} class: it logs five errors, then prints {@code LAST}
   * @param cacheDir the SDK's cache directory, shared by the child and the next start
   * @param jvmArgs the child's further JVM arguments (its logging configuration)
   * @param nextStart starts the SDK in this JVM with the given DSN and {@code cacheDir}
   */
  public ExitTimeScenario(
      String framework,
      Class<?> child,
      Path cacheDir,
      List<String> jvmArgs,
      Consumer<String> nextStart) {
    this.framework = framework;
    this.child = child;
    this.cacheDir = cacheDir;
    this.jvmArgs = List.copyOf(jvmArgs);
    this.nextStart = nextStart;
  }

  /** Sentry down (nothing listens): the child exits at once, the next start sends all five. */
  public void sentryDown() {
    int port = ChildJvm.freePort();
    assertExitedInTime(runChild(port), "Sentry down");
    assertTheNextStartSendsAllFive(port);
  }

  /** Sentry never answers: the child exits in time, the next start sends all five. */
  public void sentryNeverAnswers() {
    receiver = SentryReceiver.start();
    receiver.stall();
    int port = receiver.port();
    assertExitedInTime(runChild(port), "Sentry never answers");
    receiver.close();
    receiver = null;
    assertTheNextStartSendsAllFive(port);
  }

  /** Stops the receiver of the next start; close the SDK first. */
  @Override
  public void close() {
    if (receiver != null) {
      receiver.close();
      receiver = null;
    }
  }

  private ChildJvm.Result runChild(int port) {
    List<String> jvm = new ArrayList<>();
    jvm.add("-Dsentry.dsn=" + dsn(port));
    jvm.add("-Dsentry.cacheDirPath=" + cacheDir);
    jvm.addAll(jvmArgs);
    return ChildJvm.run(child, Duration.ofSeconds(60), jvm, "LAST");
  }

  private void assertExitedInTime(ChildJvm.Result run, String what) {
    System.out.println(
        framework
            + ", "
            + what
            + ": JVM exit "
            + run.millisAfterMarker()
            + " ms after the last line");
    check(run.exitCode() == 0, "exit code 0: " + run);
    check(
        run.millisAfterMarker() >= 0 && run.millisAfterMarker() <= EXIT_BOUND_MILLIS,
        "exit within " + EXIT_BOUND_MILLIS + " ms of the last line: " + run);
  }

  private void assertTheNextStartSendsAllFive(int port) {
    try (Stream<Path> files = Files.walk(cacheDir)) {
      check(
          files.anyMatch(f -> f.getFileName().toString().contains(".spool")),
          "files in the spool under " + cacheDir);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    receiver = SentryReceiver.start(port);
    nextStart.accept(dsn(port));
    receiver.awaitCondition(
        "the five errors of the last run",
        Duration.ofSeconds(30),
        () -> receiver.events().stream().map(ReceivedEvent::eventId).distinct().count() == 5);
  }

  private static void check(boolean condition, String expected) {
    if (!condition) {
      throw new AssertionError("expected " + expected);
    }
  }

  private static String dsn(int port) {
    return "http://"
        + SentryReceiver.PUBLIC_KEY
        + "@127.0.0.1:"
        + port
        + "/"
        + SentryReceiver.PROJECT_ID;
  }
}
