/**
 * The entry points of the user API: {@link dev.sentry4j.Sentry} (the Java face of the Python SDK's
 * top-level {@code sentry_sdk} functions: init, capture, scopes, tracing, flush and close), {@link
 * dev.sentry4j.SentryContext} (carrying scopes onto other threads), {@link
 * dev.sentry4j.SentryLogger} and {@link dev.sentry4j.LogBuilder} (Sentry Logs). This package is the
 * top layer: it may use every other package of sentry-core, and none of them uses it.
 */
package dev.sentry4j;
