package dev.sentry4j.internal.client;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/** The {@code runtime} and {@code os} contexts, read once from system properties. */
final class RuntimeContexts {
  static final Map<String, Object> RUNTIME =
      context(
          "name",
              firstNonNull(
                  System.getProperty("java.runtime.name"), System.getProperty("java.vm.name")),
          "version",
              firstNonNull(
                  System.getProperty("java.runtime.version"), System.getProperty("java.version")));
  static final Map<String, Object> OS =
      context(
          "name", System.getProperty("os.name"),
          "version", System.getProperty("os.version"));

  private RuntimeContexts() {}

  private static Map<String, Object> context(String k1, String v1, String k2, String v2) {
    Map<String, Object> m = new LinkedHashMap<>();
    if (v1 != null) {
      m.put(k1, v1);
    }
    if (v2 != null) {
      m.put(k2, v2);
    }
    return Collections.unmodifiableMap(m);
  }

  private static String firstNonNull(String a, String b) {
    return a != null ? a : b;
  }
}
