/**
 * Scopes as users see them: {@link dev.sentry4j.scope.Scope} (tags, extras, contexts, user, level,
 * breadcrumbs, event processors, the current span), {@link dev.sentry4j.scope.ScopeToken} (the
 * try-with-resources handle of {@code Sentry.newScope()}) and {@link
 * dev.sentry4j.scope.ScopeLayers} (the global, isolation and current scope a capture merges). The
 * per-thread machinery is in {@code dev.sentry4j.internal.scope}.
 */
package dev.sentry4j.scope;
