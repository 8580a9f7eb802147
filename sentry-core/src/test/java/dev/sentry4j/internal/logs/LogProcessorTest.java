package dev.sentry4j.internal.logs;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sentry4j.internal.privacy.Scrubber;
import dev.sentry4j.logs.LogAttributes;
import dev.sentry4j.logs.LogItem;
import dev.sentry4j.logs.LogLevel;
import dev.sentry4j.options.SentryOptions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The pure processing step, without a buffer, a thread or a transport: defaults are added without
 * overriding the record's own attributes, sensitive attributes are scrubbed before {@code
 * beforeSendLog} sees the record, and {@code beforeSendLog} may drop it.
 */
class LogProcessorTest {
  private static final String TRACE = "771a43a4192642f0b136d5159a501700";

  private static LogItem item(String key, Object value) {
    return LogItem.builder(LogLevel.INFO, "paid").trace(TRACE, null).attribute(key, value).build();
  }

  @Test
  void defaultsAreAddedWithoutOverridingTheRecordsOwn() {
    SentryOptions options =
        SentryOptions.builder()
            .setEnvironment("staging")
            .setRelease("shop@2")
            .setServerName("web-1")
            .build();
    LogProcessor processor = new LogProcessor(options);
    LogItem out = processor.process(item(LogAttributes.ENVIRONMENT, "mine"), processor.defaults());
    assertThat(out.getAttributes())
        .containsEntry(LogAttributes.ENVIRONMENT, "mine")
        .containsEntry(LogAttributes.RELEASE, "shop@2")
        .containsEntry(LogAttributes.SERVER_ADDRESS, "web-1");
  }

  @Test
  void beforeSendLogSeesTheScrubbedRecordAndMayDropIt() {
    List<Object> seen = new ArrayList<>();
    SentryOptions options =
        SentryOptions.builder()
            .setBeforeSendLog(
                log -> {
                  seen.add(log.getAttributes().get("password"));
                  return log.getBody().equals("drop me") ? null : log;
                })
            .build();
    LogProcessor processor = new LogProcessor(options);
    processor.setScrubber(Scrubber.fromOptions(options));
    Map<String, Object> defaults = processor.defaults();

    LogItem out = processor.process(item("password", "hunter2"), defaults);
    assertThat(out.getAttributes()).containsEntry("password", Scrubber.FILTERED);
    assertThat(seen).containsExactly(Scrubber.FILTERED);

    LogItem drop = LogItem.builder(LogLevel.INFO, "drop me").trace(TRACE, null).build();
    assertThat(processor.process(drop, defaults)).isNull();
  }
}
