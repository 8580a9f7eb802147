package dev.sentry4j.internal.json;

import com.fasterxml.jackson.core.JsonGenerator;
import dev.sentry4j.internal.Strings;
import dev.sentry4j.spi.ThrowableStandIn;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;
import java.util.function.UnaryOperator;

/**
 * Writes a throwable with its causes and suppressed exceptions as {@code exception.values}: the
 * captured exception last with {@code exception_id} 0, every other one pointing at its parent,
 * cycles cut, at most {@value #MAX_EXCEPTIONS} exceptions. Runs on the worker. Internal, may
 * change.
 */
final class ExceptionWriter {
  static final int MAX_EXCEPTIONS = 50;
  static final int MAX_VALUE_LENGTH = 8192;

  private final StackFrames frames;
  private final UnaryOperator<String> messageFilter;

  ExceptionWriter(StackFrames frames, UnaryOperator<String> messageFilter) {
    this.frames = frames;
    this.messageFilter = messageFilter;
  }

  /** One exception in the tree. */
  private static final class Node {
    final Throwable throwable;
    final int id;
    final int parentId;
    final String source;

    Node(Throwable throwable, int id, int parentId, String source) {
      this.throwable = throwable;
      this.id = id;
      this.parentId = parentId;
      this.source = source;
    }
  }

  void write(JsonGenerator g, Throwable root, String mechanismType, boolean handled, long threadId)
      throws IOException {
    List<Node> nodes = flatten(root);
    g.writeObjectFieldStart("exception");
    g.writeArrayFieldStart("values");
    for (int i = nodes.size() - 1; i >= 0; i--) {
      writeOne(g, nodes.get(i), mechanismType, handled, threadId, nodes.size() > 1);
    }
    g.writeEndArray();
    g.writeEndObject();
  }

  /** Depth-first, pre-order: the captured exception first, then its cause, then suppressed ones. */
  private static List<Node> flatten(Throwable root) {
    List<Node> out = new ArrayList<>();
    Set<Throwable> seen = Collections.newSetFromMap(new IdentityHashMap<>());
    visit(root, -1, null, out, seen);
    return out;
  }

  private static void visit(
      Throwable t, int parentId, String source, List<Node> out, Set<Throwable> seen) {
    if (t == null || out.size() >= MAX_EXCEPTIONS || !seen.add(t)) {
      return;
    }
    int id = out.size();
    out.add(new Node(t, id, parentId, source));
    visit(t.getCause(), id, "cause", out, seen);
    Throwable[] suppressed = t.getSuppressed();
    for (int i = 0; i < suppressed.length; i++) {
      visit(suppressed[i], id, "suppressed[" + i + "]", out, seen);
    }
  }

  private void writeOne(
      JsonGenerator g,
      Node node,
      String mechanismType,
      boolean handled,
      long threadId,
      boolean chain)
      throws IOException {
    Throwable t = node.throwable;
    g.writeStartObject();
    String className =
        t instanceof ThrowableStandIn
            ? ((ThrowableStandIn) t).getClassName()
            : t.getClass().getName();
    int dot = className.lastIndexOf('.');
    g.writeStringField("type", dot < 0 ? className : className.substring(dot + 1));
    if (dot > 0) {
      g.writeStringField("module", className.substring(0, dot));
    }
    String message = messageFilter.apply(message(t));
    if (message != null) {
      g.writeStringField("value", Strings.truncate(message, MAX_VALUE_LENGTH));
    }
    if (threadId >= 0) {
      g.writeNumberField("thread_id", threadId);
    }
    g.writeObjectFieldStart("mechanism");
    if (node.id == 0) {
      g.writeStringField("type", mechanismType == null ? "generic" : mechanismType);
    } else {
      g.writeStringField("type", node.source.startsWith("suppressed") ? "suppressed" : "chained");
    }
    g.writeBooleanField("handled", handled);
    if (chain) {
      g.writeNumberField("exception_id", node.id);
      if (node.parentId >= 0) {
        g.writeNumberField("parent_id", node.parentId);
        g.writeStringField("source", node.source);
      }
    }
    g.writeEndObject();
    StackTraceElement[] stack = t.getStackTrace();
    if (stack != null && stack.length > 0) {
      frames.write(g, stack, false);
    }
    g.writeEndObject();
  }

  private static String message(Throwable t) {
    try {
      return t.getMessage();
    } catch (RuntimeException e) {
      return "[getMessage() threw " + e.getClass().getName() + "]";
    }
  }
}
