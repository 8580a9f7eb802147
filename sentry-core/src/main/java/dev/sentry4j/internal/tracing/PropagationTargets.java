package dev.sentry4j.internal.tracing;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Whether a URL gets trace headers under {@code tracePropagationTargets}, as the Python SDK decides
 * ({@code match_regex_list(..., substring_matching=True)}) and sentry-java too: an entry matches
 * when the URL contains it, or when it is a regular expression found anywhere in the URL ({@code
 * ^/api} matches {@code /api/users}, {@code myApi.com/v[2-4]} matches {@code
 * https://myApi.com/v3/orders}); {@code .*} (the default) matches everything, an empty list
 * nothing. Requests to Sentry itself never get trace headers ({@link #isSentryUrl}). Compiled
 * patterns are cached. Internal, may change. Thread-safe.
 */
public final class PropagationTargets {
  private static final int MAX_CACHED = 256;
  private static final Pattern NEVER = Pattern.compile("(?!)");
  private static final Map<String, Pattern> CACHE = new ConcurrentHashMap<>();

  private PropagationTargets() {}

  /** Whether {@code url} matches one of {@code targets}. */
  public static boolean matches(List<String> targets, String url) {
    if (url == null || targets == null || targets.isEmpty()) {
      return false;
    }
    for (String target : targets) {
      if (target == null) {
        continue;
      }
      if (target.equals(".*") || url.contains(target) || pattern(target).matcher(url).find()) {
        return true;
      }
    }
    return false;
  }

  /**
   * Whether {@code url} goes to the Sentry of {@code dsnHost} (host, with {@code :port} when the
   * DSN has one): such requests never get trace headers, as in the Python SDK ({@code
   * is_sentry_url}).
   */
  public static boolean isSentryUrl(String dsnHost, String url) {
    return dsnHost != null && !dsnHost.isEmpty() && url != null && url.contains(dsnHost);
  }

  private static Pattern pattern(String target) {
    Pattern p = CACHE.get(target);
    if (p == null) {
      try {
        p = Pattern.compile(target);
      } catch (PatternSyntaxException e) {
        p = NEVER; // a plain substring that is not a valid regex
      }
      if (CACHE.size() < MAX_CACHED) {
        CACHE.put(target, p);
      }
    }
    return p;
  }
}
