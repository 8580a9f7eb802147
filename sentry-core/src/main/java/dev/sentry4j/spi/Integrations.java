package dev.sentry4j.spi;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The integrations in use ({@code logback}, {@code log4j2}, {@code UncaughtExceptionHandler}, ...)
 * and the sentry4j packages they come from, listed in every event's {@code sdk.integrations} and
 * {@code sdk.packages} so that Sentry shows which adapter sent it. sentry-core is always listed as
 * a package. For integrations; thread-safe.
 */
public final class Integrations {
  /** The package name of sentry-core, always in {@code sdk.packages}. */
  public static final String CORE_PACKAGE = "maven:dev.sentry4j:sentry-core";

  private static final CopyOnWriteArrayList<String> NAMES = new CopyOnWriteArrayList<>();
  private static final CopyOnWriteArrayList<String> PACKAGES = new CopyOnWriteArrayList<>();

  static {
    PACKAGES.add(CORE_PACKAGE);
  }

  private Integrations() {}

  /** Records an integration by name (idempotent). */
  public static void add(String name) {
    NAMES.addIfAbsent(name);
  }

  /**
   * Records an integration and the sentry4j artifact it comes from (idempotent).
   *
   * @param name the integration, e.g. {@code logback}
   * @param artifactId the Maven artifact of groupId {@code dev.sentry4j}, e.g. {@code
   *     sentry-logback}; it is listed as {@code maven:dev.sentry4j:sentry-logback} with the SDK's
   *     version (all sentry4j modules are released together)
   */
  public static void add(String name, String artifactId) {
    NAMES.addIfAbsent(name);
    PACKAGES.addIfAbsent("maven:dev.sentry4j:" + artifactId);
  }

  /** The recorded names. */
  public static List<String> all() {
    return List.copyOf(NAMES);
  }

  /** The packages in use, sentry-core first, as {@code maven:group:artifact}. */
  public static List<String> packages() {
    return List.copyOf(PACKAGES);
  }
}
