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
import java.util.List;
import java.util.Map;

/** Prints what the local receiver got, the way a person wants to read it. */
final class ReceivedPrinter {
  private final PrintStream out;

  ReceivedPrinter(PrintStream out) {
    this.out = out;
  }

  void print(SentryReceiver receiver) {
    List<ReceivedEnvelope> envelopes = receiver.envelopes();
    out.println("--- what Sentry received: " + envelopes.size() + " envelope(s) ---");
    for (ReceivedEvent event : receiver.events()) {
      printEvent(event);
    }
    for (ReceivedEvent tx : receiver.transactions()) {
      printTransaction(tx);
    }
    List<ReceivedLog> logs = receiver.logs();
    if (!logs.isEmpty()) {
      out.println("LOGS (" + logs.size() + ")");
      for (ReceivedLog log : logs) {
        out.printf("  %-5s %s  trace=%s%s%n", log.level(), log.body(), shortId(log.traceId()), attributes(log));
      }
    }
    for (ReceivedClientReport report : receiver.clientReports()) {
      out.println("CLIENT REPORT " + report.discarded());
    }
    for (String bad : receiver.malformed()) {
      out.println("MALFORMED " + bad);
    }
    for (ReceivedEnvelope envelope : envelopes) {
      for (ReceivedItem item : envelope.items()) {
        String type = item.type();
        if (!List.of("event", "transaction", "log", "client_report").contains(type)) {
          out.println("ITEM " + type + " (" + item.payload().length + " bytes)");
        }
      }
    }
  }

  private void printEvent(ReceivedEvent e) {
    out.printf("EVENT %-7s %s%n", e.level(), title(e));
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
    out.println("  breadcrumbs  " + e.breadcrumbs().size()
        + (e.breadcrumbs().isEmpty() ? "" : " (last: " + e.breadcrumbs().get(e.breadcrumbs().size() - 1).path("message").asText() + ")"));
    out.println("  trace        " + e.traceId() + " span " + e.spanId());
    List<JsonNode> exceptions = e.exceptions();
    for (int i = exceptions.size() - 1; i >= 0; i--) {
      JsonNode x = exceptions.get(i);
      String prefix = i == exceptions.size() - 1 ? "  exception    " : "  caused by    ";
      out.println(prefix + x.path("module").asText("") + "." + x.path("type").asText() + ": " + x.path("value").asText("")
          + topFrame(x));
    }
    JsonNode extra = e.extra();
    if (extra != null && extra.size() > 0) {
      out.println("  extra        " + extra);
    }
  }

  private static String title(ReceivedEvent e) {
    String message = e.message();
    return message == null ? "(no message)" : '"' + message + '"';
  }

  private static String topFrame(JsonNode exception) {
    JsonNode frames = exception.path("stacktrace").path("frames");
    for (int i = frames.size() - 1; i >= 0; i--) {
      JsonNode f = frames.get(i);
      if (!f.path("in_app").isBoolean() || f.path("in_app").asBoolean()) {
        return "  at " + f.path("module").asText() + "." + f.path("function").asText()
            + "(" + f.path("filename").asText("?") + ":" + f.path("lineno").asText("?") + ")";
      }
    }
    return "";
  }

  private void printTransaction(ReceivedEvent tx) {
    JsonNode json = tx.json();
    JsonNode trace = json.path("contexts").path("trace");
    out.printf("TRANSACTION %s  op=%s status=%s %s  trace=%s%n",
        tx.transaction(), trace.path("op").asText("?"), trace.path("status").asText("?"),
        millis(json.path("start_timestamp"), json.path("timestamp")), tx.traceId());
    if (!tx.tags().isEmpty()) {
      out.println("  tags " + tx.tags());
    }
    printChildren(tx.spans(), trace.path("span_id").asText(), "  ");
  }

  private void printChildren(List<JsonNode> spans, String parentId, String indent) {
    List<JsonNode> children = new ArrayList<>();
    for (JsonNode s : spans) {
      if (parentId.equals(s.path("parent_span_id").asText())) {
        children.add(s);
      }
    }
    children.sort((a, b) -> Double.compare(a.path("start_timestamp").asDouble(), b.path("start_timestamp").asDouble()));
    for (JsonNode s : children) {
      out.printf("%s└─ %s %s  %s status=%s%n", indent, s.path("op").asText("?"), s.path("description").asText(""),
          millis(s.path("start_timestamp"), s.path("timestamp")), s.path("status").asText("?"));
      printChildren(spans, s.path("span_id").asText(), indent + "   ");
    }
  }

  private static String millis(JsonNode start, JsonNode end) {
    if (!start.isNumber() || !end.isNumber()) {
      return "";
    }
    return String.format("%.1f ms", (end.asDouble() - start.asDouble()) * 1000);
  }

  private static String shortId(String id) {
    return id == null ? "-" : id;
  }

  private static String attributes(ReceivedLog log) {
    StringBuilder sb = new StringBuilder();
    for (Map.Entry<String, JsonNode> a : log.attributes().entrySet()) {
      if (a.getKey().startsWith("sentry.sdk") || a.getKey().equals("sentry.environment")
          || a.getKey().equals("sentry.release") || a.getKey().equals("server.address")) {
        continue;
      }
      sb.append(sb.length() == 0 ? "  {" : ", ").append(a.getKey()).append('=').append(a.getValue());
    }
    return sb.length() == 0 ? "" : sb.append('}').toString();
  }
}
