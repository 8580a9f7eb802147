package dev.sentry4j.jul;

import dev.sentry4j.Sentry;
import dev.sentry4j.options.SentryOptions;
import dev.sentry4j.internal.client.DefaultSentryClient;
import dev.sentry4j.internal.clientreport.DiscardCounter;
import dev.sentry4j.internal.transport.AsyncTransport;
import dev.sentry4j.options.Dsn;
import dev.sentry4j.internal.transport.HttpResult;
import dev.sentry4j.internal.transport.HttpSender;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.HttpURLConnection;

/**
 * Runs inside {@link NoSlf4jTest}'s class loader, where SLF4J (and so Apache HttpClient, which
 * needs it) cannot load: installs a client that posts with the JDK's HttpURLConnection instead.
 */
public final class IsolatedSdk {
  private IsolatedSdk() {}

  /** Installs a client sending to {@code dsn}. */
  public static void install(String dsn) {
    SentryOptions options = SentryOptions.builder().setDsn(dsn).build();
    DiscardCounter discards = new DiscardCounter();
    Sentry.install(
        new DefaultSentryClient(
            options, new AsyncTransport(new JdkSender(options.getDsn()), 100, discards), discards));
  }

  /** Closes the SDK of this class loader. */
  public static void close() {
    Sentry.close();
  }

  /** Whether this class loader's handler saw SLF4J. */
  public static boolean slf4jAvailable() {
    return Mdc.isAvailable();
  }

  private static final class JdkSender implements HttpSender {
    private final Dsn dsn;

    JdkSender(Dsn dsn) {
      this.dsn = dsn;
    }

    @Override
    public HttpResult send(byte[] envelope) throws IOException {
      HttpURLConnection c = (HttpURLConnection) dsn.getEnvelopeUri().toURL().openConnection();
      c.setRequestMethod("POST");
      c.setDoOutput(true);
      c.setConnectTimeout(5_000);
      c.setReadTimeout(5_000);
      c.setRequestProperty("Content-Type", "application/x-sentry-envelope");
      c.setRequestProperty(
          "X-Sentry-Auth", "Sentry sentry_version=7, sentry_key=" + dsn.getPublicKey() + ", sentry_client=test/1");
      try (OutputStream out = c.getOutputStream()) {
        out.write(envelope);
      }
      int status = c.getResponseCode();
      try (InputStream in = status < 400 ? c.getInputStream() : c.getErrorStream()) {
        if (in != null) {
          in.readAllBytes();
        }
      }
      return new HttpResult(status, c.getHeaderField("Retry-After"), c.getHeaderField("X-Sentry-Rate-Limits"));
    }

    @Override
    public void close() {}
  }
}
