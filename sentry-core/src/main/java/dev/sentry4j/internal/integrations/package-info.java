/**
 * Integrations the core installs by itself, process-wide: the uncaught exception handler. Each one
 * is installed by {@code Sentry.init} when its option is on, names itself in the events' {@code
 * sdk.integrations}, and is taken out again by {@code Sentry.close()} if still in place. Internal,
 * may change.
 */
package dev.sentry4j.internal.integrations;
