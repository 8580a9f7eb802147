package dev.sentry4j.spi;

import dev.sentry4j.event.User;
import dev.sentry4j.internal.KeyMatcher;
import dev.sentry4j.options.SentryOptions;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What option {@code sendDefaultPii} allows the SDK and its integrations to collect on their own.
 * What the application sets itself ({@code Sentry.setUser}, {@code setContext}, {@code setExtra},
 * MDC entries it logs) is the application's choice and is not touched here (the scrubber still
 * filters sensitive keys in it).
 *
 * <p>With {@code sendDefaultPii=false} (the default):
 *
 * <ul>
 *   <li>the SDK does not ask Sentry to infer the user's IP address: no {@value #AUTO_IP};
 *   <li>an integration attaches a user it found on its own (a request principal, a session) only
 *       through {@link #implicitUser(User)}, which keeps the id alone;
 *   <li>an integration attaches request or response headers only through {@link #headers(Map)},
 *       which removes cookies, credentials and client addresses ({@link #PII_HEADERS} and every
 *       header the default deny list matches).
 * </ul>
 *
 * With {@code sendDefaultPii=true}, events and transactions whose user has no IP address get
 * {@value #AUTO_IP} (Sentry then stores the address the event came from, as sentry-java does), and
 * {@link #implicitUser} and {@link #headers} pass everything through. Immutable and thread-safe.
 */
public final class PiiPolicy {
  /** The IP address that asks Sentry to use the address the event was received from. */
  public static final String AUTO_IP = "{{auto}}";

  /**
   * Headers never attached by integrations without {@code sendDefaultPii}, besides those the
   * default deny list matches (compared case-insensitively, separators ignored).
   */
  public static final List<String> PII_HEADERS =
      List.of(
          "Cookie",
          "Set-Cookie",
          "Authorization",
          "Proxy-Authorization",
          "X-Api-Key",
          "X-Forwarded-For",
          "X-Real-IP",
          "Forwarded",
          "True-Client-IP",
          "CF-Connecting-IP",
          "X-Client-IP",
          "X-Cluster-Client-IP");

  private static final KeyMatcher PII_HEADER_MATCHER =
      new KeyMatcher(KeyMatcher.DEFAULT_DENY_ANYWHERE, KeyMatcher.DEFAULT_DENY_WORDS, List.of());
  private static final Set<String> PII_HEADERS_COMPACT = compactAll(PII_HEADERS);

  private static final PiiPolicy ALLOW = new PiiPolicy(true);
  private static final PiiPolicy DENY = new PiiPolicy(false);

  private final boolean sendDefaultPii;

  private PiiPolicy(boolean sendDefaultPii) {
    this.sendDefaultPii = sendDefaultPii;
  }

  /** The policy for {@code sendDefaultPii}. */
  public static PiiPolicy of(boolean sendDefaultPii) {
    return sendDefaultPii ? ALLOW : DENY;
  }

  /** The policy of the options' {@code sendDefaultPii}. */
  public static PiiPolicy fromOptions(SentryOptions options) {
    return of(options.isSendDefaultPii());
  }

  /** Whether personal data may be collected by the SDK and integrations. */
  public boolean isSendDefaultPii() {
    return sendDefaultPii;
  }

  /**
   * The user to send on an event or transaction: with {@code sendDefaultPii}, a user without IP
   * address gets {@value #AUTO_IP} (and an event without user gets a user with only that); without
   * it, {@code user} unchanged.
   */
  public User eventUser(User user) {
    if (!sendDefaultPii) {
      return user;
    }
    if (user == null) {
      return User.builder().ipAddress(AUTO_IP).build();
    }
    return user.getIpAddress() == null ? user.toBuilder().ipAddress(AUTO_IP).build() : user;
  }

  /**
   * The user an integration may attach on its own: without {@code sendDefaultPii} the id alone (or
   * {@code null} without id); with it, {@code user} unchanged.
   */
  public User implicitUser(User user) {
    if (sendDefaultPii || user == null) {
      return user;
    }
    return user.getId() == null ? null : User.builder().id(user.getId()).build();
  }

  /**
   * The headers an integration may attach: without {@code sendDefaultPii} a new map without {@link
   * #PII_HEADERS} and deny-listed names (the same instance when none was present); with it, {@code
   * headers} unchanged. Never changes {@code headers}.
   */
  public <V> Map<String, V> headers(Map<String, V> headers) {
    if (sendDefaultPii || headers == null || headers.isEmpty()) {
      return headers;
    }
    Map<String, V> out = null;
    for (Map.Entry<String, V> h : headers.entrySet()) {
      if (isPiiHeader(h.getKey())) {
        if (out == null) {
          out = new LinkedHashMap<>(headers);
        }
        out.remove(h.getKey());
      }
    }
    return out == null ? headers : Collections.unmodifiableMap(out);
  }

  /** Whether an integration must leave this header out without {@code sendDefaultPii}. */
  public static boolean isPiiHeader(String name) {
    return name != null
        && (PII_HEADERS_COMPACT.contains(KeyMatcher.compact(name))
            || PII_HEADER_MATCHER.isSensitive(name));
  }

  private static Set<String> compactAll(List<String> names) {
    Set<String> out = new HashSet<>();
    for (String n : names) {
      out.add(KeyMatcher.compact(n));
    }
    return out;
  }
}
