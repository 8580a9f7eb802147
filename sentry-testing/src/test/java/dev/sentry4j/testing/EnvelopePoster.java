package dev.sentry4j.testing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.zip.DeflaterOutputStream;
import java.util.zip.GZIPOutputStream;

/** A tiny client that posts hand-made envelopes, the way an SDK transport would. */
final class EnvelopePoster {

  static final String AUTH =
      "Sentry sentry_version=7,sentry_client=test.poster/1.0,sentry_key=testkey";

  private final HttpClient client =
      HttpClient.newBuilder()
          .version(HttpClient.Version.HTTP_1_1)
          .connectTimeout(Duration.ofSeconds(2))
          .build();

  /** Posts with the right auth and content type; extra headers as name, value pairs. */
  HttpResponse<String> post(String url, byte[] body, String... headers) {
    try {
      return client.send(request(url, body, headers), HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  HttpResponse<String> post(String url, String body, String... headers) {
    return post(url, utf8(body), headers);
  }

  CompletableFuture<HttpResponse<String>> postAsync(String url, String body) {
    return client.sendAsync(request(url, utf8(body)), HttpResponse.BodyHandlers.ofString());
  }

  /** A request with the default auth and content type unless {@code headers} override them. */
  static HttpRequest request(String url, byte[] body, String... headers) {
    HttpRequest.Builder builder =
        HttpRequest.newBuilder(URI.create(url))
            .timeout(Duration.ofSeconds(10))
            .POST(HttpRequest.BodyPublishers.ofByteArray(body));
    boolean auth = true;
    boolean contentType = true;
    for (int i = 0; i < headers.length; i += 2) {
      if (headers[i].equalsIgnoreCase("X-Sentry-Auth")) {
        auth = false;
        if (headers[i + 1] == null) {
          continue;
        }
      }
      if (headers[i].equalsIgnoreCase("Content-Type")) {
        contentType = false;
      }
      builder.header(headers[i], headers[i + 1]);
    }
    if (auth) {
      builder.header("X-Sentry-Auth", AUTH);
    }
    if (contentType) {
      builder.header("Content-Type", "application/x-sentry-envelope");
    }
    return builder.build();
  }

  static byte[] utf8(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }

  static byte[] gzip(byte[] bytes) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (GZIPOutputStream gzip = new GZIPOutputStream(out)) {
      gzip.write(bytes);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }

  static byte[] deflate(byte[] bytes) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (DeflaterOutputStream deflate = new DeflaterOutputStream(out)) {
      deflate.write(bytes);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }
}
