package dev.sentry4j.jul;

import dev.sentry4j.logs.LogLevel;
import dev.sentry4j.spi.logging.LogCapture;
import dev.sentry4j.spi.logging.LogRecord;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;

/**
 * Reads a {@link java.util.logging.LogRecord} into the neutral {@link LogRecord}, on the logging
 * thread. A breadcrumb needs only the level, logger, time and text, so a line that can only become
 * a breadcrumb skips the rest (thread, MDC, source inference, trace).
 */
final class JulRecords {
  /** {@code LogRecord.getLongThreadID()} on Java 16+; the int id is ambiguous past 2^31 threads. */
  private static final MethodHandle LONG_THREAD_ID = findLongThreadId();

  private JulRecords() {}

  /**
   * The text of a record that becomes only a breadcrumb: its message formatted as JUL's {@code
   * Formatter.formatMessage} would (bundle lookup, then the parameters), or with {@link
   * String#format} when {@code printfStyle} is on.
   */
  static String text(java.util.logging.LogRecord jul, boolean printfStyle) {
    return JulMessages.format(JulMessages.template(jul), jul.getParameters(), printfStyle);
  }

  /**
   * The whole neutral record, for an error event or a Sentry Log record: text, template and
   * parameters, thread, exception, MDC, source and trace.
   */
  static LogRecord read(java.util.logging.LogRecord jul, LogLevel level, boolean printfStyle) {
    String template = JulMessages.template(jul);
    Object[] params = jul.getParameters();
    LogRecord.Builder b =
        LogRecord.builder(level)
            .loggerName(jul.getLoggerName())
            .timestamp(jul.getInstant())
            .formattedMessage(JulMessages.format(template, params, printfStyle));
    List<Object> args =
        params == null || params.length == 0 ? Collections.emptyList() : Arrays.asList(params);
    long threadId = threadId(jul);
    return b.template(template, args)
        .thread(threadName(threadId), threadId)
        .throwable(jul.getThrown())
        .mdc(Mdc.snapshot())
        .source(source(jul))
        .trace(LogCapture.currentTrace())
        .build();
  }

  /**
   * The name of the thread that logged. {@code publish} normally runs on that thread; a record
   * handed over by an asynchronous handler is named after its id instead of the wrong thread.
   */
  static String threadName(long threadId) {
    Thread current = Thread.currentThread();
    return current.getId() == threadId ? current.getName() : "thread-" + threadId;
  }

  /** The record's thread id, exact on Java 16+. */
  static long threadId(java.util.logging.LogRecord jul) {
    if (LONG_THREAD_ID != null) {
      try {
        return (long) LONG_THREAD_ID.invokeExact(jul);
      } catch (
          Throwable e) { // NOPMD: invokeExact declares Throwable; the getter itself cannot fail
        // fall back to the int id
      }
    }
    return jul.getThreadID();
  }

  /**
   * The source class and method. Asking for them makes JUL infer the caller from the stack (unless
   * a bridge set them), so this runs for events only.
   */
  private static StackTraceElement source(java.util.logging.LogRecord jul) {
    String className = jul.getSourceClassName();
    if (className == null) {
      return null;
    }
    String method = jul.getSourceMethodName();
    return new StackTraceElement(className, method == null ? "" : method, null, -1);
  }

  private static MethodHandle findLongThreadId() {
    try {
      return MethodHandles.publicLookup()
          .findVirtual(
              java.util.logging.LogRecord.class,
              "getLongThreadID",
              MethodType.methodType(long.class));
    } catch (NoSuchMethodException | IllegalAccessException e) {
      return null; // Java 11 to 15
    }
  }
}
