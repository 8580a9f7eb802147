/**
 * Jackson streaming writers for everything that goes on the wire (events, transactions, exceptions,
 * log items, envelope headers, client reports), within Relay's size limits. Internal, may change.
 */
package dev.sentry4j.internal.json;
