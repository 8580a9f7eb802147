package dev.sentry4j.logback;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.classic.spi.StackTraceElementProxy;
import ch.qos.logback.classic.spi.ThrowableProxy;
import dev.sentry4j.logs.LogLevel;
import dev.sentry4j.spi.ThrowableStandIn;
import dev.sentry4j.spi.logging.LogRecord;
import java.util.Arrays;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.slf4j.Marker;
import org.slf4j.event.KeyValuePair;

/**
 * Reads a Logback event into the neutral {@link LogRecord}, using only what the event holds or has
 * already computed: caller data is taken only when something else asked Logback for it. Thread-safe
 * (stateless).
 */
final class LogbackRecords {
  /** Bounds on marker graphs and rebuilt exception trees: user data can be cyclic or huge. */
  static final int MAX_MARKERS = 32;

  static final int MAX_MARKER_DEPTH = 8;
  static final int MAX_STAND_INS = 50;

  private LogbackRecords() {}

  /** Logback's level as a neutral level; a switch on an int, no allocation. */
  static LogLevel level(Level level) {
    if (level == null) {
      return LogLevel.TRACE;
    }
    switch (level.levelInt) {
      case Level.ERROR_INT:
        return LogLevel.ERROR;
      case Level.WARN_INT:
        return LogLevel.WARN;
      case Level.INFO_INT:
        return LogLevel.INFO;
      case Level.DEBUG_INT:
        return LogLevel.DEBUG;
      default:
        return level.levelInt > Level.ERROR_INT ? LogLevel.ERROR : LogLevel.TRACE;
    }
  }

  /**
   * The neutral record of {@code event}.
   *
   * @param text the message text (the encoder's output, or Logback's formatted message)
   * @param encoded whether {@code text} is an encoder's output
   */
  static LogRecord toRecord(ILoggingEvent event, LogLevel level, String text, boolean encoded) {
    boolean onLoggingThread = LoggedTrace.isOnLoggingThread(event);
    return LogRecord.builder(level)
        .loggerName(event.getLoggerName())
        .thread(event.getThreadName(), onLoggingThread ? currentThreadId() : -1)
        .timestamp(event.getInstant())
        .template(event.getMessage(), arguments(event.getArgumentArray()))
        .formattedMessage(text)
        .layoutText(encoded)
        .throwable(throwable(event.getThrowableProxy()))
        .mdc(event.getMDCPropertyMap())
        .markers(markerNames(event.getMarkerList()))
        .keyValues(keyValues(event.getKeyValuePairs()))
        .source(source(event))
        .trace(LoggedTrace.forEvent(event, onLoggingThread))
        .build();
  }

  @SuppressWarnings("deprecation") // Thread.getId(): threadId() needs Java 19
  private static long currentThreadId() {
    return Thread.currentThread().getId();
  }

  static List<Object> arguments(Object[] args) {
    return args == null || args.length == 0 ? Collections.emptyList() : Arrays.asList(args);
  }

  /** Where the line was logged, if Logback already computed it (never forces the stack walk). */
  static StackTraceElement source(ILoggingEvent event) {
    if (!event.hasCallerData()) {
      return null;
    }
    StackTraceElement[] callerData = event.getCallerData();
    return callerData == null || callerData.length == 0 ? null : callerData[0];
  }

  /** The names of the markers and of everything they reference, in order, without repeats. */
  static List<String> markerNames(List<Marker> markers) {
    if (markers == null || markers.isEmpty()) {
      return Collections.emptyList();
    }
    Set<String> names = new LinkedHashSet<>();
    for (Marker marker : markers) {
      addMarker(marker, names, 0);
    }
    return List.copyOf(names);
  }

  private static void addMarker(Marker marker, Set<String> names, int depth) {
    if (marker == null || depth > MAX_MARKER_DEPTH || names.size() >= MAX_MARKERS) {
      return;
    }
    String name = marker.getName();
    if (name == null || !names.add(name)) {
      return; // seen already: also what stops cycles
    }
    if (marker.hasReferences()) {
      Iterator<Marker> references = marker.iterator();
      while (references.hasNext()) {
        addMarker(references.next(), names, depth + 1);
      }
    }
  }

  /** SLF4J 2 key-value pairs in order, values as given (a later pair wins over the same key). */
  static Map<String, Object> keyValues(List<KeyValuePair> pairs) {
    if (pairs == null || pairs.isEmpty()) {
      return Collections.emptyMap();
    }
    Map<String, Object> out = new LinkedHashMap<>();
    for (KeyValuePair pair : pairs) {
      if (pair != null) {
        out.put(String.valueOf(pair.key), pair.value);
      }
    }
    return Collections.unmodifiableMap(out);
  }

  /**
   * The event's exception: the original object when the event still has it, else (a deserialized
   * event) a {@link ThrowableStandIn} tree with the same class names, messages, frames, causes and
   * suppressed exceptions.
   */
  static Throwable throwable(IThrowableProxy proxy) {
    if (proxy == null) {
      return null;
    }
    if (proxy instanceof ThrowableProxy) {
      Throwable original = ((ThrowableProxy) proxy).getThrowable();
      if (original != null) {
        return original;
      }
    }
    Set<IThrowableProxy> seen = Collections.newSetFromMap(new IdentityHashMap<>());
    seen.add(proxy);
    return standIn(proxy, seen);
  }

  private static ThrowableStandIn standIn(IThrowableProxy proxy, Set<IThrowableProxy> seen) {
    ThrowableStandIn standIn =
        new ThrowableStandIn(proxy.getClassName(), proxy.getMessage(), frames(proxy));
    IThrowableProxy cause = proxy.getCause();
    if (isNew(cause, seen)) {
      standIn.initCause(standIn(cause, seen));
    }
    IThrowableProxy[] suppressed = proxy.getSuppressed();
    if (suppressed != null) {
      for (IThrowableProxy s : suppressed) {
        if (isNew(s, seen)) {
          standIn.addSuppressed(standIn(s, seen));
        }
      }
    }
    return standIn;
  }

  private static boolean isNew(IThrowableProxy proxy, Set<IThrowableProxy> seen) {
    return proxy != null && !proxy.isCyclic() && seen.size() < MAX_STAND_INS && seen.add(proxy);
  }

  private static StackTraceElement[] frames(IThrowableProxy proxy) {
    StackTraceElementProxy[] proxies = proxy.getStackTraceElementProxyArray();
    if (proxies == null) {
      return new StackTraceElement[0];
    }
    StackTraceElement[] frames = new StackTraceElement[proxies.length];
    int n = 0;
    for (StackTraceElementProxy p : proxies) {
      if (p != null && p.getStackTraceElement() != null) {
        frames[n++] = p.getStackTraceElement();
      }
    }
    return n == frames.length ? frames : Arrays.copyOf(frames, n);
  }
}
