package dev.sentry4j;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sentry4j.event.SentryId;
import dev.sentry4j.event.User;
import dev.sentry4j.scope.ScopeToken;
import dev.sentry4j.testing.ReceivedEvent;
import dev.sentry4j.testing.RelaySchema;
import dev.sentry4j.testing.SentryReceiver;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class SentryFacadeTest {
  private SentryReceiver receiver;

  @BeforeEach
  void start() {
    receiver = SentryReceiver.start();
  }

  @AfterEach
  void stop() {
    Sentry.close();
    receiver.close();
  }

  @Test
  void deliversTheQuickStartEventsWithScopesUserBreadcrumbsAndCauseChain() {
    Sentry.init(
        options -> {
          options.setDsn(receiver.dsn());
          options.setEnvironment("staging");
          options.setRelease("shop@1.4.2");
        });
    Sentry.setTag("tenant", "acme");
    Sentry.setUser(User.builder().id("u-17").email("a@b.c").build());
    Sentry.addBreadcrumb("cart loaded");
    try (ScopeToken ignored = Sentry.newScope()) {
      Sentry.setTag("color", "green");
      Sentry.captureMessage("hello");
    }
    Sentry.captureMessage("hello, again");
    SentryId failure =
        Sentry.captureException(
            new IllegalStateException(
                "checkout failed", new java.io.IOException("connection reset")));
    assertThat(failure.toString()).matches("[0-9a-f]{32}");

    List<ReceivedEvent> events = receiver.awaitEvents(3, Duration.ofSeconds(10));
    ReceivedEvent hello = find(events, "hello");
    ReceivedEvent again = find(events, "hello, again");
    ReceivedEvent error =
        events.stream().filter(e -> !e.exceptions().isEmpty()).findFirst().orElseThrow();

    assertThat(hello.tags()).containsEntry("color", "green").containsEntry("tenant", "acme");
    assertThat(again.tags()).containsEntry("tenant", "acme").doesNotContainKey("color");
    assertThat(hello.level()).isEqualTo("info");
    assertThat(hello.user().get("id").asText()).isEqualTo("u-17");
    assertThat(hello.breadcrumbs())
        .extracting(b -> b.get("message").asText())
        .containsExactly("cart loaded");
    assertThat(hello.json().get("environment").asText()).isEqualTo("staging");
    assertThat(hello.json().get("release").asText()).isEqualTo("shop@1.4.2");
    assertThat(hello.json().get("server_name").asText()).isNotBlank();
    assertThat(hello.contexts().get("runtime").get("version").asText()).isNotBlank();
    assertThat(hello.contexts().get("os").get("name").asText()).isNotBlank();
    assertThat(hello.traceId()).matches("[0-9a-f]{32}");
    assertThat(hello.spanId()).matches("[0-9a-f]{16}");
    assertThat(hello.json().at("/threads/values/0/stacktrace/frames")).isNotEmpty();

    assertThat(error.eventId()).isEqualTo(failure.toString());
    assertThat(error.level()).isEqualTo("error");
    assertThat(error.exceptions()).hasSize(2);
    assertThat(error.exceptions().get(0).get("type").asText()).isEqualTo("IOException");
    assertThat(error.exceptions().get(0).get("module").asText()).isEqualTo("java.io");
    assertThat(error.exceptions().get(0).at("/mechanism/parent_id").asInt()).isEqualTo(0);
    assertThat(error.exceptions().get(0).at("/mechanism/source").asText()).isEqualTo("cause");
    assertThat(error.exceptions().get(1).get("type").asText()).isEqualTo("IllegalStateException");
    assertThat(error.exceptions().get(1).at("/mechanism/type").asText()).isEqualTo("generic");
    assertThat(error.exceptions().get(1).at("/mechanism/exception_id").asInt()).isEqualTo(0);
    var frames = error.exceptions().get(1).at("/stacktrace/frames");
    assertThat(frames.get(frames.size() - 1).get("function").asText())
        .isEqualTo("deliversTheQuickStartEventsWithScopesUserBreadcrumbsAndCauseChain");
    assertThat(error.envelope().header().get("event_id").asText()).isEqualTo(failure.toString());
    assertThat(error.envelope().header().get("trace").get("public_key").asText())
        .isEqualTo(SentryReceiver.PUBLIC_KEY);
    assertThat(error.envelope().requestHeader("Content-Encoding")).isEqualTo("gzip");

    for (ReceivedEvent e : events) {
      RelaySchema.assertValidEvent(e.json());
    }
  }

  @Test
  void withoutDsnEveryCallIsANoOp() {
    Sentry.init(options -> options.setDsn(""));
    assertThat(Sentry.isInitialized()).isFalse();
    assertThat(Sentry.captureMessage("nobody hears this")).isEqualTo(SentryId.EMPTY);
    Sentry.setTag("a", "b");
    Sentry.addBreadcrumb("ignored");
    assertThat(Sentry.flush(Duration.ofMillis(10))).isTrue();
    assertThat(receiver.requestCount()).isZero();
  }

  @Test
  void sameThrowableIsSentOnce() {
    Sentry.init(receiver.dsn());
    RuntimeException boom = new RuntimeException("boom");
    SentryId first = Sentry.captureException(boom);
    SentryId second = Sentry.captureException(boom);
    assertThat(first.isEmpty()).isFalse();
    assertThat(second).isEqualTo(SentryId.EMPTY);
    assertThat(Sentry.flush(Duration.ofSeconds(5))).isTrue();
    assertThat(receiver.events()).hasSize(1);
  }

  @Test
  void scopeCallbackAppliesToOneCaptureOnly() {
    Sentry.init(receiver.dsn());
    Sentry.captureMessage("tagged", scope -> scope.setTag("only", "here"));
    Sentry.captureMessage("plain");
    List<ReceivedEvent> events = receiver.awaitEvents(2, Duration.ofSeconds(10));
    assertThat(find(events, "tagged").tags()).containsEntry("only", "here");
    assertThat(find(events, "plain").tags()).doesNotContainKey("only");
    assertThat(Sentry.getIsolationScope().getTags()).doesNotContainKey("only");
    assertThat(Sentry.getCurrentScope().getTags()).doesNotContainKey("only");
  }

  private static ReceivedEvent find(List<ReceivedEvent> events, String message) {
    return events.stream()
        .filter(e -> message.equals(e.message()))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no event '" + message + "' in " + events));
  }
}
