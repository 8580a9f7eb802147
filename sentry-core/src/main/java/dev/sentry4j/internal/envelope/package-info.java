/**
 * The envelope model: an envelope's header and items and their types, immutable, as the transport
 * and the disk spool handle them. Internal, may change.
 */
package dev.sentry4j.internal.envelope;
