package dev.sentry4j.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** Runs the demo as the README's first command does, against its own receiver, and reads what it printed. */
class DemoTest {
  private static String runDemo(String which) throws Exception {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);
    int failures = Demo.run(which, null, out);
    String printed = bytes.toString(StandardCharsets.UTF_8);
    assertThat(failures).as(printed).isZero();
    assertThat(printed).doesNotContain("MALFORMED");
    return printed;
  }

  @Test
  void coreDemoPrintsItsEventsWithTagsUserBreadcrumbsAndCauseChain() throws Exception {
    String printed = runDemo("core");
    assertThat(printed)
        .contains("EVENT info    \"hello\"")
        .contains("color=green")
        .contains("EVENT warning \"hello, again\"")
        .contains("tenant=acme")
        .contains("\"id\":\"u-17\"")
        .contains("breadcrumbs  2 (last: card authorised)")
        .contains("exception    java.lang.IllegalStateException: checkout failed for order A-17")
        .contains("caused by    java.net.SocketTimeoutException: read timed out");
  }

  @Test
  void log4j2DemoPrintsTheErrorEventWithItsBreadcrumbsAndThreadContext() throws Exception {
    String printed = runDemo("log4j2");
    assertThat(printed)
        .contains("EVENT error   \"checkout failed for order A-17\"")
        .contains("logger       com.acme.shop.Checkout")
        .contains("tenant=acme")
        .contains("marker=PAYMENT")
        .contains("breadcrumbs  2 (last: payment gateway slow: 1200 ms)")
        .contains("exception    java.lang.IllegalStateException: card declined")
        .contains("caused by    java.net.SocketTimeoutException: read timed out")
        .contains("\"request_id\":\"r-42\"");
  }

  @Test
  void logbackDemoPrintsTheErrorEventWithItsBreadcrumbsMdcTagAndCause() throws Exception {
    String printed = runDemo("logback");
    assertThat(printed)
        .contains("EVENT error   \"payment failed for order A-17\"")
        .contains("tenant=acme")
        .contains("breadcrumbs  2 (last: payment gateway slow: 2300 ms)")
        .contains("exception    java.lang.IllegalStateException: card could not be charged")
        .contains("caused by    java.net.SocketTimeoutException: read timed out");
  }

  @Test
  void unknownDemoNameIsAClearError() throws Exception {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    int failures = Demo.run("nope", null, new PrintStream(bytes, true, StandardCharsets.UTF_8));
    assertThat(failures).isEqualTo(1);
    assertThat(bytes.toString(StandardCharsets.UTF_8)).contains("Unknown demo 'nope'");
  }
}
