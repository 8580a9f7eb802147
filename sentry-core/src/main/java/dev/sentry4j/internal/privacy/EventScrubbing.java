package dev.sentry4j.internal.privacy;

import dev.sentry4j.event.BaseEvent;
import dev.sentry4j.event.Breadcrumb;
import dev.sentry4j.event.Event;
import dev.sentry4j.event.Message;
import dev.sentry4j.event.TransactionEvent;
import dev.sentry4j.event.User;
import dev.sentry4j.tracing.SpanData;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Applies a {@link Scrubber} to an event or transaction the SDK owns. Its own top-level maps and
 * breadcrumb and span lists are edited in place (they are the SDK's copies); every nested map,
 * list, breadcrumb, user, span and message is replaced by a new one, never changed, because it may
 * be shared with a scope or the caller. Stateless.
 */
final class EventScrubbing {
  private EventScrubbing() {}

  static void apply(Scrubber scrubber, Event event) {
    shared(scrubber, event);
    message(scrubber, event);
  }

  static void apply(Scrubber scrubber, TransactionEvent transaction) {
    shared(scrubber, transaction);
    SpanData root = transaction.getRootSpan();
    SpanData scrubbedRoot = scrubber.scrubSpan(root);
    if (scrubbedRoot != root) {
      transaction.setRootSpan(scrubbedRoot);
    }
    List<SpanData> spans = transaction.getSpans();
    for (int i = 0; i < spans.size(); i++) {
      SpanData span = spans.get(i);
      SpanData scrubbed = scrubber.scrubSpan(span);
      if (scrubbed != span) {
        spans.set(i, scrubbed);
      }
    }
  }

  /** What error events and transactions share: tags, extras, contexts, user, breadcrumbs. */
  private static void shared(Scrubber scrubber, BaseEvent event) {
    if (scrubber.isEnabled()) {
      tags(scrubber, event.getTags());
      extras(scrubber, event.getExtras());
      contexts(scrubber, event.getContexts());
      User user = event.getUser();
      User scrubbedUser = scrubber.scrubUser(user);
      if (scrubbedUser != user) {
        event.setUser(scrubbedUser);
      }
    }
    breadcrumbs(scrubber, event.getBreadcrumbs());
  }

  private static void tags(Scrubber scrubber, Map<String, String> tags) {
    for (Map.Entry<String, String> t : tags.entrySet()) {
      if (t.getValue() != null && scrubber.isSensitiveKey(t.getKey())) {
        t.setValue(Scrubber.FILTERED);
      }
    }
  }

  private static void extras(Scrubber scrubber, Map<String, Object> extras) {
    for (Map.Entry<String, Object> x : extras.entrySet()) {
      Object value = x.getValue();
      Object scrubbed = scrubber.scrubValue(x.getKey(), value);
      if (scrubbed != value) {
        x.setValue(scrubbed);
      }
    }
  }

  private static void contexts(Scrubber scrubber, Map<String, Map<String, Object>> contexts) {
    for (Map.Entry<String, Map<String, Object>> c : contexts.entrySet()) {
      Map<String, Object> context = c.getValue();
      if (context == null || context.isEmpty()) {
        continue;
      }
      if (scrubber.isSensitiveKey(c.getKey())) {
        // a context must stay an object on the wire: keep its keys, filter every value
        Map<String, Object> filtered = new LinkedHashMap<>();
        for (Map.Entry<String, Object> v : context.entrySet()) {
          filtered.put(v.getKey(), v.getValue() == null ? null : Scrubber.FILTERED);
        }
        c.setValue(filtered);
        continue;
      }
      Map<String, Object> scrubbed = scrubber.scrubMap(context);
      if (scrubbed != context) {
        // beforeSend may still edit contexts: keep them mutable
        c.setValue(new LinkedHashMap<>(scrubbed));
      }
    }
  }

  private static void breadcrumbs(Scrubber scrubber, List<Breadcrumb> crumbs) {
    for (int i = 0; i < crumbs.size(); i++) {
      Breadcrumb crumb = crumbs.get(i);
      Breadcrumb scrubbed = scrubber.scrubBreadcrumb(crumb);
      if (scrubbed != crumb) {
        crumbs.set(i, scrubbed);
      }
    }
  }

  private static void message(Scrubber scrubber, Event event) {
    Message m = event.getMessage();
    Message scrubbed = scrubber.scrubMessage(m);
    if (scrubbed != m) {
      event.setMessage(scrubbed);
    }
  }
}
