package dev.sentry4j.spi;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** The integrations in use ({@code logback}, {@code log4j2}, ...), listed in {@code sdk}. Internal. */
public final class Integrations {
  private static final CopyOnWriteArrayList<String> NAMES = new CopyOnWriteArrayList<>();

  private Integrations() {}

  /** Records an integration by name (idempotent). */
  public static void add(String name) {
    NAMES.addIfAbsent(name);
  }

  /** The recorded names. */
  public static List<String> all() {
    return List.copyOf(NAMES);
  }
}
