package dev.sentry4j.bench;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * The appender set-ups a benchmark compares. Each has its own real configuration file per framework
 * in the bench resources, named {@code logback-<id>.xml}, {@code log4j2-<id>.xml} and {@code
 * jul-<id>.properties}; the JMH {@code @Param("variant")} values are the ids.
 *
 * <p>To add a variant: an enum constant here, the three config files, its jars in the pom, and its
 * id in each benchmark's {@code @Param} list. The delivery bench, the smoke run and the report pick
 * it up from this enum.
 */
enum Variant {
  /**
   * The floor: a no-op appender/handler and nothing else, so the time is the framework's own cost
   * of creating a record and handing it to one appender (the same dispatch every SDK appender
   * needs).
   */
  NONE("none"),
  /** The reference SDK, io.sentry 8.33.0, with its own Logback/Log4j2/JUL integrations. */
  SENTRY_JAVA("sentry-java", "io.sentry."),
  /** This project: dev.sentry4j's sentry-logback, sentry-log4j2 and sentry-jul. */
  SENTRY4J("sentry4j", "dev.sentry4j.");

  final String id;
  private final String appenderPackage;

  Variant(String id) {
    this(id, null);
  }

  Variant(String id, String appenderPackage) {
    this.id = id;
    this.appenderPackage = appenderPackage;
  }

  /** Finds a variant by its id, naming the known ids if there is none. */
  static Variant of(String id) {
    for (Variant v : values()) {
      if (v.id.equals(id)) {
        return v;
      }
    }
    throw new IllegalArgumentException("Unknown variant '" + id + "'; known: " + ids());
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
   * Whether an appender or handler found on the root logger belongs to this variant: the SDK's own
   * class for an SDK, a no-op for the floor. Guards against a config file that silently loads
   * another variant's appender (both SDKs call their Log4j 2 plugin "Sentry").
   */
  boolean owns(Object appender) {
    String name = appender.getClass().getName();
    if (appenderPackage == null) {
      return name.startsWith("dev.sentry4j.bench.floor.")
          || name.equals("org.apache.logging.log4j.core.appender.NullAppender");
    }
    return name.startsWith(appenderPackage) && !name.startsWith("dev.sentry4j.bench.");
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
    } else if (this == SENTRY4J) {
      // a logging framework's stop hands the SDK over to a background close; let it send first
      dev.sentry4j.Sentry.awaitBackgroundClose(java.time.Duration.ofSeconds(20));
    }
  }
}
