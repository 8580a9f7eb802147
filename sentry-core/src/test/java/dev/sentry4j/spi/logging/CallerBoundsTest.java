package dev.sentry4j.spi.logging;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sentry4j.Sentry;
import dev.sentry4j.event.Breadcrumb;
import dev.sentry4j.event.Event;
import dev.sentry4j.logs.LogLevel;
import dev.sentry4j.scope.Scope;
import dev.sentry4j.testing.ReceivedEvent;
import dev.sentry4j.testing.RelaySchema;
import dev.sentry4j.testing.SentryReceiver;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Bounded work and memory on the capturing thread: breadcrumbs cut to the protocol's limits, MDC
 * capped with a counted truncation, deduplication by identity, cause chains walked to a fixed
 * depth.
 */
@Timeout(60)
class CallerBoundsTest {
  private static final Duration WAIT = Duration.ofSeconds(15);

  private SentryReceiver receiver;

  @BeforeEach
  void start() {
    receiver = SentryReceiver.start();
    Sentry.init(o -> o.setDsn(receiver.dsn()));
  }

  @AfterEach
  void stop() {
    Sentry.close();
    receiver.close();
  }

  @Test
  void aHundredBreadcrumbsOfAMillionCharactersRetainAtMostTwoMegabytes() {
    LogCapture capture = new LogCapture(LogCaptureSettings.builder("logback").build());
    String huge = "x".repeat(1_000_000);
    for (int i = 0; i < 100; i++) {
      capture.captureBreadcrumb(LogLevel.INFO, "com.example.Big", null, i + huge);
    }
    Breadcrumb fromBuilder =
        Breadcrumb.builder().message(huge).category(huge).data("payload", huge).build();
    Sentry.addBreadcrumb(fromBuilder);

    long retained = 0;
    for (Scope scope :
        List.of(Sentry.getGlobalScope(), Sentry.getIsolationScope(), Sentry.getCurrentScope())) {
      for (Breadcrumb b : scope.getBreadcrumbs()) {
        retained += 2L * (b.getMessage().length() + Objects.toString(b.getCategory(), "").length());
        retained += 2L * b.getData().values().stream().mapToLong(v -> v.toString().length()).sum();
      }
    }
    assertThat(retained)
        .as("bytes of breadcrumb text, 2 per character")
        .isLessThanOrEqualTo(2_000_000);

    List<JsonNode> sent = breadcrumbsOfNextEvent();
    assertThat(sent).hasSize(100);
    assertThat(sent.get(98).get("message").asText())
        .hasSize(Breadcrumb.MAX_MESSAGE_CHARS)
        .startsWith("99xxx")
        .endsWith("\u2026");
    assertThat(sent.get(99).get("data").get("payload").asText().length())
        .isLessThanOrEqualTo(Breadcrumb.MAX_DATA_CHARS);
  }

  @Test
  void aHugeMdcIsCappedInCountAndSizeAndTheCutIsCountedAndShown() {
    Map<String, String> mdc = new HashMap<>();
    for (int i = 0; i < 100_000; i++) {
      mdc.put("key" + i, "value " + i);
    }
    mdc.put("big", "y".repeat(100_000));
    long before = LogCapture.getTruncatedLines();
    LogCapture capture = new LogCapture(LogCaptureSettings.builder("logback").build());

    Event event =
        capture.toEvent(
            LogRecord.builder(LogLevel.ERROR)
                .loggerName("com.example.Mdc")
                .formattedMessage("boom")
                .mdc(mdc)
                .build());

    assertThat(event.getExtras()).hasSizeLessThanOrEqualTo(CaptureLimits.MAX_ENTRIES + 1);
    assertThat(event.getExtras().get(CaptureLimits.MARKER)).asString().contains("entries left out");
    assertThat(event.getExtras().values())
        .allMatch(v -> v.toString().length() <= CaptureLimits.MAX_VALUE_CHARS);
    assertThat(LogCapture.getTruncatedLines()).isGreaterThan(before);
  }

  @Test
  void valueEqualExceptionsGiveOneEventEachAndTheSameInstanceOne() {
    Sentry.captureException(new CodedException("E42"));
    Sentry.captureException(new CodedException("E42"));
    CodedException same = new CodedException("E43");
    Sentry.captureException(same);
    Sentry.captureException(same);
    Sentry.captureException(new RuntimeException("wrapped", same)); // its cause was sent already

    assertThat(Sentry.flush(WAIT)).isTrue();
    List<ReceivedEvent> events = receiver.awaitEvents(3, WAIT);
    assertThat(Sentry.flush(WAIT)).isTrue();
    assertThat(receiver.events()).hasSize(3);
    assertThat(events).allSatisfy(e -> RelaySchema.assertValidEvent(e.json()));
  }

  @Test
  void aMillionDeepOrEndlessCauseChainIsWalkedToAFixedDepthOnTheCallingThread() {
    Throwable deep = new IllegalStateException("bottom");
    for (int i = 0; i < 1_000_000; i++) {
      deep = new CountingException("level " + i, deep);
    }
    CountingException.CALLS.set(0);
    CountingException.caller = Thread.currentThread();
    Sentry.captureException(deep);
    int walkedOnCaller = CountingException.CALLS.get();
    assertThat(walkedOnCaller)
        .as("getCause() calls on the capturing thread")
        .isLessThanOrEqualTo(64);

    Sentry.captureException(new EndlessException(0)); // every getCause() makes a new one
    assertThat(Sentry.flush(WAIT)).isTrue();
    List<ReceivedEvent> events = receiver.awaitEvents(2, WAIT);
    for (ReceivedEvent e : events) {
      RelaySchema.assertValidEvent(e.json());
      assertThat(e.json().get("exception").get("values").size()).isLessThanOrEqualTo(50);
    }
  }

  /** The breadcrumbs of the one event captured after the lines under test. */
  private List<JsonNode> breadcrumbsOfNextEvent() {
    Sentry.captureMessage("boom");
    assertThat(Sentry.flush(WAIT)).isTrue();
    ReceivedEvent event = receiver.awaitEvents(1, WAIT).get(0);
    return event.breadcrumbs();
  }

  /** Equal by error code, as some application exceptions are. */
  static final class CodedException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final String code;

    CodedException(String code) {
      super("failed with " + code);
      this.code = code;
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof CodedException && ((CodedException) o).code.equals(code);
    }

    @Override
    public int hashCode() {
      return code.hashCode();
    }
  }

  /** Counts how often its cause is asked for; no stack of its own (a million of them). */
  static final class CountingException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    static final AtomicInteger CALLS = new AtomicInteger();
    static volatile Thread caller;

    CountingException(String message, Throwable cause) {
      super(message, cause, false, false);
    }

    @Override
    public synchronized Throwable getCause() {
      if (Thread.currentThread() == caller) {
        CALLS.incrementAndGet();
      }
      return super.getCause();
    }
  }

  /** A cause chain without end. */
  static final class EndlessException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final int depth;

    EndlessException(int depth) {
      super("depth " + depth, null, false, false);
      this.depth = depth;
    }

    @Override
    public synchronized Throwable getCause() {
      return new EndlessException(depth + 1);
    }
  }
}
