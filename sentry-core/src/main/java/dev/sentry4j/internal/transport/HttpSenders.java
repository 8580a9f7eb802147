package dev.sentry4j.internal.transport;

import dev.sentry4j.options.SentryOptions;
import java.net.URI;
import java.time.Duration;

/**
 * The one place that picks the HTTP sender for a URL: {@link Http11Sender} (blocking sockets, a
 * small keep-alive pool) for {@code http://}, {@link JdkHttpSender} (the JDK's client: TLS, HTTP/2
 * streams on one connection) for {@code https://}.
 */
public final class HttpSenders {
  private HttpSenders() {}

  /**
   * The sender for the options' DSN, with their timeouts and {@code maxInFlight} connections at
   * most (over HTTP/1.1).
   *
   * @param options the options, with a DSN
   * @return a new sender; close it
   */
  public static HttpSender forDsn(SentryOptions options) {
    if (isHttps(options.getDsn().getEnvelopeUri())) {
      return new JdkHttpSender(
          options.getDsn(), options.getConnectTimeout(), options.getReadTimeout());
    }
    return new Http11Sender(
        options.getDsn(),
        options.getConnectTimeout(),
        options.getReadTimeout(),
        options.getMaxInFlight());
  }

  /**
   * A sender for any envelope URL.
   *
   * @param url the envelope endpoint
   * @param auth the {@code X-Sentry-Auth} value, or {@code null}
   * @param connectTimeout connect timeout
   * @param readTimeout time for the answer
   * @param gzip whether to compress
   * @param maxConnections HTTP/1.1 connections open at most
   * @return a new sender; close it
   */
  public static HttpSender forUrl(
      String url,
      String auth,
      Duration connectTimeout,
      Duration readTimeout,
      boolean gzip,
      int maxConnections) {
    if (isHttps(URI.create(url))) {
      return new JdkHttpSender(url, auth, connectTimeout, readTimeout, gzip);
    }
    return new Http11Sender(url, auth, connectTimeout, readTimeout, gzip, maxConnections);
  }

  private static boolean isHttps(URI uri) {
    return "https".equalsIgnoreCase(uri.getScheme());
  }
}
