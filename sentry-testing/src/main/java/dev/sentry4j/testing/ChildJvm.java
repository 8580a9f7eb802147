package dev.sentry4j.testing;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs a {@code main} class in a child JVM with the test's class path and measures how long the JVM
 * takes to exit after the child prints a marker line: the time a short-lived application waits on
 * its logging and Sentry set-up after its last line.
 *
 * <pre>{@code
 * ChildJvm.Result r = ChildJvm.run(ExitChild.class, Duration.ofSeconds(60),
 *     List.of("-Dsentry.dsn=" + dsn), "LAST");
 * assertThat(r.exitCode()).isZero();
 * assertThat(r.millisAfterMarker()).isLessThan(3_000);
 * }</pre>
 */
public final class ChildJvm {
  private ChildJvm() {}

  /** What the child did. */
  public static final class Result {
    private final int exitCode;
    private final List<String> output;
    private final long millisAfterMarker;

    Result(int exitCode, List<String> output, long millisAfterMarker) {
      this.exitCode = exitCode;
      this.output = Collections.unmodifiableList(output);
      this.millisAfterMarker = millisAfterMarker;
    }

    /**
     * The exit code.
     *
     * @return the child's exit code
     */
    public int exitCode() {
      return exitCode;
    }

    /**
     * Every line the child printed, stdout and stderr merged.
     *
     * @return the lines in order
     */
    public List<String> output() {
      return output;
    }

    /**
     * Milliseconds from the marker line (as read by the parent) to the child's exit.
     *
     * @return the time, or -1 when the marker never came
     */
    public long millisAfterMarker() {
      return millisAfterMarker;
    }

    @Override
    public String toString() {
      return "exit "
          + exitCode
          + ", "
          + millisAfterMarker
          + " ms after the marker, output:\n  "
          + String.join("\n  ", output);
    }
  }

  /**
   * Runs {@code mainClass} and waits for it to exit (killed after {@code timeout}).
   *
   * @param mainClass the class whose {@code main} runs in the child
   * @param timeout the longest the child may run; then it is killed and an AssertionError thrown
   * @param jvmArgs options for the child JVM, e.g. {@code -Dsentry.dsn=...}
   * @param marker the line (its start) after which exit time is measured
   * @param args arguments of {@code main}
   * @return the result
   */
  public static Result run(
      Class<?> mainClass, Duration timeout, List<String> jvmArgs, String marker, String... args) {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("-Xshare:auto");
    command.addAll(jvmArgs);
    command.add("-cp");
    command.add(System.getProperty("java.class.path"));
    command.add(mainClass.getName());
    Collections.addAll(command, args);
    Process process;
    try {
      process = new ProcessBuilder(command).redirectErrorStream(true).start();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start a child JVM", e);
    }
    List<String> output = Collections.synchronizedList(new ArrayList<>());
    long[] markerAt = {-1};
    Thread reader =
        new Thread(
            () -> {
              try (BufferedReader in =
                  new BufferedReader(
                      new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = in.readLine()) != null) {
                  if (markerAt[0] < 0 && line.startsWith(marker)) {
                    synchronized (markerAt) {
                      markerAt[0] = System.nanoTime();
                    }
                  }
                  output.add(line);
                }
              } catch (IOException e) {
                output.add("(reading the child's output failed: " + e + ")");
              }
            },
            "child-jvm-output");
    reader.setDaemon(true);
    reader.start();
    try {
      if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
        process.destroyForcibly();
        throw new AssertionError(
            "the child JVM "
                + mainClass.getName()
                + " did not exit within "
                + timeout
                + "; output:\n"
                + String.join("\n", output));
      }
      long exitedAt = System.nanoTime();
      reader.join(5_000);
      long at;
      synchronized (markerAt) {
        at = markerAt[0];
      }
      return new Result(
          process.exitValue(),
          new ArrayList<>(output),
          at < 0 ? -1 : TimeUnit.NANOSECONDS.toMillis(exitedAt - at));
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
      throw new AssertionError("interrupted while waiting for the child JVM", e);
    }
  }

  /**
   * A port on 127.0.0.1 where nothing listens (it was free a moment ago): a Sentry that is down. A
   * {@link SentryReceiver#start(int)} on it later plays the same Sentry coming back.
   *
   * @return the port
   */
  public static int freePort() {
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return s.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException("no free port on 127.0.0.1", e);
    }
  }
}
