package dev.sentry4j.jul;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Map;
import java.util.logging.Handler;
import java.util.logging.LogManager;
import java.util.logging.Logger;

/** Loads test {@code logging.properties} files into the JVM's LogManager, with placeholders. */
final class JulConfig {
  private JulConfig() {}

  /**
   * Reads {@code resource} (next to the tests), replacing each {@code @KEY@} by its value, into the
   * LogManager. Root handlers are created lazily by JUL; {@link #rootHandler} forces them.
   */
  static void load(String resource, Map<String, String> values) {
    String text = read(resource);
    for (Map.Entry<String, String> e : values.entrySet()) {
      text = text.replace("@" + e.getKey() + "@", e.getValue());
    }
    try {
      // Properties files are ISO-8859-1, as LogManager reads them.
      LogManager.getLogManager()
          .readConfiguration(new ByteArrayInputStream(text.getBytes(StandardCharsets.ISO_8859_1)));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Loads {@code resource} with {@code @DSN@} replaced. */
  static void load(String resource, String dsn) {
    load(resource, Map.of("DSN", dsn));
  }

  /** The root logger's handler of this type, creating the root handlers if JUL has not yet. */
  static <T extends Handler> T rootHandler(Class<T> type) {
    return Arrays.stream(Logger.getLogger("").getHandlers())
        .filter(type::isInstance)
        .map(type::cast)
        .findFirst()
        .orElseThrow(
            () -> new AssertionError("no " + type.getSimpleName() + " on the root logger"));
  }

  /** Runs {@code action} with System.err captured; returns what was printed. */
  static String captureStderr(Runnable action) {
    PrintStream original = System.err;
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    System.setErr(new PrintStream(bytes, true, StandardCharsets.UTF_8));
    try {
      action.run();
    } finally {
      System.setErr(original);
    }
    return bytes.toString(StandardCharsets.UTF_8);
  }

  private static String read(String resource) {
    try (InputStream in = JulConfig.class.getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalArgumentException("no test resource " + resource);
      }
      return new String(in.readAllBytes(), StandardCharsets.ISO_8859_1);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
