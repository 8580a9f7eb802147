package dev.sentry4j.spi;

/**
 * A throwable rebuilt from a description when the original object is gone: a log event that was
 * serialized and read back (Logback's {@code ThrowableProxyVO}, Log4j 2's {@code ThrowableProxy}
 * after deserialization) still names the exception's class, message, frames, cause and suppressed
 * exceptions. Sentry shows a stand-in exactly like the original: the {@linkplain #getClassName()
 * original class name} is the exception's type.
 *
 * <pre>{@code
 * ThrowableStandIn t = new ThrowableStandIn("java.io.IOException", "reset", frames);
 * t.initCause(new ThrowableStandIn("java.net.SocketException", "closed", causeFrames));
 * }</pre>
 *
 * Causes are set with {@link #initCause}, suppressed exceptions with {@link #addSuppressed}.
 * Creating one does not walk the creating thread's stack.
 */
public final class ThrowableStandIn extends Throwable {
  private static final long serialVersionUID = 1L;

  private final String className;

  /**
   * Creates a stand-in.
   *
   * @param className the original exception's fully qualified class name
   * @param message the original message, or {@code null}
   * @param stackTrace the original frames, newest first; {@code null} for none
   */
  public ThrowableStandIn(String className, String message, StackTraceElement[] stackTrace) {
    super(message);
    this.className = className == null || className.isEmpty() ? "java.lang.Throwable" : className;
    setStackTrace(stackTrace == null ? new StackTraceElement[0] : stackTrace);
  }

  /** The original exception's fully qualified class name. */
  public String getClassName() {
    return className;
  }

  /** The stand-in has the original's frames; this thread's stack is not wanted. */
  @Override
  public synchronized Throwable fillInStackTrace() {
    return this;
  }

  @Override
  public String toString() {
    String message = getLocalizedMessage();
    return message == null ? className : className + ": " + message;
  }
}
