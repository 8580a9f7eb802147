package dev.sentry4j.bench;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * The appender set-ups a benchmark compares. Each has its own real configuration file per framework
 * in the bench resources, named {@code logback-<id>.xml}, {@code log4j2-<id>.xml} and
 * {@code jul-<id>.properties}; the JMH {@code @Param("variant")} values are the ids.
 *
 * <p>Extension point for sentry4j: add {@code SENTRY4J("sentry4j")} here (its {@link #shutDown()}
 * closes {@code dev.sentry4j.Sentry} if stopping the framework does not), the three config files,
 * the adapters in the pom, and {@code "sentry4j"} to each benchmark's {@code @Param} list. The
 * delivery bench, the smoke run and the report pick it up from this enum.
 */
enum Variant {
  /**
   * The floor: a no-op appender/handler and nothing else, so the time is the framework's own cost of
   * creating a record and handing it to one appender (the same dispatch every SDK appender needs).
   */
  NONE("none"),
  /** The reference SDK, io.sentry 8.33.0, with its own Logback/Log4j2/JUL integrations. */
  SENTRY_JAVA("sentry-java");

  final String id;

  Variant(String id) {
    this.id = id;
  }

  /** Finds a variant by its id, naming the known ids if there is none. */
  static Variant of(String id) {
    for (Variant v : values()) {
      if (v.id.equals(id)) {
        return v;
      }
    }
    throw new IllegalArgumentException(
        "Unknown variant '" + id + "'; known: " + ids());
  }

  /** The ids of all variants, comma-separated, in declaration order. */
  static String ids() {
    return Arrays.stream(values()).map(v -> v.id).collect(Collectors.joining(","));
  }

  /** The class-path resource holding this variant's configuration for a framework. */
  String resource(String framework, String extension) {
    return framework.toLowerCase(Locale.ROOT) + "-" + id + "." + extension;
  }

  /** Whether this variant sends to Sentry at all (the floor must not). */
  boolean sends() {
    return this != NONE;
  }

  /**
   * Releases what stopping the logging framework leaves running. sentry-java's appenders install a
   * global SDK that outlives the framework's stop; closing it flushes its queue (bounded by its
   * shutdown timeout) and ends its worker threads, so a forked JVM can exit and the next variant in
   * the same JVM (smoke run) starts clean.
   */
  void shutDown() {
    if (this == SENTRY_JAVA) {
      io.sentry.Sentry.close();
    }
  }
}
