package dev.sentry4j.testing;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/** Checks a request's Sentry credentials: the {@code X-Sentry-Auth} header or the query string. */
final class SentryAuth {

  private static final String SCHEME = "sentry ";

  private SentryAuth() {}

  /**
   * Returns null when the request authenticates with the given public key, else why not.
   *
   * @param header the {@code X-Sentry-Auth} value, or null
   * @param rawQuery the raw query string, or null
   */
  static String problem(String header, String rawQuery, String expectedKey) {
    Map<String, String> fromQuery = queryParameters(rawQuery);
    String key = fromQuery.get("sentry_key");
    String version = fromQuery.get("sentry_version");
    if (header != null) {
      if (!header.toLowerCase(Locale.ROOT).startsWith(SCHEME)) {
        return "X-Sentry-Auth does not start with 'Sentry ': " + header;
      }
      Map<String, String> fromHeader = new HashMap<>();
      for (String pair : header.substring(SCHEME.length()).split(",")) {
        int eq = pair.indexOf('=');
        if (eq <= 0) {
          return "X-Sentry-Auth has a part that is not key=value: '"
              + pair.trim()
              + "' in "
              + header;
        }
        fromHeader.put(pair.substring(0, eq).trim(), pair.substring(eq + 1).trim());
      }
      String headerKey = fromHeader.get("sentry_key");
      if (key != null && headerKey != null && !key.equals(headerKey)) {
        return "conflicting sentry_key in X-Sentry-Auth ("
            + headerKey
            + ") and query ("
            + key
            + ")";
      }
      if (!"7".equals(fromHeader.get("sentry_version"))) {
        return "X-Sentry-Auth lacks sentry_version=7: " + header;
      }
      key = headerKey != null ? headerKey : key;
      version = fromHeader.get("sentry_version");
    }
    if (key == null) {
      return "no sentry_key in X-Sentry-Auth or the query string";
    }
    if (!key.equals(expectedKey)) {
      return "wrong sentry_key '" + key + "', expected '" + expectedKey + "'";
    }
    if (version != null && !"7".equals(version)) {
      return "sentry_version is " + version + ", expected 7";
    }
    return null;
  }

  private static Map<String, String> queryParameters(String rawQuery) {
    Map<String, String> parameters = new HashMap<>();
    if (rawQuery == null || rawQuery.isEmpty()) {
      return parameters;
    }
    for (String pair : rawQuery.split("&")) {
      int eq = pair.indexOf('=');
      String name = eq < 0 ? pair : pair.substring(0, eq);
      String value = eq < 0 ? "" : pair.substring(eq + 1);
      parameters.put(decode(name), decode(value));
    }
    return parameters;
  }

  private static String decode(String text) {
    return URLDecoder.decode(text, StandardCharsets.UTF_8);
  }
}
