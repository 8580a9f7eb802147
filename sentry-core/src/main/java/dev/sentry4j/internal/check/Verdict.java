package dev.sentry4j.internal.check;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.URI;
import java.net.UnknownHostException;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpTimeoutException;
import java.nio.channels.UnresolvedAddressException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import javax.net.ssl.SSLException;

/**
 * Puts an {@link Attempt} into plain words: one line saying what happened, one saying what to do.
 */
final class Verdict {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final int MAX_REASON_CHARS = 300;

  /**
   * {@code OK}, {@code REFUSED}, {@code RATE-LIMITED}, {@code SERVER ERROR} or {@code UNREACHABLE}.
   */
  final String word;

  /** What happened. */
  final String what;

  /** What to do about it, or {@code null} when nothing is needed. */
  final String advice;

  private Verdict(String word, String what, String advice) {
    this.word = word;
    this.what = what;
    this.advice = advice;
  }

  /** The lines to print, indented after the first. */
  List<String> lines() {
    List<String> lines = new ArrayList<>();
    lines.add(word + ": " + what);
    if (advice != null) {
      lines.add("  " + advice);
    }
    return lines;
  }

  /** The verdict on a post to Sentry's envelope endpoint. */
  static Verdict ofSentry(Attempt a, String eventId, String projectId, Redactor redactor) {
    if (!a.answered()) {
      return unreachable("Sentry", a, redactor);
    }
    String took = " (HTTP " + a.status + ", " + a.millis + " ms)";
    String reason = reason(a, redactor);
    String because = reason == null ? "" : ": " + reason;
    if (a.accepted()) {
      return new Verdict(
          "OK",
          "Sentry accepted the test event " + eventId + took + ".",
          "Find it in project "
              + projectId
              + ": Issues, or search for the tag sentry4j.check:true (message \""
              + TestEnvelope.MESSAGE
              + " from <host>\").");
    }
    if (a.status == 401 || a.status == 403) {
      return new Verdict(
          "REFUSED",
          "Sentry answered HTTP " + a.status + because + ".",
          "The DSN's key is not (or no longer) accepted for project "
              + projectId
              + ": copy the DSN again from the project's Settings > Client Keys (DSN); a disabled"
              + " key or a project of another organization gives this answer too.");
    }
    if (a.status == 404) {
      return new Verdict(
          "REFUSED",
          "nothing takes envelopes at " + a.url + " (HTTP 404" + because + ").",
          "Check the DSN's host and path: the project id must be its last segment, and a"
              + " self-hosted Sentry under a path prefix needs that prefix in the DSN.");
    }
    if (a.status >= 300 && a.status < 400) {
      return new Verdict(
          "REFUSED",
          "Sentry answered with a redirect (HTTP "
              + a.status
              + (a.location == null ? "" : " to " + redactor.clean(a.location))
              + "); the SDK does not follow redirects.",
          "Use the address the redirect points to in the DSN (often https instead of http).");
    }
    if (a.status == 429) {
      return new Verdict(
          "RATE-LIMITED",
          "Sentry answered HTTP 429"
              + (a.retryAfter == null ? "" : " (retry after " + a.retryAfter + " s)")
              + because
              + ".",
          "The DSN and the network are fine; the project's quota or rate limit is used up (see"
              + " its Usage & Quotas page).");
    }
    if (a.status >= 500) {
      return new Verdict(
          "SERVER ERROR",
          "Sentry (or a proxy in between) answered HTTP " + a.status + because + ".",
          "The SDK retries such answers; if it lasts, check the status of your Sentry.");
    }
    return new Verdict(
        "REFUSED",
        "Sentry answered HTTP " + a.status + because + ".",
        a.status == 413
            ? "The envelope is too large for this Sentry (a proxy's body size limit?)."
            : "Report it with this line: the test event should be accepted.");
  }

  /** The verdict on a post to Spotlight. */
  static Verdict ofSpotlight(Attempt a, Redactor redactor) {
    if (!a.answered()) {
      Verdict v = unreachable("Spotlight", a, redactor);
      return new Verdict(
          v.word,
          v.what,
          "Start it (npx @spotlightjs/spotlight) or turn the spotlight option off.");
    }
    if (a.accepted()) {
      return new Verdict(
          "OK",
          "Spotlight at "
              + a.url
              + " received the test event (HTTP "
              + a.status
              + ", "
              + a.millis
              + " ms).",
          null);
    }
    String reason = reason(a, redactor);
    return new Verdict(
        "REFUSED",
        "Spotlight at "
            + a.url
            + " answered HTTP "
            + a.status
            + (reason == null ? "" : ": " + reason)
            + ".",
        "Check spotlightUrl (the sidecar's /stream endpoint).");
  }

  private static Verdict unreachable(String who, Attempt a, Redactor redactor) {
    URI url = a.url;
    int port =
        url.getPort() >= 0 ? url.getPort() : "https".equalsIgnoreCase(url.getScheme()) ? 443 : 80;
    String where = url.getHost() + ":" + port;
    Throwable cause = a.failure;
    String chain = redactor.clean(causes(cause));
    String what;
    String advice;
    if (has(cause, HttpConnectTimeoutException.class)) {
      what = "no connection to " + where + " within the connect timeout (" + chain + ").";
      advice = "A firewall that drops packets, or a proxy the JVM is not told about.";
    } else if (has(cause, HttpTimeoutException.class)) {
      what = who + " at " + where + " took the request but did not answer in time (" + chain + ").";
      advice = "It is overloaded or something in between holds the request; try again.";
    } else if (has(cause, UnknownHostException.class)
        || has(cause, UnresolvedAddressException.class)) {
      what = "the host name " + url.getHost() + " does not resolve (" + chain + ").";
      advice = "Check the host in the DSN, and this machine's DNS.";
    } else if (has(cause, ConnectException.class) || has(cause, NoRouteToHostException.class)) {
      what = "could not connect to " + where + ": refused or closed (" + chain + ").";
      advice = "Nothing listens there, or a firewall refuses: check the DSN's host and port.";
    } else if (has(cause, SSLException.class)) {
      what = "the TLS handshake with " + where + " failed (" + chain + ").";
      advice =
          "A proxy that intercepts TLS, a self-signed certificate, or a CA this Java does not"
              + " trust (add it to the trust store).";
    } else {
      what = "sending to " + where + " failed (" + chain + ").";
      advice = "Check the DSN's host and port and the network between here and " + who + ".";
    }
    return new Verdict("UNREACHABLE", what, advice);
  }

  /**
   * Relay's explanation: the JSON {@code detail} (and {@code causes}), else the header, else the
   * body.
   */
  private static String reason(Attempt a, Redactor redactor) {
    String text = null;
    if (a.body != null && !a.body.isBlank()) {
      try {
        JsonNode node = JSON.readTree(a.body);
        if (node != null && node.hasNonNull("detail")) {
          StringBuilder b = new StringBuilder(node.get("detail").asText());
          JsonNode causes = node.get("causes");
          if (causes != null && causes.isArray()) {
            for (JsonNode c : causes) {
              b.append("; ").append(c.asText());
            }
          }
          text = b.toString();
        }
      } catch (java.io.IOException | RuntimeException notJson) {
        text = null;
      }
      if (text == null && a.sentryError == null) {
        text = a.body.strip();
      }
    }
    if (text == null) {
      text = a.sentryError;
    }
    if (text == null || text.isBlank()) {
      return null;
    }
    text = redactor.clean(text.replaceAll("\\s+", " "));
    return text.length() > MAX_REASON_CHARS ? text.substring(0, MAX_REASON_CHARS) + "…" : text;
  }

  private static boolean has(Throwable t, Class<?> type) {
    for (Throwable c = t; c != null; c = c.getCause()) {
      if (type.isInstance(c)) {
        return true;
      }
    }
    return false;
  }

  /** {@code ConnectException: Connection refused}, each cause once, at most five. */
  private static String causes(Throwable t) {
    Set<String> parts = new LinkedHashSet<>();
    int depth = 0;
    for (Throwable c = t; c != null && depth < 5; c = c.getCause(), depth++) {
      String message = c.getMessage();
      parts.add(
          c.getClass().getSimpleName()
              + (message == null || message.isBlank() ? "" : ": " + message));
    }
    return String.join(", caused by ", parts);
  }
}
