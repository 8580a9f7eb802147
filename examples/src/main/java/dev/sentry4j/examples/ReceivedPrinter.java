package dev.sentry4j.examples;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sentry4j.testing.ReceivedClientReport;
import dev.sentry4j.testing.ReceivedEnvelope;
import dev.sentry4j.testing.ReceivedEvent;
import dev.sentry4j.testing.ReceivedItem;
import dev.sentry4j.testing.ReceivedLog;
import dev.sentry4j.testing.SentryReceiver;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Prints what the local receiver got, the way a person wants to read it: each event, each Sentry
 * Log item, then every trace as one tree — transactions, their spans, the transactions of other
 * services that continued the trace, and the events captured inside — with the console lines that
 * carry its trace id, then the client reports.
 */
final class ReceivedPrinter {
  private static final List<String> SHOWN_ITEMS =
      List.of("event", "transaction", "log", "client_report");

  private final PrintStream out;

  ReceivedPrinter(PrintStream out) {
    this.out = out;
  }

  /** Prints everything {@code receiver} holds; {@code console} are the lines the demo printed. */
  void print(SentryReceiver receiver, List<String> console) {
    List<ReceivedEnvelope> envelopes = receiver.envelopes();
    List<ReceivedEvent> events = receiver.events();
    List<ReceivedEvent> transactions = receiver.transactions();
    List<ReceivedLog> logs = receiver.logs();
    out.println("--- what Sentry received: " + envelopes.size() + " envelope(s) ---");
    for (ReceivedEvent event : events) {
      printEvent(event);
    }
    if (!logs.isEmpty()) {
      out.println("LOGS (" + logs.size() + ")");
      for (ReceivedLog log : logs) {
        out.printf(
            "  %-5s %s%s  trace=%s%n", log.level(), log.body(), attributes(log), log.traceId());
      }
    }
    for (String traceId : traceIds(events, transactions, logs)) {
      printTrace(traceId, events, transactions, logs, console);
    }
    for (ReceivedClientReport report : receiver.clientReports()) {
      List<String> parts = new ArrayList<>();
      for (ReceivedClientReport.Discard d : report.discarded()) {
        parts.add(d.quantity() + " " + d.category() + " (" + d.reason() + ")");
      }
      out.println(
          "CLIENT REPORT  dropped: " + (parts.isEmpty() ? "nothing" : String.join(", ", parts)));
    }
    for (ReceivedEnvelope envelope : envelopes) {
      for (ReceivedItem item : envelope.items()) {
        if (!SHOWN_ITEMS.contains(item.type())) {
          out.println("ITEM " + item.type() + " (" + item.payload().length + " bytes)");
        }
      }
    }
    for (String bad : receiver.malformed()) {
      out.println("MALFORMED " + bad);
    }
  }

  // ---------------------------------------------------------------- events

  private void printEvent(ReceivedEvent e) {
    out.printf("EVENT %-7s %s%n", e.level(), quoted(e.message()));
    if (e.logger() != null) {
      out.println("  logger       " + e.logger());
    }
    if (!e.tags().isEmpty()) {
      out.println("  tags         " + e.tags());
    }
    JsonNode user = e.user();
    if (user != null && !user.isNull() && !user.isMissingNode()) {
      out.println("  user         " + user);
    }
    List<JsonNode> crumbs = e.breadcrumbs();
    out.println(
        "  breadcrumbs  "
            + crumbs.size()
            + (crumbs.isEmpty()
                ? ""
                : " (last: " + crumbs.get(crumbs.size() - 1).path("message").asText() + ")"));
    out.println("  trace        " + e.traceId() + " span " + e.spanId());
    List<JsonNode> exceptions = e.exceptions();
    for (int i = exceptions.size() - 1; i >= 0; i--) {
      JsonNode x = exceptions.get(i);
      String prefix = i == exceptions.size() - 1 ? "  exception    " : "  caused by    ";
      out.println(
          prefix
              + x.path("module").asText("")
              + "."
              + x.path("type").asText()
              + ": "
              + x.path("value").asText("")
              + topFrame(x));
    }
    JsonNode extra = e.extra();
    if (extra != null && extra.size() > 0) {
      out.println("  extra        " + extra);
    }
  }

  private static String quoted(String text) {
    return text == null ? "(no message)" : '"' + text + '"';
  }

  /** The innermost frame of the application's own code, where it was thrown. */
  private static String topFrame(JsonNode exception) {
    JsonNode frames = exception.path("stacktrace").path("frames");
    for (int i = frames.size() - 1; i >= 0; i--) {
      JsonNode f = frames.get(i);
      if (!f.path("in_app").isBoolean() || f.path("in_app").asBoolean()) {
        return "  at "
            + f.path("module").asText()
            + "."
            + f.path("function").asText()
            + "("
            + f.path("filename").asText("?")
            + ":"
            + f.path("lineno").asText("?")
            + ")";
      }
    }
    return "";
  }

  private static String attributes(ReceivedLog log) {
    StringBuilder sb = new StringBuilder();
    for (Map.Entry<String, JsonNode> a : log.attributes().entrySet()) {
      String key = a.getKey();
      if (key.startsWith("sentry.") || key.startsWith("thread.") || key.equals("server.address")) {
        continue; // the same on every item, or nearly
      }
      sb.append(sb.length() == 0 ? "  {" : ", ")
          .append(key)
          .append('=')
          .append(a.getValue().asText());
    }
    return sb.length() == 0 ? "" : sb.append('}').toString();
  }

  // ---------------------------------------------------------------- traces

  private static Set<String> traceIds(
      List<ReceivedEvent> events, List<ReceivedEvent> transactions, List<ReceivedLog> logs) {
    Set<String> ids = new LinkedHashSet<>();
    for (ReceivedEvent tx : transactions) {
      ids.add(tx.traceId());
    }
    for (ReceivedEvent e : events) {
      ids.add(e.traceId());
    }
    for (ReceivedLog l : logs) {
      ids.add(l.traceId());
    }
    ids.remove(null);
    return ids;
  }

  /** One node of a trace: a transaction, a span or an event, under its parent span. */
  private static final class Node {
    final String id;
    final String parentId;
    final double start;
    final String text;
    final List<Node> children = new ArrayList<>();

    Node(String id, String parentId, double start, String text) {
      this.id = id;
      this.parentId = parentId;
      this.start = start;
      this.text = text;
    }
  }

  private void printTrace(
      String traceId,
      List<ReceivedEvent> events,
      List<ReceivedEvent> transactions,
      List<ReceivedLog> logs,
      List<String> console) {
    Map<String, Node> spans = new LinkedHashMap<>();
    List<Node> nodes = new ArrayList<>();
    int transactionCount = 0;
    for (ReceivedEvent tx : transactions) {
      if (!traceId.equals(tx.traceId())) {
        continue;
      }
      transactionCount++;
      JsonNode json = tx.json();
      JsonNode trace = json.path("contexts").path("trace");
      Node root =
          new Node(
              trace.path("span_id").asText(),
              text(trace.get("parent_span_id")),
              json.path("start_timestamp").asDouble(),
              "TRANSACTION "
                  + tx.transaction()
                  + " ("
                  + trace.path("op").asText("?")
                  + ")  "
                  + millis(json.path("start_timestamp"), json.path("timestamp"))
                  + "  "
                  + trace.path("status").asText("?"));
      spans.put(root.id, root);
      nodes.add(root);
      for (JsonNode s : tx.spans()) {
        Node span =
            new Node(
                s.path("span_id").asText(),
                s.path("parent_span_id").asText(),
                s.path("start_timestamp").asDouble(),
                s.path("op").asText("?")
                    + " "
                    + s.path("description").asText("")
                    + "  "
                    + millis(s.path("start_timestamp"), s.path("timestamp"))
                    + "  "
                    + s.path("status").asText("?"));
        spans.put(span.id, span);
        nodes.add(span);
      }
    }
    int eventCount = 0;
    for (ReceivedEvent e : events) {
      if (traceId.equals(e.traceId())) {
        eventCount++;
        nodes.add(
            new Node(
                null,
                e.spanId(),
                e.json().path("timestamp").asDouble(),
                "● EVENT " + e.level() + " " + quoted(shorten(e.message()))));
      }
    }
    List<Node> roots = new ArrayList<>();
    for (Node n : nodes) {
      Node parent = n.parentId == null ? null : spans.get(n.parentId);
      if (parent != null && parent != n) {
        parent.children.add(n);
      } else {
        roots.add(n);
      }
    }
    long logCount = logs.stream().filter(l -> traceId.equals(l.traceId())).count();
    long lineCount = console.stream().filter(line -> line.contains(traceId)).count();
    out.println(
        "TRACE "
            + traceId
            + "  ("
            + plural(transactionCount, "transaction")
            + ", "
            + plural(eventCount, "event")
            + ", "
            + plural((int) logCount, "log item")
            + ", "
            + plural((int) lineCount, "console line")
            + " with this id)");
    printNodes(roots, "  ");
  }

  private void printNodes(List<Node> nodes, String indent) {
    nodes.sort((a, b) -> Double.compare(a.start, b.start));
    for (int i = 0; i < nodes.size(); i++) {
      boolean last = i == nodes.size() - 1;
      out.println(indent + (last ? "└─ " : "├─ ") + nodes.get(i).text);
      printNodes(nodes.get(i).children, indent + (last ? "   " : "│  "));
    }
  }

  private static String text(JsonNode node) {
    return node == null || node.isNull() ? null : node.asText();
  }

  private static String shorten(String text) {
    return text == null || text.length() <= 60 ? text : text.substring(0, 57) + "...";
  }

  private static String plural(int n, String noun) {
    return n + " " + noun + (n == 1 ? "" : "s");
  }

  private static String millis(JsonNode start, JsonNode end) {
    if (!start.isNumber() || !end.isNumber()) {
      return "";
    }
    return String.format("%.1f ms", (end.asDouble() - start.asDouble()) * 1000);
  }
}
