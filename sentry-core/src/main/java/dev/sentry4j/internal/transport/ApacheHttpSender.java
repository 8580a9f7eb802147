package dev.sentry4j.internal.transport;

import dev.sentry4j.options.Dsn;

import dev.sentry4j.internal.SdkInfo;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.zip.GZIPOutputStream;
import org.apache.hc.client5.http.classic.methods.HttpPost;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManager;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.Header;
import org.apache.hc.core5.http.io.entity.ByteArrayEntity;
import org.apache.hc.core5.http.io.entity.EntityUtils;
import org.apache.hc.core5.io.CloseMode;
import org.apache.hc.core5.util.TimeValue;
import org.apache.hc.core5.util.Timeout;

/**
 * Sends envelopes with Apache HttpClient 5: gzip, {@code X-Sentry-Auth}, one pooled connection, the
 * configured connect and response timeouts. Used only by the worker thread.
 */
public final class ApacheHttpSender implements HttpSender {
  private static final ContentType ENVELOPE = ContentType.create("application/x-sentry-envelope");
  /** Enough of a refusal's body to explain it in a diagnostic line. */
  private static final int MAX_BODY_CHARS = 512;

  private final CloseableHttpClient client;
  private final String url;
  private final String auth;
  private final boolean gzip;

  /**
   * Creates a sender for a DSN.
   *
   * @param dsn where to send
   * @param connectTimeout connect timeout
   * @param readTimeout response timeout
   */
  public ApacheHttpSender(Dsn dsn, Duration connectTimeout, Duration readTimeout) {
    this(dsn.getEnvelopeUri().toString(), authHeader(dsn), connectTimeout, readTimeout, true);
  }

  /**
   * Creates a sender for any envelope URL (Spotlight takes uncompressed envelopes without auth).
   *
   * @param url the envelope endpoint
   * @param auth the {@code X-Sentry-Auth} value, or {@code null}
   * @param gzip whether to compress
   */
  public ApacheHttpSender(
      String url, String auth, Duration connectTimeout, Duration readTimeout, boolean gzip) {
    this.url = url;
    this.auth = auth;
    this.gzip = gzip;
    PoolingHttpClientConnectionManager connections =
        PoolingHttpClientConnectionManagerBuilder.create()
            .setMaxConnTotal(2)
            .setMaxConnPerRoute(2)
            .setDefaultConnectionConfig(
                ConnectionConfig.custom()
                    .setConnectTimeout(Timeout.of(connectTimeout))
                    .setSocketTimeout(Timeout.of(readTimeout))
                    // a pooled connection idle for a while may have been closed by the server: check
                    // it first, or the envelope would wait for a back-off for nothing
                    .setValidateAfterInactivity(TimeValue.ofSeconds(2))
                    .build())
            .build();
    this.client =
        HttpClients.custom()
            .setConnectionManager(connections)
            .setDefaultRequestConfig(
                RequestConfig.custom()
                    .setResponseTimeout(Timeout.of(readTimeout))
                    .setConnectionRequestTimeout(Timeout.of(connectTimeout))
                    .build())
            .disableAutomaticRetries()
            .disableRedirectHandling()
            .disableCookieManagement()
            .setUserAgent(SdkInfo.USER_AGENT)
            .evictIdleConnections(Timeout.of(30, TimeUnit.SECONDS))
            .build();
  }

  static String authHeader(Dsn dsn) {
    StringBuilder auth =
        new StringBuilder("Sentry sentry_version=7,sentry_client=")
            .append(SdkInfo.USER_AGENT)
            .append(",sentry_key=")
            .append(dsn.getPublicKey());
    if (dsn.getSecretKey() != null) {
      auth.append(",sentry_secret=").append(dsn.getSecretKey());
    }
    return auth.toString();
  }

  @Override
  public HttpResult send(byte[] envelope) throws IOException {
    HttpPost post = new HttpPost(url);
    if (auth != null) {
      post.setHeader("X-Sentry-Auth", auth);
    }
    byte[] body = envelope;
    if (gzip) {
      body = gzip(envelope);
      post.setHeader("Content-Encoding", "gzip");
    }
    post.setEntity(new ByteArrayEntity(body, ENVELOPE));
    return client.execute(
        post,
        response -> {
          String text = null;
          if (response.getCode() >= 300 && response.getEntity() != null) {
            try {
              text = EntityUtils.toString(response.getEntity(), MAX_BODY_CHARS);
            } catch (RuntimeException e) {
              text = null; // an unreadable explanation must not turn a refusal into a retry
            }
          }
          EntityUtils.consumeQuietly(response.getEntity());
          return new HttpResult(
              response.getCode(),
              value(response.getFirstHeader("Retry-After")),
              value(response.getFirstHeader("X-Sentry-Rate-Limits")),
              text);
        });
  }

  private static String value(Header header) {
    return header == null ? null : header.getValue();
  }

  private static byte[] gzip(byte[] data) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream(Math.max(64, data.length / 4));
    try (GZIPOutputStream zip = new GZIPOutputStream(out)) {
      zip.write(data);
    }
    return out.toByteArray();
  }

  @Override
  public void close() {
    client.close(CloseMode.IMMEDIATE);
  }
}
