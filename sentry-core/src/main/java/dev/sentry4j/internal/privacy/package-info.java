/**
 * Scrubbing of secrets and PII before anything leaves the process: the deny-list {@code Scrubber}
 * for events, transactions and log attributes, and the message patterns that mask {@code
 * password=...} style values in text. Internal, may change.
 */
package dev.sentry4j.internal.privacy;
