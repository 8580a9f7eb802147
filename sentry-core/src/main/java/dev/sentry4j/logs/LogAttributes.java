package dev.sentry4j.logs;

/**
 * The names of the attributes sentry4j writes on Sentry Logs, in one place. Names follow Sentry's
 * ({@code sentry.*}) and OpenTelemetry's semantic conventions ({@code thread.*}, {@code code.*},
 * {@code exception.*}, {@code server.address}, {@code user.*}) and the Python SDK's {@code
 * logger.name}. The package documentation says which record carries which.
 */
public final class LogAttributes {
  /** {@code auto.log.<integration>} on lines from a logging adapter; absent on API logs. */
  public static final String ORIGIN = "sentry.origin";

  /** The message template; only written with at least one parameter. */
  public static final String MESSAGE_TEMPLATE = "sentry.message.template";

  /** Prefix of the template's parameters: {@code sentry.message.parameter.0}, {@code .1}, ... */
  public static final String MESSAGE_PARAMETER_PREFIX = "sentry.message.parameter.";

  /** The {@code environment} option. */
  public static final String ENVIRONMENT = "sentry.environment";

  /** The {@code release} option, when set. */
  public static final String RELEASE = "sentry.release";

  /** The SDK's name ({@code sentry4j.java}). */
  public static final String SDK_NAME = "sentry.sdk.name";

  /** The SDK's version. */
  public static final String SDK_VERSION = "sentry.sdk.version";

  /** The {@code serverName} option, else the host name (the event's {@code server_name}). */
  public static final String SERVER_ADDRESS = "server.address";

  /** The logger's name (adapter lines). */
  public static final String LOGGER_NAME = "logger.name";

  /** The name of the thread that logged (adapter lines). */
  public static final String THREAD_NAME = "thread.name";

  /** The id of the thread that logged (adapter lines). */
  public static final String THREAD_ID = "thread.id";

  /** Prefix of MDC / ThreadContext entries: MDC key {@code tenant} becomes {@code mdc.tenant}. */
  public static final String MDC_PREFIX = "mdc.";

  /** The line's marker names, comma-separated (as the event tag {@code marker}). */
  public static final String MARKER = "marker";

  /** The class name of the line's throwable. */
  public static final String EXCEPTION_TYPE = "exception.type";

  /** The message of the line's throwable. */
  public static final String EXCEPTION_MESSAGE = "exception.message";

  /** Class and method that logged, when the framework computed the caller ({@code a.B.method}). */
  public static final String CODE_FUNCTION_NAME = "code.function.name";

  /** Source file that logged, when the framework computed the caller. */
  public static final String CODE_FILE_PATH = "code.file.path";

  /** Source line that logged, when the framework computed the caller. */
  public static final String CODE_LINE_NUMBER = "code.line.number";

  /** The scope user's id (only with {@code sendDefaultPii}). */
  public static final String USER_ID = "user.id";

  /** The scope user's username (only with {@code sendDefaultPii}). */
  public static final String USER_NAME = "user.name";

  /** The scope user's email (only with {@code sendDefaultPii}). */
  public static final String USER_EMAIL = "user.email";

  private static final String[] PARAMETERS = new String[16];

  static {
    for (int i = 0; i < PARAMETERS.length; i++) {
      PARAMETERS[i] = MESSAGE_PARAMETER_PREFIX + i;
    }
  }

  private LogAttributes() {}

  /** {@code sentry.message.parameter.<index>} (made once for the first sixteen). */
  public static String messageParameter(int index) {
    return index >= 0 && index < PARAMETERS.length
        ? PARAMETERS[index]
        : MESSAGE_PARAMETER_PREFIX + index;
  }
}
