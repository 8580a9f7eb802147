package dev.sentry4j.examples;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * While open, {@code System.out} and {@code System.err} go to one stream and every line is also
 * kept, so that the runner can show which console lines carry which trace id. The demos' logging
 * frameworks are configured while it is open, so their console appenders and handlers write through
 * it.
 */
final class ConsoleCapture implements AutoCloseable {
  private final PrintStream originalOut = System.out;
  private final PrintStream originalErr = System.err;
  private final LineKeeper keeper;

  ConsoleCapture(PrintStream target) {
    keeper = new LineKeeper(target);
    PrintStream tee = new PrintStream(keeper, true, StandardCharsets.UTF_8);
    System.setOut(tee);
    System.setErr(tee);
  }

  /** The complete lines written so far. */
  List<String> lines() {
    return keeper.lines();
  }

  @Override
  public void close() {
    System.out.flush();
    System.setOut(originalOut);
    System.setErr(originalErr);
  }

  /**
   * Passes bytes on and splits them into lines (UTF-8). Thread-safe: logging threads write here.
   */
  private static final class LineKeeper extends OutputStream {
    private final PrintStream target;
    private final ByteArrayOutputStream line = new ByteArrayOutputStream();
    private final List<String> lines = new ArrayList<>();

    LineKeeper(PrintStream target) {
      this.target = target;
    }

    @Override
    public synchronized void write(int b) {
      target.write(b);
      keep(b);
    }

    @Override
    public synchronized void write(byte[] b, int off, int len) {
      target.write(b, off, len);
      for (int i = off; i < off + len; i++) {
        keep(b[i]);
      }
    }

    @Override
    public synchronized void flush() {
      target.flush();
    }

    private void keep(int b) {
      if (b == '\n') {
        String text = line.toString(StandardCharsets.UTF_8);
        lines.add(text.endsWith("\r") ? text.substring(0, text.length() - 1) : text);
        line.reset();
      } else {
        line.write(b);
      }
    }

    synchronized List<String> lines() {
      return List.copyOf(lines);
    }
  }
}
