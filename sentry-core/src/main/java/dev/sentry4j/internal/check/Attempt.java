package dev.sentry4j.internal.check;

import dev.sentry4j.internal.SdkInfo;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.zip.GZIPOutputStream;

/** One POST of the test envelope and what came of it: an answer or a network failure. Immutable. */
final class Attempt {
  /** Enough of an answer's body to explain a refusal. */
  private static final int MAX_BODY_BYTES = 2048;

  final URI url;

  /** The HTTP status, or -1 when no answer came. */
  final int status;

  /** The start of the answer's body (may be empty), or {@code null} without an answer. */
  final String body;

  /** The {@code X-Sentry-Error} header, or {@code null}. */
  final String sentryError;

  /** The {@code Retry-After} header, or {@code null}. */
  final String retryAfter;

  /** The {@code Location} header of a redirect, or {@code null}. */
  final String location;

  /** Why no answer came, or {@code null}. */
  final Exception failure;

  final long millis;

  private Attempt(
      URI url,
      int status,
      String body,
      String sentryError,
      String retryAfter,
      String location,
      Exception failure,
      long millis) {
    this.url = url;
    this.status = status;
    this.body = body;
    this.sentryError = sentryError;
    this.retryAfter = retryAfter;
    this.location = location;
    this.failure = failure;
    this.millis = millis;
  }

  boolean answered() {
    return failure == null;
  }

  boolean accepted() {
    return status >= 200 && status < 300;
  }

  /**
   * Posts an envelope with the JDK's HTTP client, as the SDK's sender does: no redirects, no proxy.
   *
   * @param auth the {@code X-Sentry-Auth} value, or {@code null} (Spotlight)
   * @param gzip whether to compress the body, as the SDK does for Sentry
   */
  static Attempt post(
      URI url, String auth, boolean gzip, byte[] envelope, Duration connect, Duration read) {
    long start = System.nanoTime();
    try {
      HttpClient client =
          HttpClient.newBuilder()
              .connectTimeout(connect)
              .followRedirects(HttpClient.Redirect.NEVER)
              .proxy(HttpClient.Builder.NO_PROXY) // as the SDK's sender
              // plain http: HTTP/1.1 straight away (no h2c upgrade); https: HTTP/2 where offered
              .version(
                  "http".equalsIgnoreCase(url.getScheme())
                      ? HttpClient.Version.HTTP_1_1
                      : HttpClient.Version.HTTP_2)
              .build();
      HttpRequest.Builder request =
          HttpRequest.newBuilder(url)
              .timeout(read)
              .header("Content-Type", "application/x-sentry-envelope")
              .header("User-Agent", SdkInfo.USER_AGENT);
      if (auth != null) {
        request.header("X-Sentry-Auth", auth);
      }
      byte[] body = envelope;
      if (gzip) {
        body = gzip(envelope);
        request.header("Content-Encoding", "gzip");
      }
      HttpResponse<InputStream> response =
          client.send(
              request.POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(),
              HttpResponse.BodyHandlers.ofInputStream());
      String text;
      try (InputStream in = response.body()) {
        text = readStart(in);
      }
      return new Attempt(
          url,
          response.statusCode(),
          text,
          response.headers().firstValue("X-Sentry-Error").orElse(null),
          response.headers().firstValue("Retry-After").orElse(null),
          response.headers().firstValue("Location").orElse(null),
          null,
          elapsed(start));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return new Attempt(url, -1, null, null, null, null, e, elapsed(start));
    } catch (IOException | RuntimeException e) {
      return new Attempt(url, -1, null, null, null, null, e, elapsed(start));
    }
  }

  private static long elapsed(long start) {
    return (System.nanoTime() - start) / 1_000_000;
  }

  private static String readStart(InputStream in) throws IOException {
    byte[] bytes = in.readNBytes(MAX_BODY_BYTES); // closing the stream then drops the rest
    return new String(bytes, StandardCharsets.UTF_8);
  }

  private static byte[] gzip(byte[] data) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream(Math.max(64, data.length / 2));
    try (GZIPOutputStream zip = new GZIPOutputStream(out)) {
      zip.write(data);
    }
    return out.toByteArray();
  }
}
