/**
 * Test support for sentry4j: {@link dev.sentry4j.testing.SentryReceiver}, an in-process Sentry
 * receiver on loopback that checks the wire format strictly and keeps what arrived, and {@link
 * dev.sentry4j.testing.RelaySchema}, a check of event payloads against Relay's event schema.
 *
 * <p>This module deliberately does not depend on {@code sentry-core}, so that core's own tests can
 * use it.
 */
package dev.sentry4j.testing;
