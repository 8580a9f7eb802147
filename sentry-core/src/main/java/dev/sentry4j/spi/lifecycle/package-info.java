/**
 * The lifecycle the logging adapters share ({@link dev.sentry4j.spi.lifecycle.AdapterLifecycle}):
 * start or adopt the SDK, own it or not, close only what they own whatever the reconfiguration
 * order, and forward the SDK's diagnostics to the framework's status channel. A package of its own
 * because it drives the {@code Sentry} facade, which the rest of the SPI must not depend on.
 */
package dev.sentry4j.spi.lifecycle;
