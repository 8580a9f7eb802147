package dev.sentry4j.internal.client;

import dev.sentry4j.options.SentryOptions;
import dev.sentry4j.event.BaseEvent;
import dev.sentry4j.event.Breadcrumb;
import dev.sentry4j.event.EventProcessor;
import dev.sentry4j.internal.FrozenValues;
import dev.sentry4j.scope.Scope;
import dev.sentry4j.scope.ScopeLayers;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Adds what error events and transactions share from the scopes (global ▸ isolation ▸ current ▸
 * the event's own data, the more specific winning) and from the options, freezing user values on
 * the capturing thread. Immutable; thread-safe.
 */
final class ScopeMerger {
  private final SentryOptions options;
  private final List<EventProcessor> registered;

  ScopeMerger(SentryOptions options, List<EventProcessor> registered) {
    this.options = options;
    this.registered = registered;
  }

  /** The layers, least specific first. */
  static Scope[] layers(ScopeLayers scopes) {
    return new Scope[] {
      scopes.getGlobalScope(), scopes.getIsolationScope(), scopes.getCurrentScope()
    };
  }

  /** Merges tags, extras, contexts, user and breadcrumbs of the scopes into {@code e}. */
  void applyScopes(BaseEvent e, Scope[] layers) {
    Map<String, String> tags = new LinkedHashMap<>(options.getTags());
    Map<String, Object> extras = new LinkedHashMap<>();
    Map<String, Map<String, Object>> contexts = new LinkedHashMap<>();
    List<Breadcrumb> crumbs = new ArrayList<>();
    for (Scope s : layers) {
      tags.putAll(s.getTags());
      extras.putAll(s.getExtras());
      contexts.putAll(s.getContexts());
      crumbs.addAll(s.getBreadcrumbs());
    }
    if (e.getUser() == null) {
      e.setUser(firstNonNull(layers[2].getUser(), layers[1].getUser(), layers[0].getUser()));
    }
    tags.putAll(e.getTags());
    e.getTags().clear();
    e.getTags().putAll(tags);
    extras.putAll(e.getExtras());
    e.getExtras().clear();
    for (Map.Entry<String, Object> x : extras.entrySet()) {
      e.getExtras().put(x.getKey(), FrozenValues.freeze(x.getValue()));
    }
    contexts.putAll(e.getContexts());
    e.getContexts().clear();
    for (Map.Entry<String, Map<String, Object>> c : contexts.entrySet()) {
      e.getContexts().put(c.getKey(), new LinkedHashMap<>(FrozenValues.freezeMap(c.getValue())));
    }
    crumbs.addAll(e.getBreadcrumbs());
    crumbs.sort(Comparator.comparing(Breadcrumb::getTimestamp));
    int max = options.getMaxBreadcrumbs();
    e.setBreadcrumbs(
        crumbs.size() > max ? crumbs.subList(crumbs.size() - max, crumbs.size()) : crumbs);
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
   * The integrations' registered processors (they add data), then the scopes' (global, isolation,
   * current) and the options' ones, so that the application's own have the last word.
   */
  List<EventProcessor> processors(ScopeLayers scopes) {
    List<EventProcessor> processors = new ArrayList<>(registered);
    if (scopes != null) {
      processors.addAll(scopes.getGlobalScope().getEventProcessors());
      processors.addAll(scopes.getIsolationScope().getEventProcessors());
      processors.addAll(scopes.getCurrentScope().getEventProcessors());
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
