/**
 * The floor of every comparison: appenders and handlers that accept a record and do nothing with
 * it. Every framework's floor has exactly one of them on the root logger and no other appender, so
 * "none" means the same thing in the Logback, Log4j 2 (its built-in {@code Null} appender) and JUL
 * results.
 */
package dev.sentry4j.bench.floor;
