package dev.sentry4j.tracing;

import dev.sentry4j.Sentry;
import dev.sentry4j.clientreport.DataCategory;
import dev.sentry4j.clientreport.DiscardReason;
import dev.sentry4j.internal.client.DefaultSentryClient;
import dev.sentry4j.options.SentryOptions;
import dev.sentry4j.testing.ReceivedEvent;
import dev.sentry4j.testing.RelaySchema;
import dev.sentry4j.testing.SentryReceiver;
import java.time.Duration;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/** A local receiver and the SDK initialized against it; closed after each test. */
abstract class ReceiverTest {
  static final Duration WAIT = Duration.ofSeconds(30);

  SentryReceiver receiver;

  @BeforeEach
  void startReceiver() {
    receiver = SentryReceiver.start();
  }

  @AfterEach
  void stopAll() {
    Sentry.close();
    receiver.close();
  }

  void init(Consumer<SentryOptions.Builder> configuration) {
    Sentry.init(
        options -> {
          options.setDsn(receiver.dsn());
          options.setRelease("shop@1.4.2");
          configuration.accept(options);
        });
  }

  long discarded(DiscardReason reason, DataCategory category) {
    return ((DefaultSentryClient) Sentry.getClient()).getDiscards().total(reason, category);
  }

  /** The only transaction received, validated against Relay's schema. */
  ReceivedEvent oneTransaction() {
    List<ReceivedEvent> txs = receiver.awaitTransactions(1, WAIT);
    org.assertj.core.api.Assertions.assertThat(txs).hasSize(1);
    RelaySchema.assertValidTransaction(txs.get(0).json());
    return txs.get(0);
  }
}
