import dev.sentry4j.testing.SentryReceiver;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Issue #17's figure: N errors through the Logback or Log4j 2 appender with the root logger at
 * DEBUG, a file appender beside it; counts the lines of the application's log file that carry the
 * DSN key or secret, the bytes logged by the HTTP client per envelope, and the CPU time of the SDK's
 * threads. Run with bench/scripts/secrets-figure.sh (logback|log4j2) N.
 */
public final class SecretsFigure {
  static final String SECRET = "s3cr3tvalue9f";

  public static void main(String[] args) throws Exception {
    String framework = args[0];
    int n = Integer.parseInt(args[1]);
    Path dir = Files.createTempDirectory("secrets-figure");
    Path log = dir.resolve("app.log");
    try (SentryReceiver receiver = SentryReceiver.start()) {
      String dsn = receiver.dsn().replace("testkey@", "testkey:" + SECRET + "@");
      writeConfig(framework, dir, log, dsn);
      Logger app = LoggerFactory.getLogger("com.acme.App");
      ThreadCpu cpu = new ThreadCpu();
      long t0 = System.nanoTime();
      for (int i = 0; i < n; i++) {
        app.error("order {} failed", i, new IllegalStateException("boom " + i));
        if (i % 100 == 0) cpu.sample();
      }
      while (receiver.events().size() < n && System.nanoTime() - t0 < 600_000_000_000L) {
        cpu.sample();
        Thread.sleep(50);
      }
      cpu.sample();
      int envelopes = receiver.envelopes().size();
      int events = receiver.events().size();
      stop(framework);
      List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
      long withKey = 0, httpBytes = 0, httpLines = 0, sdkBytes = 0, total = 0;
      for (String line : lines) {
        long bytes = line.getBytes(StandardCharsets.UTF_8).length + 1;
        total += bytes;
        if (line.contains("testkey") || line.contains(SECRET)) withKey++;
        if (line.contains(" org.apache.hc") || line.contains(" jdk.internal.net.http")) {
          httpBytes += bytes;
          httpLines++;
        }
        if (!line.contains(" com.acme.App ")) sdkBytes += bytes;
      }
      System.out.printf(
          "%s N=%d events=%d envelopes=%d | log lines=%d bytes=%d | lines with key/secret=%d |"
              + " HTTP-client lines=%d bytes=%d (%.0f B/envelope) | non-app bytes/envelope=%.0f |"
              + " SDK threads CPU=%d ms %s%n",
          framework, n, events, envelopes, lines.size(), total, withKey, httpLines, httpBytes,
          envelopes == 0 ? 0.0 : (double) httpBytes / envelopes,
          envelopes == 0 ? 0.0 : (double) sdkBytes / envelopes,
          cpu.sdkMillis(), cpu.byName());
    }
  }

  static void writeConfig(String framework, Path dir, Path log, String dsn) throws IOException {
    // HC_INFO=1: the reference run with Apache HttpClient's loggers at INFO (before #17 only)
    boolean hcInfo = System.getenv("HC_INFO") != null;
    if (framework.equals("logback")) {
      Path xml = dir.resolve("logback.xml");
      Files.writeString(xml, "<configuration>\n"
          + " <appender name='FILE' class='ch.qos.logback.core.FileAppender'><file>" + log + "</file>"
          + "<encoder><pattern>%d %-5level [%thread] %logger - %msg%n</pattern></encoder></appender>\n"
          + " <appender name='SENTRY' class='dev.sentry4j.logback.SentryAppender'><dsn>" + dsn + "</dsn></appender>\n"
          + (hcInfo ? " <logger name='org.apache.hc' level='INFO'/>\n" : "")
          + " <root level='DEBUG'><appender-ref ref='FILE'/><appender-ref ref='SENTRY'/></root>\n"
          + "</configuration>\n");
      System.setProperty("logback.configurationFile", xml.toString());
    } else {
      Path xml = dir.resolve("log4j2.xml");
      Files.writeString(xml, "<Configuration status='WARN'><Appenders>\n"
          + " <File name='FILE' fileName='" + log + "'><PatternLayout pattern='%d %-5level [%t] %c - %m%n'/></File>\n"
          + " <Sentry name='sentry' dsn='" + dsn + "'/>\n"
          + "</Appenders><Loggers>" + (hcInfo ? "<Logger name='org.apache.hc' level='INFO'/>" : "") + "<Root level='DEBUG'><AppenderRef ref='FILE'/><AppenderRef ref='sentry'/></Root></Loggers></Configuration>\n");
      System.setProperty("log4j2.configurationFile", xml.toString());
    }
  }

  static void stop(String framework) throws Exception {
    if (framework.equals("logback")) {
      Object ctx = LoggerFactory.getILoggerFactory();
      ctx.getClass().getMethod("stop").invoke(ctx);
    } else {
      Class.forName("org.apache.logging.log4j.LogManager").getMethod("shutdown").invoke(null);
    }
  }

  static final class ThreadCpu {
    final ThreadMXBean mx = ManagementFactory.getThreadMXBean();
    final Map<Long, String> names = new ConcurrentHashMap<>();
    final Map<Long, Long> cpu = new ConcurrentHashMap<>();

    void sample() {
      for (ThreadInfo info : mx.getThreadInfo(mx.getAllThreadIds())) {
        if (info == null) continue;
        long ns = mx.getThreadCpuTime(info.getThreadId());
        if (ns > 0) {
          names.put(info.getThreadId(), info.getThreadName().replaceAll("[-#]?\\d+$", ""));
          cpu.merge(info.getThreadId(), ns, Math::max);
        }
      }
    }

    /** Threads of the SDK: sentry4j-* and the HTTP client's own (JDK HttpClient selector). */
    long sdkMillis() {
      long ns = 0;
      for (Map.Entry<Long, Long> e : cpu.entrySet()) {
        String name = names.get(e.getKey());
        if (name.startsWith("sentry4j") || name.startsWith("HttpClient")) ns += e.getValue();
      }
      return ns / 1_000_000;
    }

    Map<String, Long> byName() {
      Map<String, Long> out = new TreeMap<>();
      cpu.forEach((id, ns) -> out.merge(names.get(id), ns / 1_000_000, Long::sum));
      out.values().removeIf(ms -> ms < 20);
      return out;
    }
  }
}
