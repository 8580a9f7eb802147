package dev.sentry4j.internal.transport;

import dev.sentry4j.Sentry;
import dev.sentry4j.client.ClientStats;
import dev.sentry4j.internal.client.DefaultSentryClient;
import dev.sentry4j.internal.clientreport.DiscardCounter;
import dev.sentry4j.internal.transport.spool.DiskSpool;
import dev.sentry4j.options.SentryOptions;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.function.Consumer;

/**
 * A real client over a real {@link AsyncTransport} and HTTP sender, installed as the SDK's client,
 * with the timing knobs shrunk for tests. Close it (it closes the SDK).
 */
final class Pipeline implements AutoCloseable {
  /** Back-off 50 ms doubling to 400 ms, 50 ms park, spool rescan every 500 ms. */
  static DeliveryTuning.Builder fast() {
    return DeliveryTuning.builder()
        .backoff(Duration.ofMillis(50), Duration.ofMillis(400))
        .maxPark(Duration.ofMillis(50))
        .rescanInterval(Duration.ofMillis(500));
  }

  final SentryOptions options;
  final DiscardCounter discards = new DiscardCounter();
  final AsyncTransport transport;
  final DefaultSentryClient client;
  final Path spoolDir;
  final DiskSpool spool;

  private Pipeline(SentryOptions options, DeliveryTuning tuning, DiskSpool.FileWriter writer) {
    this.options = options;
    HttpSender http = HttpSenders.forDsn(options);
    DiskSpool spool = null;
    if (options.getMaxCacheItems() > 0) {
      spool =
          AsyncTransport.spoolAt(
              DiskSpool.directoryFor(
                  options.getCacheDirPath(),
                  options.getDsn().getProjectId(),
                  options.getDsn().getPublicKey(),
                  options.getDsn().getEnvelopeUri().toString()),
              options.getMaxCacheItems(),
              options.getMaxCacheBytes(),
              discards,
              writer);
    }
    this.spoolDir = spool == null ? null : spool.directory();
    this.spool = spool;
    this.transport =
        new AsyncTransport(
            http,
            options.getMaxQueueSize(),
            options.getMaxQueueBytes(),
            options.isSendClientReports(),
            spool,
            discards,
            tuning,
            options.getMaxInFlight());
    this.client = new DefaultSentryClient(options, transport, discards);
    Sentry.install(client);
  }

  /**
   * Starts a pipeline for {@code dsn} spooling under {@code cacheDir}; no stack traces on messages.
   */
  static Pipeline start(String dsn, Path cacheDir, Consumer<SentryOptions.Builder> options) {
    return start(dsn, cacheDir, options, fast().build(), null);
  }

  static Pipeline start(
      String dsn,
      Path cacheDir,
      Consumer<SentryOptions.Builder> options,
      DeliveryTuning tuning,
      DiskSpool.FileWriter writer) {
    SentryOptions.Builder b =
        SentryOptions.builder()
            .setDsn(dsn)
            .setAttachStacktrace(false)
            .setConnectTimeout(Duration.ofSeconds(2))
            .setReadTimeout(Duration.ofSeconds(5))
            .setShutdownTimeout(Duration.ofSeconds(3));
    if (cacheDir != null) {
      b.setCacheDirPath(cacheDir.toString());
    }
    if (options != null) {
      options.accept(b);
    }
    return new Pipeline(b.build(), tuning, writer);
  }

  ClientStats stats() {
    return client.getStats();
  }

  @Override
  public void close() {
    Sentry.close();
    client.close(Duration.ofSeconds(1));
  }

  /** A loopback port where nothing listens (bound, then closed). */
  static int closedPort() {
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
      return s.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static String dsnForPort(int port) {
    return "http://testkey@127.0.0.1:" + port + "/1";
  }
}
