/**
 * What is sent: {@link dev.sentry4j.event.Event} and {@link dev.sentry4j.event.TransactionEvent},
 * their parts ({@link dev.sentry4j.event.Breadcrumb}, {@link dev.sentry4j.event.User}, {@link
 * dev.sentry4j.event.Message}, ...), their identity and severity ({@link
 * dev.sentry4j.event.SentryId}, {@link dev.sentry4j.event.Level}), the {@link
 * dev.sentry4j.event.Hint} handed to callbacks, and {@link dev.sentry4j.event.EventProcessor}.
 * Plain values: no package here reads thread state or talks to the client.
 */
package dev.sentry4j.event;
