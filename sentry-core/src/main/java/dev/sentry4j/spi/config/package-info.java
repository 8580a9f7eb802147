/**
 * Options from text, shared by every module and source: the {@link
 * dev.sentry4j.spi.config.OptionRegistry} (each option's name, type, default, environment variable,
 * system property and description), {@link dev.sentry4j.spi.config.OptionSpec} and {@link
 * dev.sentry4j.spi.config.OptionSources} (sentry.properties, {@code SENTRY_*}, {@code -Dsentry.*},
 * in that order of precedence).
 */
package dev.sentry4j.spi.config;
