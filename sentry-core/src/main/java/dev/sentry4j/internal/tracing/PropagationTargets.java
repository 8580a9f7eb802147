package dev.sentry4j.internal.tracing;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Whether a URL gets trace headers under {@code tracePropagationTargets}: an entry matches when the
 * URL contains it, or when it is a regular expression matching the whole URL; {@code .*} (the
 * default) matches everything, an empty list nothing. Compiled patterns are cached. Internal, may
 * change. Thread-safe.
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
      if (target.equals(".*") || url.contains(target) || pattern(target).matcher(url).matches()) {
        return true;
      }
    }
    return false;
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
