/**
 * Runnable demos of the README's snippets (core API, Logback, Log4j 2, JUL, SLF4J MDC and a
 * two-service shop), each sending to a loopback receiver, or to {@code SENTRY_DSN} when set, and
 * printing what Sentry received. Not published.
 */
package dev.sentry4j.examples;
