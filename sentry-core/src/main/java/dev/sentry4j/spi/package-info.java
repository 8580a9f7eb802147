/**
 * The service-provider interface for integrations (the adapters and anything like them), kept apart
 * from the user API: {@link dev.sentry4j.spi.Diagnostics} (the SDK's own status lines and a
 * listener for a framework's status channel), {@link dev.sentry4j.spi.Integrations}, {@link
 * dev.sentry4j.spi.PiiPolicy}, {@link dev.sentry4j.spi.ContextCarrier} and {@link
 * dev.sentry4j.spi.SpanListener} (found with {@link java.util.ServiceLoader}), {@link
 * dev.sentry4j.spi.ReentryGuard} and {@link dev.sentry4j.spi.ThrowableStandIn}. Adapters use this
 * and the user API, never {@code dev.sentry4j.internal}.
 */
package dev.sentry4j.spi;
