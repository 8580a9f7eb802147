package dev.sentry4j.spi.logging;

import dev.sentry4j.logs.LogLevel;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * How an adapter's log lines become Sentry data: thresholds, MDC keys that become tags, whether the
 * MDC goes to a context, and the integration's name. Immutable; build with {@link
 * #builder(String)}.
 */
public final class LogCaptureSettings {
  /** Default {@code minimumEventLevel}. */
  public static final LogLevel DEFAULT_MINIMUM_EVENT_LEVEL = LogLevel.ERROR;

  /** Default {@code minimumBreadcrumbLevel}. */
  public static final LogLevel DEFAULT_MINIMUM_BREADCRUMB_LEVEL = LogLevel.INFO;

  /** Default {@code minimumLevel} (Sentry Logs). */
  public static final LogLevel DEFAULT_MINIMUM_LEVEL = LogLevel.INFO;

  private final String integration;
  private final LogLevel minimumEventLevel;
  private final LogLevel minimumBreadcrumbLevel;
  private final LogLevel minimumLevel;
  private final Set<String> contextTags;
  private final boolean mdcAsContext;

  private LogCaptureSettings(Builder b) {
    this.integration = b.integration;
    this.minimumEventLevel = b.minimumEventLevel;
    this.minimumBreadcrumbLevel = b.minimumBreadcrumbLevel;
    this.minimumLevel = b.minimumLevel;
    this.contextTags = Collections.unmodifiableSet(new LinkedHashSet<>(b.contextTags));
    this.mdcAsContext = b.mdcAsContext;
  }

  /**
   * A builder for an integration.
   *
   * @param integration {@code logback}, {@code log4j2} or {@code jul}: names the mechanism ({@code
   *     auto.log.logback}) and the origin of Sentry Logs
   */
  public static Builder builder(String integration) {
    return new Builder(integration);
  }

  /** The integration's name. */
  public String getIntegration() {
    return integration;
  }

  /** Lines at or above this become error events. */
  public LogLevel getMinimumEventLevel() {
    return minimumEventLevel;
  }

  /** Lines at or above this become breadcrumbs. */
  public LogLevel getMinimumBreadcrumbLevel() {
    return minimumBreadcrumbLevel;
  }

  /** Lines at or above this go to Sentry Logs (when {@code enableLogs} is on). */
  public LogLevel getMinimumLevel() {
    return minimumLevel;
  }

  /** MDC keys that become tags; the other entries become extras. */
  public Set<String> getContextTags() {
    return contextTags;
  }

  /** Whether MDC entries (other than tags) go to an {@code MDC} context instead of extras. */
  public boolean isMdcAsContext() {
    return mdcAsContext;
  }

  /** Builds {@link LogCaptureSettings}. Not thread-safe. */
  public static final class Builder {
    private final String integration;
    private LogLevel minimumEventLevel = DEFAULT_MINIMUM_EVENT_LEVEL;
    private LogLevel minimumBreadcrumbLevel = DEFAULT_MINIMUM_BREADCRUMB_LEVEL;
    private LogLevel minimumLevel = DEFAULT_MINIMUM_LEVEL;
    private Set<String> contextTags = Collections.emptySet();
    private boolean mdcAsContext;

    private Builder(String integration) {
      this.integration = integration;
    }

    /** Sets {@code minimumEventLevel}; default ERROR. */
    public Builder minimumEventLevel(LogLevel level) {
      this.minimumEventLevel = level == null ? DEFAULT_MINIMUM_EVENT_LEVEL : level;
      return this;
    }

    /** Sets {@code minimumBreadcrumbLevel}; default INFO. */
    public Builder minimumBreadcrumbLevel(LogLevel level) {
      this.minimumBreadcrumbLevel = level == null ? DEFAULT_MINIMUM_BREADCRUMB_LEVEL : level;
      return this;
    }

    /** Sets {@code minimumLevel} (Sentry Logs); default INFO. */
    public Builder minimumLevel(LogLevel level) {
      this.minimumLevel = level == null ? DEFAULT_MINIMUM_LEVEL : level;
      return this;
    }

    /** Sets the MDC keys that become tags. */
    public Builder contextTags(Set<String> keys) {
      this.contextTags = keys == null ? Collections.emptySet() : keys;
      return this;
    }

    /** Sets whether MDC entries go to an {@code MDC} context instead of extras; default false. */
    public Builder mdcAsContext(boolean value) {
      this.mdcAsContext = value;
      return this;
    }

    /** The settings. */
    public LogCaptureSettings build() {
      return new LogCaptureSettings(this);
    }
  }
}
