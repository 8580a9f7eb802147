/**
 * The setup check: a command ({@code java -jar sentry-core-<version>-check.jar}) that reads the DSN
 * the way the SDK does, sends one test event to Sentry (and to Spotlight when it is on) and says in
 * plain words what happened. Internal: its classes and output may change; its exit codes (0 sent, 1
 * not sent, 2 nothing to check) are documented in the README.
 */
package dev.sentry4j.internal.check;
