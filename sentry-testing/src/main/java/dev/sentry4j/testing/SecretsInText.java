package dev.sentry4j.testing;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * What the adapters' secrets-in-text tests expect a receiver to have got, shared so that each
 * adapter checks the same thing. Each method awaits what the lines it names should have produced,
 * then checks it; it throws {@link AssertionError} naming what differs. Thread-safe (stateless).
 */
public final class SecretsInText {
  /** The card number the masking layout or encoder replaces with {@code [card]}. */
  public static final String CARD = "4111 1111 1111 1111";

  private SecretsInText() {}

  /**
   * After {@code info("login for {} with password={}", "bob", secret)} and {@code error("retry with
   * password={} failed", secret)}, Sentry Logs on: the event, its breadcrumb and both logs carry
   * {@code [Filtered]}, never a text containing {@code SECRET}.
   */
  public static void assertPasswordFiltered(SentryReceiver receiver, Duration wait) {
    ReceivedEvent event = receiver.awaitEvents(1, wait).get(0);
    List<ReceivedLog> logs = receiver.awaitLogs(2, wait);
    check(!event.json().toString().contains("SECRET"), "no SECRET in the event", event.json());
    check(
        "retry with password=[Filtered] failed".equals(event.message()),
        "the event's message filtered",
        event.message());
    List<String> crumbs =
        event.breadcrumbs().stream()
            .map(b -> b.path("message").asText())
            .collect(Collectors.toList());
    check(
        crumbs.equals(List.of("login for bob with password=[Filtered]")),
        "one filtered breadcrumb",
        crumbs);
    for (ReceivedLog l : logs) {
      check(!l.json().toString().contains("SECRET"), "no SECRET in a log", l.json());
    }
    List<String> bodies = logs.stream().map(ReceivedLog::body).collect(Collectors.toList());
    check(
        bodies.equals(
            List.of(
                "login for bob with password=[Filtered]", "retry with password=[Filtered] failed")),
        "both logs filtered",
        bodies);
    RelaySchema.assertValid(event);
  }

  /**
   * After {@code error("payment with card {} for {} failed", CARD, "bob")} through the masking
   * layout or encoder with {@code sendDefaultPii=false}: the event and the log carry only the
   * layout's text; no parameters, no template, no card number.
   */
  public static void assertOnlyTheLayoutsTextIsSent(SentryReceiver receiver, Duration wait) {
    ReceivedEvent event = receiver.awaitEvents(1, wait).get(0);
    ReceivedLog item = receiver.awaitLogs(1, wait).get(0);
    String masked = "payment with card [card]for bob failed";
    check(masked.equals(event.message()), "the layout's text as message", event.message());
    check(!event.json().toString().contains("4111"), "no card number in the event", event.json());
    check(
        event.json().at("/logentry/params").isMissingNode(),
        "no parameters",
        event.json().at("/logentry"));
    check(masked.equals(item.body()), "the layout's text as the log's body", item.body());
    check(!item.json().toString().contains("4111"), "no card number in the log", item.json());
    check(
        item.attribute("sentry.message.template") == null,
        "no template attribute",
        item.attribute("sentry.message.template"));
    RelaySchema.assertValid(event);
  }

  /**
   * As {@link #assertOnlyTheLayoutsTextIsSent} but with {@code sendDefaultPii=true}: the message is
   * still the layout's text, and the parameters are sent too.
   */
  public static void assertTheParametersAreSentToo(SentryReceiver receiver, Duration wait) {
    ReceivedEvent event = receiver.awaitEvents(1, wait).get(0);
    check(
        "payment with card [card]for bob failed".equals(event.message()),
        "the layout's text as message",
        event.message());
    String param = event.json().at("/logentry/params/0").asText();
    check(CARD.equals(param), "the card number as first parameter", param);
  }

  private static void check(boolean ok, String expected, Object actual) {
    if (!ok) {
      throw new AssertionError("expected " + expected + ", but got: " + Objects.toString(actual));
    }
  }
}
