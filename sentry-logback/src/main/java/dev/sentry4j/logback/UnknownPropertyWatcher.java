package dev.sentry4j.logback;

import ch.qos.logback.core.status.Status;
import ch.qos.logback.core.status.StatusListener;
import dev.sentry4j.spi.config.OptionRegistry;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Catches the warnings Joran gives for elements it could not bind on the appender or its {@code
 * <options>}, so that the appender can refuse a typo instead of silently running without the
 * setting. Joran only warns ({@code Ignoring unknown property [x] in [class]}) and moves on.
 * Thread-safe.
 */
final class UnknownPropertyWatcher implements StatusListener {
  private static final String PREFIX = "Ignoring unknown property [";
  private static final String OUR_PACKAGE = "dev.sentry4j.logback.";
  private static final int MAX_KEPT = 50;

  /**
   * sentry-java {@code SentryOptions} properties that a logback.xml written for sentry-java may
   * hold and that have no sentry4j equivalent: accepted with a warning, so that such a file still
   * works after changing only the class name. The list is the registry's, shared with
   * sentry.properties.
   */
  static final Set<String> SENTRY_JAVA_ONLY = OptionRegistry.sentryJavaOnly();

  /** One element Joran could not bind. */
  static final class Unknown {
    final String element;
    final String className;

    Unknown(String element, String className) {
      this.element = element;
      this.className = className;
    }

    boolean isSentryJavaOnly() {
      return OptionRegistry.isSentryJavaOnly(element);
    }

    String where() {
      if (className.endsWith("SentryAppender")) {
        return "the appender";
      }
      return className.endsWith("$Logs") ? "<options><logs>" : "<options>";
    }
  }

  private final List<Unknown> found = new ArrayList<>();

  @Override
  public void addStatusEvent(Status status) {
    String message = status == null ? null : status.getMessage();
    if (message == null || !message.startsWith(PREFIX)) {
      return;
    }
    int nameEnd = message.indexOf(']', PREFIX.length());
    int classStart = nameEnd < 0 ? -1 : message.indexOf('[', nameEnd);
    int classEnd = classStart < 0 ? -1 : message.indexOf(']', classStart);
    if (classEnd < 0) {
      return;
    }
    String className = message.substring(classStart + 1, classEnd);
    if (!className.startsWith(OUR_PACKAGE)) {
      return;
    }
    synchronized (found) {
      if (found.size() < MAX_KEPT) {
        found.add(new Unknown(message.substring(PREFIX.length(), nameEnd), className));
      }
    }
  }

  /** What was caught so far. */
  List<Unknown> unknown() {
    synchronized (found) {
      return List.copyOf(found);
    }
  }
}
