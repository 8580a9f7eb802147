package dev.sentry4j.bench;

import dev.sentry4j.bench.sink.LoopbackSink;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Hands the loopback sink's DSN to the configuration files through system properties, which must be
 * set before a configuration is loaded, and gives sentry4j a disk spool of its own for the run.
 */
final class BenchDsn {

  /**
   * The system property the config files read: {@code ${SENTRY_BENCH_DSN}} in logback.xml, {@code
   * ${sys:SENTRY_BENCH_DSN}} in log4j2.xml, and substituted by {@link JulSetup} in JUL properties.
   */
  static final String PROPERTY = "SENTRY_BENCH_DSN";

  /**
   * sentry-java's JUL handler has no DSN setting of its own; it reads this system property through
   * its "external configuration". The other sentry-java appenders take the DSN from their file,
   * which wins over it, and the floor has no SDK to read it.
   */
  static final String SENTRY_JAVA_PROPERTY = "sentry.dsn";

  /**
   * sentry4j's disk spool directory (option {@code cacheDirPath}, default {@code
   * <java.io.tmpdir>/sentry4j}): a fresh temporary directory per run, deleted afterwards, so that
   * no run sends or counts another run's leftovers and nothing piles up in the temp directory (the
   * sink's port, and so the DSN, differ every time). sentry-java keeps no disk cache by default and
   * does not read this camel-case name.
   */
  static final String SPOOL_PROPERTY = "sentry.cacheDirPath";

  /** A spool file's name: {@code <id>.<envelopes>.<manifest>.spool}, possibly claimed. */
  private static final Pattern SPOOL_FILE =
      Pattern.compile("[^.]+\\.(\\d+)\\.([a-z0-9_~+]+)\\.spool(\\.\\d+\\.sending)?");

  /** Per manifest entry {@code type~count~quantity~bytes}. */
  private static final Pattern EVENT_ENTRY = Pattern.compile("(?:^|\\+)event~(\\d+)~(\\d+)~\\d+");

  private static Path spool;

  private BenchDsn() {}

  /** Points the config files at the sink and sentry4j at a fresh spool directory. */
  static void install(LoopbackSink sink) {
    System.setProperty(PROPERTY, sink.dsn());
    System.setProperty(SENTRY_JAVA_PROPERTY, sink.dsn());
    try {
      spool = Files.createTempDirectory("sentry4j-bench-spool");
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot create a spool directory for the bench", e);
    }
    System.setProperty(SPOOL_PROPERTY, spool.toString());
  }

  /**
   * Error events waiting in sentry4j's spool: what a stopped SDK kept on disk to send at its next
   * start (neither delivered nor reported dropped in this run). Counted from the spool files'
   * names, which list what each file holds.
   */
  static long spooledEvents() {
    Path dir = spool;
    if (dir == null || !Files.isDirectory(dir)) {
      return 0;
    }
    long events = 0;
    try (Stream<Path> files = Files.walk(dir)) {
      for (Path f : (Iterable<Path>) files::iterator) {
        Matcher name = SPOOL_FILE.matcher(f.getFileName().toString());
        if (name.matches() && !f.startsWith(dir.resolve("corrupt"))) {
          Matcher entry = EVENT_ENTRY.matcher(name.group(2));
          while (entry.find()) {
            events += Long.parseLong(entry.group(2));
          }
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read the spool directory " + dir, e);
    }
    return events;
  }

  /**
   * Removes what {@link #install} set and the spool directory, so nothing leaks into the next run.
   */
  static void uninstall() {
    System.clearProperty(PROPERTY);
    System.clearProperty(SENTRY_JAVA_PROPERTY);
    System.clearProperty(SPOOL_PROPERTY);
    Path dir = spool;
    spool = null;
    if (dir != null) {
      try (Stream<Path> files = Files.walk(dir)) {
        files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      } catch (IOException e) {
        System.err.println("bench: could not delete the spool directory " + dir + ": " + e);
      }
    }
  }
}
