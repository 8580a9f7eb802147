/**
 * The Sentry Logs batcher and its scheduler. Internal, may change: the public API is {@link
 * dev.sentry4j.logs}.
 */
package dev.sentry4j.internal.logs;
