package dev.sentry4j.internal.tracing;

import dev.sentry4j.client.SentryClient;
import dev.sentry4j.scope.ScopeLayers;

/**
 * What a span reports to: the scopes it was started in (merged into its transaction) and the client
 * that sends the finished transaction. The SDK's per-thread scopes implement it, so this package
 * needs nothing from the scope machinery. Internal, may change.
 */
public interface TracingScopes extends ScopeLayers {
  /** The client to capture the finished transaction with; never null. */
  SentryClient getClient();
}
