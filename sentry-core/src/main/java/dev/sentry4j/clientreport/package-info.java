/**
 * The vocabulary of client reports, part of the user API because {@link
 * dev.sentry4j.client.ClientStats} counts by it: {@link dev.sentry4j.clientreport.DataCategory}
 * (what was dropped: error, transaction, span, log item, ...) and {@link
 * dev.sentry4j.clientreport.DiscardReason} (why: queue overflow, rate limit, sampling, ...).
 * Depends on nothing else in the SDK.
 */
package dev.sentry4j.clientreport;
