/**
 * The client as users see it: {@link dev.sentry4j.client.SentryClient} (what {@code
 * Sentry.getClient()} returns: enabled or not, its options, flush, close, capture with explicit
 * scopes) and {@link dev.sentry4j.client.ClientStats} (what it captured, sent, spooled and
 * dropped). The implementation lives in {@code dev.sentry4j.internal.client}.
 */
package dev.sentry4j.client;
