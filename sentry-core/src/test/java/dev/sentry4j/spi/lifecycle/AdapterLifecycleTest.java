package dev.sentry4j.spi.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sentry4j.Sentry;
import dev.sentry4j.client.SentryClient;
import dev.sentry4j.options.SentryOptions;
import dev.sentry4j.spi.Diagnostics;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The lifecycle every adapter shares: adopt or own, either reconfiguration order, forwarding. */
class AdapterLifecycleTest {
  private static final String DSN = "https://key@127.0.0.1:9/1";
  private final List<String> status = new CopyOnWriteArrayList<>();
  private final List<AdapterLifecycle> started = new ArrayList<>();

  @BeforeEach
  void clean() {
    Sentry.close();
    Diagnostics.resetRateLimits();
  }

  @AfterEach
  void closeSdk() {
    // a lifecycle left started keeps its Diagnostics listener for the rest of the JVM: later test
    // classes (SettingsReaderTest's "no adapter listening") would see an adapter that is not there
    for (AdapterLifecycle l : started) {
      l.stop(Duration.ZERO);
    }
    Sentry.close();
  }

  private AdapterLifecycle lifecycle(String name) {
    AdapterLifecycle l =
        new AdapterLifecycle(
            name, (severity, line) -> status.add(name + " " + severity + " " + line));
    started.add(l);
    return l;
  }

  private static SentryOptions options(String release) {
    return SentryOptions.builder().setDsn(DSN).setRelease(release).setMaxCacheItems(0).build();
  }

  @Test
  void withoutAClientInCodeTheAdapterInitializesTheSdkAndClosesItOnStop() {
    AdapterLifecycle a = lifecycle("a");

    assertThat(a.start(options("a@1"))).isEqualTo(AdapterLifecycle.Start.OWNED);
    assertThat(Sentry.getClient().getOptions().getRelease()).isEqualTo("a@1");
    assertThat(a.isOwner()).isTrue();

    a.stop(Duration.ofSeconds(1));
    assertThat(Sentry.isInitialized()).isFalse();
  }

  @Test
  void aClientInitializedInCodeIsAdoptedAndNeverClosed() {
    Sentry.init(options("code@1"));
    SentryClient app = Sentry.getClient();
    AdapterLifecycle a = lifecycle("a");

    assertThat(a.start(options("a@1"))).isEqualTo(AdapterLifecycle.Start.ADOPTED);
    assertThat(Sentry.getClient()).isSameAs(app);
    a.stop(Duration.ofSeconds(1));

    assertThat(Sentry.getClient()).isSameAs(app);
    assertThat(app.isEnabled()).isTrue();
  }

  @Test
  void newAdapterStartedBeforeTheOldOneStopsTakesOverAndTheOldStopLeavesItAlone() {
    AdapterLifecycle old = lifecycle("old");
    old.start(options("old@1"));
    AdapterLifecycle fresh = lifecycle("new"); // Log4j 2: the new configuration starts first

    assertThat(fresh.start(options("new@2"))).isEqualTo(AdapterLifecycle.Start.OWNED);
    old.stop(Duration.ofSeconds(1));

    assertThat(Sentry.isInitialized()).isTrue();
    assertThat(Sentry.getClient().getOptions().getRelease()).isEqualTo("new@2");
    assertThat(old.isOwner()).isFalse();
    assertThat(fresh.isOwner()).isTrue();
    fresh.stop(Duration.ofSeconds(1));
    assertThat(Sentry.isInitialized()).isFalse();
  }

  @Test
  void oldAdapterStoppedBeforeTheNewOneStartsHandsOver() {
    AdapterLifecycle old = lifecycle("old");
    old.start(options("old@1"));
    old.stop(Duration.ofSeconds(1)); // Logback: a reload stops the old appenders first
    assertThat(Sentry.isInitialized()).isFalse();

    AdapterLifecycle fresh = lifecycle("new");
    assertThat(fresh.start(options("new@2"))).isEqualTo(AdapterLifecycle.Start.OWNED);
    assertThat(Sentry.getClient().getOptions().getRelease()).isEqualTo("new@2");
  }

  @Test
  void withoutADsnThereIsNothingToOwn() {
    AdapterLifecycle a = lifecycle("a");
    assertThat(a.start(SentryOptions.builder().build())).isEqualTo(AdapterLifecycle.Start.DISABLED);
    assertThat(a.isOwner()).isFalse();
    a.stop(Duration.ZERO);
  }

  @Test
  void warningsReachTheStatusChannelOnlyWhileStartedAndAtMostTenAMinute() {
    AtomicLong now = new AtomicLong(1_000);
    AdapterLifecycle a =
        new AdapterLifecycle(
            "a", (severity, line) -> status.add(severity + " " + line), now::get, 10);
    Diagnostics.warn("before start");
    a.start(SentryOptions.builder().build());

    for (int i = 0; i < 15; i++) {
      Diagnostics.warn("burst " + i);
    }
    now.addAndGet(TimeUnit.SECONDS.toNanos(61));
    Diagnostics.error("after.quiet", "after a quiet minute", null);
    a.stop(Duration.ZERO);
    Diagnostics.warn("after stop");

    assertThat(status).hasSize(11);
    assertThat(status.get(0)).isEqualTo("WARN sentry4j: burst 0");
    assertThat(status.get(9)).isEqualTo("WARN sentry4j: burst 9");
    assertThat(status.get(10))
        .isEqualTo("ERROR sentry4j: after a quiet minute (5 earlier lines not shown)");
  }
}
