package dev.sentry4j.log4j2;

import dev.sentry4j.Sentry;
import dev.sentry4j.event.Breadcrumb;
import dev.sentry4j.logs.LogLevel;
import dev.sentry4j.options.SentryOptions;
import dev.sentry4j.spi.Diagnostics;
import dev.sentry4j.spi.Integrations;
import dev.sentry4j.spi.ReentryGuard;
import dev.sentry4j.spi.config.OptionSources;
import dev.sentry4j.spi.config.Settings;
import dev.sentry4j.spi.config.TextParser;
import dev.sentry4j.spi.lifecycle.AdapterLifecycle;
import dev.sentry4j.spi.logging.LogCapture;
import dev.sentry4j.spi.logging.LogCaptureSettings;
import java.io.Serializable;
import java.time.Duration;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.Logger;
import org.apache.logging.log4j.core.Appender;
import org.apache.logging.log4j.core.Core;
import org.apache.logging.log4j.core.Filter;
import org.apache.logging.log4j.core.Layout;
import org.apache.logging.log4j.core.LogEvent;
import org.apache.logging.log4j.core.StringLayout;
import org.apache.logging.log4j.core.appender.AbstractAppender;
import org.apache.logging.log4j.core.appender.AppenderLoggingException;
import org.apache.logging.log4j.core.config.AppenderRef;
import org.apache.logging.log4j.core.config.Configuration;
import org.apache.logging.log4j.core.config.LoggerConfig;
import org.apache.logging.log4j.core.config.Property;
import org.apache.logging.log4j.core.config.plugins.Plugin;
import org.apache.logging.log4j.core.config.plugins.PluginBuilderAttribute;
import org.apache.logging.log4j.core.config.plugins.PluginBuilderFactory;
import org.apache.logging.log4j.message.Message;
import org.apache.logging.log4j.message.ParameterConsumer;
import org.apache.logging.log4j.message.ParameterVisitable;
import org.apache.logging.log4j.message.ParameterizedMessage;
import org.apache.logging.log4j.message.ReusableMessage;
import org.apache.logging.log4j.message.ReusableParameterizedMessage;
import org.apache.logging.log4j.status.StatusLogger;

/**
 * The Log4j 2 appender for Sentry: error lines become events, lower lines breadcrumbs, with the
 * ThreadContext, markers, message parameters, exception and trace of each line. Found through
 * Log4j's plugin index, so no {@code packages=} attribute is needed:
 *
 * <pre>{@code
 * <Configuration>
 *   <Appenders>
 *     <Console name="out"><PatternLayout pattern="%d %p [%X{trace_id}] %c - %m%n"/></Console>
 *     <Sentry name="sentry" dsn="https://key@o1.ingest.sentry.io/42"
 *             minimumEventLevel="ERROR" minimumBreadcrumbLevel="INFO" contextTags="tenant"/>
 *   </Appenders>
 *   <Loggers><Root level="debug"><AppenderRef ref="out"/><AppenderRef ref="sentry"/></Root></Loggers>
 * </Configuration>
 * }</pre>
 *
 * <p>Attributes: the SDK options {@code dsn}, {@code environment}, {@code release}, {@code
 * serverName}, {@code debug}, {@code sampleRate}, {@code tracesSampleRate}, {@code sendDefaultPii},
 * {@code maxBreadcrumbs}, {@code enableLogs} (set ones win over {@code sentry.properties}, {@code
 * SENTRY_*} variables and {@code sentry.*} system properties), any other SDK option as a nested
 * {@code <Property name="flushTimeout" value="5s"/>}, and the appender's own {@code
 * minimumEventLevel} (default ERROR), {@code minimumBreadcrumbLevel} (default INFO), {@code
 * minimumLevel} (Sentry Logs, default INFO), {@code contextTags} (comma-separated ThreadContext
 * keys that become tags), {@code mdcAsContext} (other ThreadContext entries in an {@code MDC}
 * context instead of extras), {@code ignoreExceptions} (default true) and an optional nested string
 * layout (such as {@code <PatternLayout>}) that formats the message. A bad value is reported
 * through the StatusLogger, naming it, and the appender is not created; the application starts
 * normally.
 *
 * <p>If the application initialized Sentry in code before Log4j 2 starts this appender, the
 * appender uses that client and ignores its own SDK options. Thread-safe; {@code append} never
 * throws into the caller unless {@code ignoreExceptions="false"}.
 */
@Plugin(
    name = SentryAppender.PLUGIN_NAME,
    category = Core.CATEGORY_NAME,
    elementType = Appender.ELEMENT_TYPE,
    printObject = true)
public final class SentryAppender extends AbstractAppender {
  /** The element name in {@code log4j2.xml}: {@code <Sentry/>}. */
  public static final String PLUGIN_NAME = "Sentry";

  /** The integration name: mechanism {@code auto.log.log4j2}, listed in the SDK's integrations. */
  public static final String INTEGRATION = "log4j2";

  private static final Logger STATUS = StatusLogger.getLogger();

  /** Log4j's own {@code {}} formatting, for breadcrumbs formatted only if they are sent. */
  private static final Breadcrumb.TextFormat FORMAT = ParameterizedMessage::format;

  /** Puts a message's first argument into the one-slot array it is given. */
  private static final ParameterConsumer<Object[]> FIRST_ARGUMENT =
      (argument, index, holder) -> {
        if (index == 0) {
          holder[0] = argument;
        }
      };

  private final SentryOptions options;
  private final LogCapture capture;
  private final LogEventMapper mapper;
  private final Object lifecycleLock = new Object();
  private final AdapterLifecycle lifecycle;

  /** The configuration the appender was built in, whose references to it are checked at start. */
  private final Configuration configuration;

  private SentryAppender(
      String name,
      Filter filter,
      StringLayout formatter,
      boolean ignoreExceptions,
      Property[] properties,
      SentryOptions options,
      LogCaptureSettings settings,
      Configuration configuration) {
    super(name, filter, formatter, ignoreExceptions, properties);
    this.configuration = configuration;
    this.options = options;
    this.capture = new LogCapture(settings);
    this.lifecycle =
        new AdapterLifecycle("Sentry appender '" + name + "'", SentryAppender::forwardDiagnostic);
    this.mapper =
        new LogEventMapper(
            TraceKeys.FROM_SYSTEM_PROPERTIES, formatter, settings.getMinimumEventLevel());
  }

  /** The builder Log4j 2 fills from the configuration (also usable from code). */
  @PluginBuilderFactory
  public static Builder newBuilder() {
    return new Builder();
  }

  /** The capture settings (thresholds, context tags). */
  public LogCaptureSettings getSettings() {
    return capture.getSettings();
  }

  /**
   * Initializes the SDK with this appender's options, unless the application already did, and
   * forwards the SDK's warnings and errors to the StatusLogger.
   */
  @Override
  public void start() {
    synchronized (lifecycleLock) {
      if (isStarted()) {
        return;
      }
      setStarting();
      Integrations.add(INTEGRATION, "sentry-log4j2");
      try {
        AdapterLifecycle.Start started = lifecycle.start(options);
        if (started == AdapterLifecycle.Start.DISABLED && options.getDisabledReason() != null) {
          STATUS.info("Sentry appender '{}': {}", getName(), options.getDisabledReason());
        } else if (started == AdapterLifecycle.Start.ADOPTED) {
          STATUS.info(
              "Sentry appender '{}': Sentry was already initialized in code; using that client (the"
                  + " appender's SDK options are ignored)",
              getName());
        }
      } catch (RuntimeException e) {
        // options were validated by the builder; anything left is reported, and the line costs stay
        // those of a disabled SDK
        STATUS.error(
            "Sentry appender '{}' could not initialize Sentry: {}", getName(), e.toString());
      }
      checkReferences();
      super.start();
    }
  }

  /**
   * Says through the StatusLogger how the {@code AppenderRef}s to this appender fit its thresholds:
   * a reference whose {@code level} hides lines the appender would capture (WARN), or, when some
   * logger passes lines below every threshold, a reference without a level that lets them through
   * Log4j's appender call only to be ignored here (INFO: {@code level="..."} on it spares them). A
   * hint only: nothing here may stop the start.
   */
  private void checkReferences() {
    Configuration config = configuration;
    if (config == null) {
      return;
    }
    try {
      Level lowest = lowestCaptured();
      if (lowest == null) {
        return;
      }
      Set<LoggerConfig> loggers = Collections.newSetFromMap(new IdentityHashMap<>());
      loggers.addAll(config.getLoggers().values());
      loggers.add(config.getRootLogger());
      boolean verboseLogger = false;
      for (LoggerConfig logger : loggers) {
        Level level = logger.getLevel();
        verboseLogger |= level != null && level.isLessSpecificThan(lowest) && level != lowest;
      }
      for (LoggerConfig logger : loggers) {
        for (AppenderRef ref : logger.getAppenderRefs()) {
          if (!getName().equals(ref.getRef())) {
            continue;
          }
          String loggerName = logger.getName().isEmpty() ? "root" : "'" + logger.getName() + "'";
          Level refLevel = ref.getLevel();
          if (refLevel != null && refLevel.isMoreSpecificThan(lowest) && refLevel != lowest) {
            STATUS.warn(
                "Sentry appender '{}': the AppenderRef of logger {} has level=\"{}\", so lines"
                    + " below {} never reach the appender, which captures from {}",
                getName(),
                loggerName,
                refLevel,
                refLevel,
                lowest);
          } else if (refLevel == null && verboseLogger) {
            STATUS.info(
                "Sentry appender '{}': the AppenderRef of logger {} has no level, so lines below {}"
                    + " go through Log4j's appender call only to be ignored; level=\"{}\" on it"
                    + " skips them before that call",
                getName(),
                loggerName,
                lowest,
                lowest);
          }
        }
      }
    } catch (RuntimeException e) { // NOPMD: a hint; the appender starts regardless
      STATUS.debug("Sentry appender '{}': could not check its AppenderRefs: {}", getName(), e);
    }
  }

  /** The most verbose standard Log4j level this appender can capture, or {@code null}. */
  private Level lowestCaptured() {
    for (Level level :
        new Level[] {Level.TRACE, Level.DEBUG, Level.INFO, Level.WARN, Level.ERROR, Level.FATAL}) {
      if (capture.isEnabledFor(LevelMapping.toLogLevel(level))) {
        return level;
      }
    }
    return null;
  }

  /**
   * Captures one event as the thresholds say. Never throws unless {@code ignoreExceptions="false"}.
   */
  @Override
  public void append(LogEvent event) {
    LogLevel level = LevelMapping.toLogLevel(event.getLevel());
    if (!capture.isEnabledFor(level) || LogCapture.isIgnoredLogger(event.getLoggerName())) {
      return;
    }
    Object entry = ReentryGuard.tryEnter();
    if (entry == null) {
      return;
    }
    try {
      if (capture.isEventLevel(level)) {
        if (Sentry.getClient().isEnabled()) {
          capture.capture(mapper.toRecord(event, level));
        }
      } else if (!breadcrumb(event, level)) { // a Sentry Log record too (enableLogs)
        capture.capture(mapper.toRecord(event, level));
      }
    } catch (Throwable e) { // NOPMD: nothing, Errors included, may reach the code that logged
      // the error handler reports through the StatusLogger, rate-limited
      error("Sentry appender '" + getName() + "' could not capture a log event; dropped", event, e);
      if (!ignoreExceptions()) {
        throw new AppenderLoggingException("Sentry appender '" + getName() + "' failed", e);
      }
    } finally {
      ReentryGuard.exit(entry);
    }
  }

  /**
   * A breadcrumb only: level, logger, time and text, nothing else read or copied. A {@code {}}
   * message not yet formatted whose arguments are immutable (and no layout) is formatted only if an
   * event ever carries the breadcrumb, on the SDK's worker, as the Logback appender does.
   *
   * @return {@code false} when the line needs its whole record instead (see {@link
   *     LogCapture#captureBreadcrumbOnly})
   */
  @SuppressWarnings("deprecation") // Message.getFormat(): the template, which no other method gives
  private boolean breadcrumb(LogEvent event, LogLevel level) {
    org.apache.logging.log4j.core.time.Instant instant = event.getInstant();
    long epochSecond;
    int nano;
    if (instant != null) {
      epochSecond = instant.getEpochSecond();
      nano = instant.getNanoOfSecond();
    } else {
      long millis = event.getTimeMillis();
      epochSecond = Math.floorDiv(millis, 1000L);
      nano = (int) Math.floorMod(millis, 1000L) * 1_000_000;
    }
    Message message = event.getMessage();
    if (message == null) {
      return capture.captureBreadcrumbOnly(
          level, event.getLoggerName(), epochSecond, nano, mapper.text(event), null, null);
    }
    String template = message.getFormat();
    boolean parameterized =
        message instanceof ParameterizedMessage
            || message instanceof ReusableParameterizedMessage
            || isReusedTemplate(message, template);
    if (parameterized
        && message instanceof ReusableMessage
        && message instanceof ParameterVisitable
        && ((ReusableMessage) message).getParameterCount() == 1
        && getLayout() == null
        && template != null) {
      // one argument, read without Log4j's copy of its array (the holder does not escape)
      Object[] one = new Object[1];
      ((ParameterVisitable) message).forEachParameter(FIRST_ARGUMENT, one);
      Object arg = one[0];
      if (arg != template && LogCapture.isImmutableValue(arg)) { // else see below
        return capture.captureBreadcrumbOnly(
            level, event.getLoggerName(), epochSecond, nano, FORMAT, template, arg);
      }
    }
    // else the arguments are copied out of the event only if the deny-list needs them
    Object[] args =
        parameterized || LogCapture.argumentsMatterFor(template) ? message.getParameters() : null;
    if (parameterized
        && !(message instanceof ParameterizedMessage)
        && args != null
        && args.length == 1
        && args[0] == template) { // a reused object message: its "template" is its one argument
      parameterized = false;
      args = LogCapture.argumentsMatterFor(template) ? args : null;
    }
    if (parameterized
        && getLayout() == null
        && template != null
        && args != null
        && args.length > 0
        && LogCapture.isImmutable(args)) {
      return capture.captureBreadcrumbOnly(
          level, event.getLoggerName(), epochSecond, nano, FORMAT, template, args);
    }
    return capture.captureBreadcrumbOnly(
        level, event.getLoggerName(), epochSecond, nano, mapper.text(event), template, args);
  }

  /**
   * Whether {@code message} is Log4j's own reusable event made from a {@code {}} template (the
   * default outside web apps: {@code getMessage()} is the event, whose text Log4j formatted when it
   * was made, after a {@code ReusableParameterizedMessage}), so that its template and arguments
   * give its text again: it holds arguments and its template has a {@code {}}. A reused object
   * message passes this test only when its object is a {@code String}, which is then its one
   * argument too: {@link #breadcrumb} checks that after reading the arguments.
   */
  private static boolean isReusedTemplate(Message message, String template) {
    return message instanceof ReusableMessage
        && template != null
        && ((ReusableMessage) message).getParameterCount() > 0
        && LogCapture.hasBracePlaceholder(template);
  }

  /**
   * Stops without waiting on Sentry and, if this appender initialized Sentry, closes it in the
   * background (what is pending is sent by the SDK's threads or kept on disk). Idempotent.
   */
  @Override
  public boolean stop(long timeout, TimeUnit timeUnit) {
    synchronized (lifecycleLock) {
      if (isStopped()) {
        return true;
      }
      setStopping();
      boolean stopped = super.stop(timeout, timeUnit, false);
      try {
        lifecycle.stop(flushTimeout(timeout, timeUnit));
      } catch (RuntimeException e) {
        STATUS.error("Sentry appender '{}' could not flush Sentry: {}", getName(), e.toString());
      }
      setStopped();
      return stopped;
    }
  }

  private static Duration flushTimeout(long timeout, TimeUnit timeUnit) {
    Duration configured = Sentry.getClient().getOptions().getFlushTimeout();
    if (timeout <= 0 || timeUnit == null) {
      return configured;
    }
    Duration given = Duration.ofNanos(timeUnit.toNanos(timeout));
    return given.compareTo(configured) < 0 ? given : configured;
  }

  private static void forwardDiagnostic(Diagnostics.Severity severity, String line) {
    if (severity == Diagnostics.Severity.ERROR) {
      STATUS.error(line);
    } else {
      STATUS.warn(line);
    }
  }

  /**
   * Builds a {@link SentryAppender} from the attributes of {@code <Sentry/>}; every attribute is
   * read as text and validated in {@link #build()}. Not thread-safe.
   */
  public static final class Builder extends AbstractAppender.Builder<Builder>
      implements org.apache.logging.log4j.core.util.Builder<SentryAppender> {
    @PluginBuilderAttribute(sensitive = true)
    private String dsn;

    @PluginBuilderAttribute private String environment;
    @PluginBuilderAttribute private String release;
    @PluginBuilderAttribute private String serverName;
    @PluginBuilderAttribute private String debug;
    @PluginBuilderAttribute private String sampleRate;
    @PluginBuilderAttribute private String tracesSampleRate;
    @PluginBuilderAttribute private String sendDefaultPii;
    @PluginBuilderAttribute private String maxBreadcrumbs;
    @PluginBuilderAttribute private String enableLogs;
    @PluginBuilderAttribute private String minimumEventLevel;
    @PluginBuilderAttribute private String minimumBreadcrumbLevel;
    @PluginBuilderAttribute private String minimumLevel;
    @PluginBuilderAttribute private String contextTags;
    @PluginBuilderAttribute private String mdcAsContext;

    Builder() {}

    /** Option {@code dsn}: Where to send events; unset or empty disables the SDK. */
    public Builder setDsn(String value) {
      this.dsn = value;
      return this;
    }

    /** Option {@code environment}: The environment events belong to. Default {@code production}. */
    public Builder setEnvironment(String value) {
      this.environment = value;
      return this;
    }

    /** Option {@code release}: The release, such as shop@1.4.2. */
    public Builder setRelease(String value) {
      this.release = value;
      return this;
    }

    /** Option {@code serverName}: The server name on events. Default {@code host name}. */
    public Builder setServerName(String value) {
      this.serverName = value;
      return this;
    }

    /** Option {@code debug}: Print the SDK's diagnostics to stderr. Default {@code false}. */
    public Builder setDebug(String value) {
      this.debug = value;
      return this;
    }

    /** Option {@code sampleRate}: Share of error events sent (0.0 to 1.0). Default {@code 1.0}. */
    public Builder setSampleRate(String value) {
      this.sampleRate = value;
      return this;
    }

    /**
     * Option {@code tracesSampleRate}: Share of transactions sent (0.0 to 1.0); unset: no
     * transactions, traces still propagate.
     */
    public Builder setTracesSampleRate(String value) {
      this.tracesSampleRate = value;
      return this;
    }

    /**
     * Option {@code sendDefaultPii}: Let the SDK and integrations collect personal data (user IP,
     * request users, cookies, auth and IP headers). Default {@code false}.
     */
    public Builder setSendDefaultPii(String value) {
      this.sendDefaultPii = value;
      return this;
    }

    /** Option {@code maxBreadcrumbs}: Breadcrumbs kept per scope. Default {@code 100}. */
    public Builder setMaxBreadcrumbs(String value) {
      this.maxBreadcrumbs = value;
      return this;
    }

    /** Option {@code enableLogs}: Send log lines to Sentry Logs. Default {@code false}. */
    public Builder setEnableLogs(String value) {
      this.enableLogs = value;
      return this;
    }

    /** Sets {@code minimumEventLevel} (default ERROR). */
    public Builder setMinimumEventLevel(String value) {
      this.minimumEventLevel = value;
      return this;
    }

    /** Sets {@code minimumBreadcrumbLevel} (default INFO). */
    public Builder setMinimumBreadcrumbLevel(String value) {
      this.minimumBreadcrumbLevel = value;
      return this;
    }

    /** Sets {@code minimumLevel}, the Sentry Logs threshold (default INFO). */
    public Builder setMinimumLevel(String value) {
      this.minimumLevel = value;
      return this;
    }

    /** Sets {@code contextTags}: comma-separated ThreadContext keys that become tags. */
    public Builder setContextTags(String value) {
      this.contextTags = value;
      return this;
    }

    /** Sets {@code mdcAsContext}: other ThreadContext entries go to an {@code MDC} context. */
    public Builder setMdcAsContext(String value) {
      this.mdcAsContext = value;
      return this;
    }

    /**
     * The appender, or {@code null} after reporting the bad value through the StatusLogger (Log4j 2
     * then reports the appender as not created, and the application goes on without it).
     */
    @Override
    public SentryAppender build() {
      String name = getName();
      try {
        Layout<? extends Serializable> layout = getLayout();
        if (layout != null && !(layout instanceof StringLayout)) {
          throw new IllegalArgumentException(
              "Invalid layout "
                  + layout.getClass().getName()
                  + " (expected a layout that writes text, such as PatternLayout)");
        }
        return new SentryAppender(
            name,
            getFilter(),
            (StringLayout) layout,
            isIgnoreExceptions(),
            getPropertyArray(),
            sdkOptions(),
            captureSettings(),
            getConfiguration());
      } catch (IllegalArgumentException e) {
        STATUS.error("Sentry appender '{}' was not created: {}", name, e.getMessage());
        return null;
      }
    }

    private SentryOptions sdkOptions() {
      Settings external = OptionSources.system().readSilently(); // said in the status
      for (String warning : external.warnings()) {
        STATUS.warn("sentry4j: {}", warning);
      }
      SentryOptions.Builder options = SentryOptions.builder().apply(external);
      setIfPresent(options, "dsn", dsn);
      setIfPresent(options, "environment", environment);
      setIfPresent(options, "release", release);
      setIfPresent(options, "serverName", serverName);
      setIfPresent(options, "debug", debug);
      setIfPresent(options, "sampleRate", sampleRate);
      setIfPresent(options, "tracesSampleRate", tracesSampleRate);
      setIfPresent(options, "sendDefaultPii", sendDefaultPii);
      setIfPresent(options, "maxBreadcrumbs", maxBreadcrumbs);
      setIfPresent(options, "enableLogs", enableLogs);
      Property[] properties = getPropertyArray();
      if (properties != null) {
        for (Property property : properties) {
          options.setOption(property.getName(), property.getValue());
        }
      }
      return options.build();
    }

    private static void setIfPresent(SentryOptions.Builder options, String name, String value) {
      if (value != null) {
        options.setOption(name, value);
      }
    }

    private LogCaptureSettings captureSettings() {
      return LogCaptureSettings.builder(INTEGRATION)
          .minimumEventLevel(level("minimumEventLevel", minimumEventLevel))
          .minimumBreadcrumbLevel(level("minimumBreadcrumbLevel", minimumBreadcrumbLevel))
          .minimumLevel(level("minimumLevel", minimumLevel))
          .contextTags(keys(contextTags))
          .mdcAsContext(bool("mdcAsContext", mdcAsContext))
          .build();
    }

    /** A level, or {@code null} (the default) when unset or blank. */
    private static LogLevel level(String attribute, String value) {
      if (value == null || value.trim().isEmpty()) {
        return null;
      }
      try {
        return LogLevel.parse(value);
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException(
            "Invalid value for " + attribute + ": " + e.getMessage(), e);
      }
    }

    private static boolean bool(String attribute, String value) {
      if (value == null || value.trim().isEmpty()) {
        return false;
      }
      try {
        return TextParser.parseBoolean(value);
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException(
            "Invalid value for " + attribute + ": " + e.getMessage(), e);
      }
    }

    private static Set<String> keys(String value) {
      return new LinkedHashSet<>(TextParser.parseList(value));
    }
  }
}
