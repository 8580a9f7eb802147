package dev.sentry4j.log4j2;

import dev.sentry4j.spi.ThrowableStandIn;
import java.util.Arrays;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Set;
import org.apache.logging.log4j.core.impl.ExtendedStackTraceElement;
import org.apache.logging.log4j.core.impl.ThrowableProxy;

/**
 * Rebuilds an exception from a {@link ThrowableProxy} when the event carries only the proxy (it was
 * serialized, or came over a socket): class name, message, stack, causes and suppressed exceptions,
 * as {@link ThrowableStandIn}s.
 */
// ThrowableProxy is deprecated in Log4j 2.25 but remains the only exception data of a deserialized
// event
@SuppressWarnings("deprecation")
final class ThrowableProxies {
  /**
   * Bounds the tree, as the event writer does: a hostile proxy cannot make us loop or recurse deep.
   */
  private static final int MAX_EXCEPTIONS = 50;

  private ThrowableProxies() {}

  /** A stand-in for {@code proxy} and everything attached to it; {@code null} for {@code null}. */
  static Throwable standIn(ThrowableProxy proxy) {
    if (proxy == null) {
      return null;
    }
    if (proxy.getThrowable() != null) {
      return proxy.getThrowable();
    }
    Set<ThrowableProxy> seen = Collections.newSetFromMap(new IdentityHashMap<>());
    return build(proxy, seen);
  }

  private static ThrowableStandIn build(ThrowableProxy proxy, Set<ThrowableProxy> seen) {
    seen.add(proxy);
    String name = proxy.getName() == null ? "java.lang.Throwable" : proxy.getName();
    ThrowableStandIn standIn = new ThrowableStandIn(name, proxy.getMessage(), stack(proxy));
    ThrowableProxy cause = proxy.getCauseProxy();
    if (cause != null && seen.size() < MAX_EXCEPTIONS && !seen.contains(cause)) {
      standIn.initCause(build(cause, seen));
    }
    ThrowableProxy[] suppressed = proxy.getSuppressedProxies();
    if (suppressed != null) {
      for (ThrowableProxy s : suppressed) {
        if (s != null && seen.size() < MAX_EXCEPTIONS && !seen.contains(s)) {
          standIn.addSuppressed(build(s, seen));
        }
      }
    }
    return standIn;
  }

  /**
   * The stack from the extended trace: unlike {@code getStackTrace()}, it survives serialization.
   */
  private static StackTraceElement[] stack(ThrowableProxy proxy) {
    ExtendedStackTraceElement[] extended = proxy.getExtendedStackTrace();
    if (extended == null) {
      return null;
    }
    StackTraceElement[] stack = new StackTraceElement[extended.length];
    int n = 0;
    for (ExtendedStackTraceElement e : extended) {
      if (e != null && e.getStackTraceElement() != null) {
        stack[n++] = e.getStackTraceElement();
      }
    }
    return n == stack.length ? stack : Arrays.copyOf(stack, n);
  }
}
