package dev.sentry4j.internal.logs;

import dev.sentry4j.event.Message;
import dev.sentry4j.internal.HostName;
import dev.sentry4j.internal.SdkInfo;
import dev.sentry4j.internal.privacy.Scrubber;
import dev.sentry4j.logs.LogAttributes;
import dev.sentry4j.logs.LogItem;
import dev.sentry4j.options.SentryOptions;
import dev.sentry4j.spi.Diagnostics;
import dev.sentry4j.spi.ReentryGuard;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The processing step of the Sentry Logs pipeline, one record at a time and with no I/O: adds the
 * default attributes (environment, release, SDK, server), scrubs sensitive attributes and message
 * parameters, then runs {@code beforeSendLog}, which sees the scrubbed record and may edit or drop
 * it. Runs on the SDK's logs thread or the thread calling {@code flush}/{@code close}. Thread-safe.
 * Internal, may change.
 */
final class LogProcessor {
  private final SentryOptions.BeforeSendLogCallback beforeSendLog;
  private final String configuredServerName;
  private final Map<String, Object> fixedDefaults;
  private volatile Scrubber scrubber;

  LogProcessor(SentryOptions options) {
    this.beforeSendLog = options.getBeforeSendLog();
    this.configuredServerName = options.getServerName();
    Map<String, Object> defaults = new LinkedHashMap<>();
    defaults.put(LogAttributes.ENVIRONMENT, options.getEnvironment());
    if (options.getRelease() != null) {
      defaults.put(LogAttributes.RELEASE, options.getRelease());
    }
    defaults.put(LogAttributes.SDK_NAME, SdkInfo.NAME);
    defaults.put(LogAttributes.SDK_VERSION, SdkInfo.VERSION);
    this.fixedDefaults = defaults;
  }

  void setScrubber(Scrubber scrubber) {
    this.scrubber = scrubber;
  }

  /** The default attributes of this batch (the host name is looked up once per batch). */
  Map<String, Object> defaults() {
    String server = configuredServerName != null ? configuredServerName : HostName.get();
    if (server == null) {
      return fixedDefaults;
    }
    Map<String, Object> all = new LinkedHashMap<>(fixedDefaults);
    all.put(LogAttributes.SERVER_ADDRESS, server);
    return all;
  }

  /** The record as it is sent, or {@code null} when {@code beforeSendLog} dropped it. */
  LogItem process(LogItem item, Map<String, Object> defaults) {
    return runBeforeSendLog(scrub(withDefaults(item, defaults)));
  }

  private static LogItem withDefaults(LogItem item, Map<String, Object> defaults) {
    LogItem.Builder b = item.toBuilder();
    for (Map.Entry<String, Object> d : defaults.entrySet()) {
      if (!item.getAttributes().containsKey(d.getKey())) {
        b.attribute(d.getKey(), d.getValue());
      }
    }
    return b.build();
  }

  private LogItem scrub(LogItem item) {
    Scrubber s = scrubber;
    if (s == null) {
      return item;
    }
    Map<String, Object> attributes = item.getAttributes();
    Map<String, Object> scrubbed = s.scrubMap(attributes);
    Object template = attributes.get(LogAttributes.MESSAGE_TEMPLATE);
    List<String> params = new ArrayList<>();
    for (int i = 0; attributes.containsKey(LogAttributes.MESSAGE_PARAMETER_PREFIX + i); i++) {
      params.add(String.valueOf(attributes.get(LogAttributes.MESSAGE_PARAMETER_PREFIX + i)));
    }
    Message message =
        template instanceof String
            ? new Message((String) template, params, item.getBody())
            : new Message(item.getBody(), List.of(), null);
    Message filtered = s.scrubMessage(message);
    if (scrubbed == attributes && filtered == message) {
      return item;
    }
    LogItem.Builder b = item.toBuilder();
    if (scrubbed != attributes) {
      for (Map.Entry<String, Object> a : scrubbed.entrySet()) {
        if (!Objects.equals(a.getValue(), attributes.get(a.getKey()))) {
          b.attribute(a.getKey(), a.getValue());
        }
      }
    }
    if (filtered != message) {
      b.body(filtered.getText());
      for (int i = 0; i < params.size() && i < filtered.getParams().size(); i++) {
        if (!params.get(i).equals(filtered.getParams().get(i))) {
          b.attribute(LogAttributes.MESSAGE_PARAMETER_PREFIX + i, filtered.getParams().get(i));
        }
      }
    }
    return b.build();
  }

  private LogItem runBeforeSendLog(LogItem item) {
    if (beforeSendLog == null) {
      return item;
    }
    // lines the callback logs itself must not come back here
    boolean entered = ReentryGuard.enter();
    try {
      return beforeSendLog.execute(item);
    } catch (RuntimeException e) {
      Diagnostics.error(
          "beforeSendLog", "beforeSendLog threw; the log record is sent unchanged", e);
      return item;
    } finally {
      if (entered) {
        ReentryGuard.exit();
      }
    }
  }
}
