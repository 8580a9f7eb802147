package dev.sentry4j.internal.client;

import dev.sentry4j.event.BaseEvent;
import dev.sentry4j.event.Breadcrumb;
import dev.sentry4j.event.EventProcessor;
import dev.sentry4j.internal.FrozenValues;
import dev.sentry4j.options.SentryOptions;
import dev.sentry4j.scope.ScopeLayers;
import dev.sentry4j.scope.ScopeSnapshot;
import dev.sentry4j.spi.CallerThreadCapture;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Adds what error events and transactions share from the scopes (global ▸ isolation ▸ current ▸ the
 * event's own data, the more specific winning) and from the options. Works on {@link
 * ScopeSnapshot}s taken on the capturing thread, so it runs on the SDK's worker; scope values were
 * frozen when set, the event's own are frozen here. Immutable; thread-safe.
 */
final class ScopeMerger {
  private final SentryOptions options;
  private static final Comparator<Breadcrumb> BY_TIME =
      Comparator.comparing(Breadcrumb::getTimestamp);

  private final List<EventProcessor> registered;

  private final List<CallerThreadCapture> callerThreadCaptures;

  ScopeMerger(SentryOptions options, List<EventProcessor> registered) {
    this.options = options;
    this.registered = registered;
    List<CallerThreadCapture> captures = new ArrayList<>();
    for (List<EventProcessor> list : List.of(registered, options.getEventProcessors())) {
      for (EventProcessor p : list) {
        if (p instanceof CallerThreadCapture) {
          captures.add((CallerThreadCapture) p);
        }
      }
    }
    this.callerThreadCaptures = List.copyOf(captures);
  }

  /** The registered and options' processors that read thread-bound data on the capturing thread. */
  List<CallerThreadCapture> callerThreadCaptures() {
    return callerThreadCaptures;
  }

  /** Snapshots of the layers, least specific first: O(1) each, taken on the capturing thread. */
  static ScopeSnapshot[] layers(ScopeLayers scopes) {
    return new ScopeSnapshot[] {
      scopes.getGlobalScope().snapshot(),
      scopes.getIsolationScope().snapshot(),
      scopes.getCurrentScope().snapshot()
    };
  }

  /** Merges tags, extras, contexts, user and breadcrumbs of the layers into {@code e}. */
  void applyScopes(BaseEvent e, ScopeSnapshot[] layers) {
    Map<String, String> tags = new LinkedHashMap<>(options.getTags());
    Map<String, Object> extras = new LinkedHashMap<>();
    Map<String, Map<String, Object>> contexts = new LinkedHashMap<>();
    int crumbCount = e.getBreadcrumbs().size();
    for (ScopeSnapshot s : layers) {
      tags.putAll(s.getTags());
      extras.putAll(s.getExtras());
      contexts.putAll(s.getContexts());
      crumbCount += s.getBreadcrumbs().size();
    }
    if (e.getUser() == null) {
      e.setUser(firstNonNull(layers[2].getUser(), layers[1].getUser(), layers[0].getUser()));
    }
    tags.putAll(e.getTags());
    e.getTags().clear();
    e.getTags().putAll(tags);
    for (Map.Entry<String, Object> x : e.getExtras().entrySet()) {
      extras.put(x.getKey(), FrozenValues.freeze(x.getValue())); // the scopes' are frozen already
    }
    e.getExtras().clear();
    e.getExtras().putAll(extras);
    for (Map.Entry<String, Map<String, Object>> c : e.getContexts().entrySet()) {
      contexts.put(c.getKey(), FrozenValues.freezeMap(c.getValue()));
    }
    e.getContexts().clear();
    for (Map.Entry<String, Map<String, Object>> c : contexts.entrySet()) {
      e.getContexts().put(c.getKey(), new LinkedHashMap<>(c.getValue())); // processors may edit
    }
    List<Breadcrumb> crumbs = new ArrayList<>(crumbCount);
    for (ScopeSnapshot s : layers) {
      crumbs.addAll(s.getBreadcrumbs());
    }
    crumbs.addAll(e.getBreadcrumbs());
    crumbs.sort(BY_TIME);
    int max = options.getMaxBreadcrumbs();
    e.setBreadcrumbs(
        crumbs.size() > max
            ? new ArrayList<>(crumbs.subList(crumbs.size() - max, crumbs.size()))
            : crumbs);
  }

  /** Fills environment, release, dist, server name, option tags and runtime/os contexts. */
  void applyOptions(BaseEvent e) {
    if (e.getEnvironment() == null) {
      e.setEnvironment(options.getEnvironment());
    }
    if (e.getRelease() == null) {
      e.setRelease(options.getRelease());
    }
    if (e.getDist() == null) {
      e.setDist(options.getDist());
    }
    if (e.getServerName() == null) {
      e.setServerName(options.getServerName());
    }
    for (Map.Entry<String, String> t : options.getTags().entrySet()) {
      e.getTags().putIfAbsent(t.getKey(), t.getValue());
    }
    e.getContexts().putIfAbsent("runtime", new LinkedHashMap<>(RuntimeContexts.RUNTIME));
    e.getContexts().putIfAbsent("os", new LinkedHashMap<>(RuntimeContexts.OS));
  }

  /**
   * The integrations' registered processors (they add data), then the layers' (global, isolation,
   * current) and the options' ones, so that the application's own have the last word.
   */
  List<EventProcessor> processors(ScopeSnapshot[] layers) {
    List<EventProcessor> processors = new ArrayList<>(registered);
    if (layers != null) {
      for (ScopeSnapshot s : layers) {
        processors.addAll(s.getEventProcessors());
      }
    }
    processors.addAll(options.getEventProcessors());
    return processors;
  }

  @SafeVarargs
  static <T> T firstNonNull(T... values) {
    for (T v : values) {
      if (v != null) {
        return v;
      }
    }
    return null;
  }
}
