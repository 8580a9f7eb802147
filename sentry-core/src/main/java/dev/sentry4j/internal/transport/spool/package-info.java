/**
 * The disk spool of the delivery pipeline: envelopes that do not fit in memory or cannot be sent
 * now, kept as files until they are sent, also after a restart. Internal, may change; see {@link
 * dev.sentry4j.internal.transport.spool.DiskSpool}.
 */
package dev.sentry4j.internal.transport.spool;
