package dev.sentry4j.internal.json;

import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.util.List;

/**
 * Writes Java stack traces as Sentry frames: oldest call first, {@code in_app} from the include and
 * exclude prefixes, the middle of very deep stacks left out. Internal, may change. Thread-safe.
 */
final class StackFrames {
  /** Frames kept at each end of a stack deeper than twice this. */
  static final int KEEP_EACH_END = 128;

  private static final String[] PLATFORM_PREFIXES = {
    "java.", "javax.", "jdk.", "sun.", "com.sun.", "kotlin.", "scala.", "org.junit.",
  };

  private static final String[] SDK_AND_LOGGING_PREFIXES = {
    "dev.sentry4j.Sentry",
    "dev.sentry4j.scope.",
    "dev.sentry4j.internal.",
    "dev.sentry4j.spi.",
    "dev.sentry4j.logback.",
    "dev.sentry4j.log4j2.",
    "dev.sentry4j.jul.",
    "ch.qos.logback.",
    "org.slf4j.",
    "org.apache.logging.log4j.",
    "java.util.logging.",
    "sun.util.logging.",
  };

  private final List<String> inAppIncludes;
  private final List<String> inAppExcludes;

  StackFrames(List<String> inAppIncludes, List<String> inAppExcludes) {
    this.inAppIncludes = inAppIncludes;
    this.inAppExcludes = inAppExcludes;
  }

  /** Writes {@code "stacktrace":{"frames":[...]}} for a stack in Java order (newest first). */
  void write(JsonGenerator g, StackTraceElement[] stack, boolean skipSdkFrames) throws IOException {
    int newest = 0;
    if (skipSdkFrames) {
      while (newest < stack.length - 1 && isSdkOrLogging(stack[newest].getClassName())) {
        newest++;
      }
    }
    int count = stack.length - newest;
    if (count <= 0) {
      return;
    }
    g.writeObjectFieldStart("stacktrace");
    g.writeArrayFieldStart("frames");
    for (int i = stack.length - 1; i >= newest; i--) {
      int fromOldest = stack.length - 1 - i;
      int fromNewest = i - newest;
      if (count > 2 * KEEP_EACH_END && fromOldest >= KEEP_EACH_END && fromNewest >= KEEP_EACH_END) {
        continue;
      }
      writeFrame(g, stack[i]);
    }
    g.writeEndArray();
    g.writeEndObject();
  }

  private void writeFrame(JsonGenerator g, StackTraceElement frame) throws IOException {
    g.writeStartObject();
    String className = frame.getClassName();
    g.writeStringField("module", className);
    g.writeStringField("function", frame.getMethodName());
    Json.writeString(g, "filename", frame.getFileName());
    if (frame.getLineNumber() > 0) {
      g.writeNumberField("lineno", frame.getLineNumber());
    }
    Boolean inApp = inApp(className);
    if (inApp != null) {
      g.writeBooleanField("in_app", inApp);
    }
    g.writeEndObject();
  }

  Boolean inApp(String className) {
    for (String prefix : inAppIncludes) {
      if (className.startsWith(prefix)) {
        return Boolean.TRUE;
      }
    }
    for (String prefix : inAppExcludes) {
      if (className.startsWith(prefix)) {
        return Boolean.FALSE;
      }
    }
    for (String prefix : PLATFORM_PREFIXES) {
      if (className.startsWith(prefix)) {
        return Boolean.FALSE;
      }
    }
    if (isSdkOrLogging(className)) {
      return Boolean.FALSE;
    }
    return inAppIncludes.isEmpty() ? null : Boolean.FALSE;
  }

  static boolean isSdkOrLogging(String className) {
    for (String prefix : SDK_AND_LOGGING_PREFIXES) {
      if (className.startsWith(prefix)) {
        return true;
      }
    }
    return false;
  }
}
