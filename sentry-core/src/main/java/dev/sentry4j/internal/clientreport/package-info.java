/**
 * Counting what the SDK drops, by reason and data category, and telling Sentry in {@code
 * client_report} items: {@link dev.sentry4j.internal.clientreport.DiscardCounter} collects, {@link
 * dev.sentry4j.internal.clientreport.ClientReport} turns pending counts into a payload.
 */
package dev.sentry4j.internal.clientreport;
