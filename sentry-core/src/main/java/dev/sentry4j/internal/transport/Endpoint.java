package dev.sentry4j.internal.transport;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.time.Duration;

/**
 * Where an HTTP sender posts: host, port, request target and {@code Host} header of an envelope URL
 * (which never carries the DSN's key: that travels in {@code X-Sentry-Auth}). Immutable.
 */
final class Endpoint {
  final URI uri;
  final boolean https;

  /** The host to connect to (an IPv6 literal without brackets). */
  final String host;

  final int port;

  /** The {@code Host} header's value: the host as written, with the port unless the default. */
  final String hostHeader;

  /** The request target: raw path and query. */
  final String target;

  Endpoint(URI uri) {
    this.uri = uri;
    this.https = "https".equalsIgnoreCase(uri.getScheme());
    String h = uri.getHost();
    if (h == null) {
      throw new IllegalArgumentException("the envelope URL has no host");
    }
    this.host = h.startsWith("[") && h.endsWith("]") ? h.substring(1, h.length() - 1) : h;
    int defaultPort = https ? 443 : 80;
    this.port = uri.getPort() < 0 ? defaultPort : uri.getPort();
    this.hostHeader = port == defaultPort ? h : h + ":" + port;
    String path = uri.getRawPath();
    if (path == null || path.isEmpty()) {
      path = "/";
    }
    this.target = uri.getRawQuery() == null ? path : path + "?" + uri.getRawQuery();
  }

  /**
   * Connects a plain socket to the host and port and closes it at once (no request, no TLS): {@code
   * true} when the connection is refused or cannot be made in time (no route, unknown host).
   */
  boolean refusesConnections(Duration timeout) {
    try (Socket probe = new Socket()) {
      probe.connect(new InetSocketAddress(host, port), (int) Math.max(1, timeout.toMillis()));
      return false;
    } catch (IOException | RuntimeException e) {
      return true; // refused, timed out, no route, unknown host
    }
  }
}
