package dev.sentry4j.mdc;

import dev.sentry4j.event.Event;
import dev.sentry4j.event.EventProcessor;
import dev.sentry4j.event.Hint;
import dev.sentry4j.spi.CallerThreadCapture;
import dev.sentry4j.spi.logging.LogRecord;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Objects;
import org.slf4j.MDC;

/**
 * Copies chosen MDC keys into error events as tags, so that {@code MDC.put("tenant", "acme")}
 * followed by {@code Sentry.captureException(e)} sends {@code tenant=acme}. Found by sentry-core
 * with {@link java.util.ServiceLoader}: name the keys with {@code sentry.mdc.tags=tenant,region}
 * (system property, {@code SENTRY_MDC_TAGS}, or {@code mdc.tags} in {@code sentry.properties}),
 * read at {@code Sentry.init}. Or add one in code:
 *
 * <pre>{@code
 * Sentry.init(options -> {
 *   options.setDsn("...");
 *   options.addEventProcessor(new MdcTagsProcessor("tenant", "region"));
 * });
 * }</pre>
 *
 * <ul>
 *   <li>A tag the event already has (set on the event, on a scope with {@code Sentry.setTag}, in
 *       the options, or by an appender's {@code contextTags}) wins over the MDC.
 *   <li>For an event made from a log line (the hint carries its {@link LogRecord}) the MDC frozen
 *       with the line is read, not the current thread's: right behind asynchronous appenders too.
 *   <li>Absent keys add nothing; transactions are left alone.
 * </ul>
 *
 * <p>Thread-safe (immutable). Event processors run on the SDK's worker: on the capturing thread
 * ({@link CallerThreadCapture}) it copies the keys' MDC values into the hint, unless the hint
 * carries a log record; on the worker it reads them from there.
 */
public final class MdcTagsProcessor implements EventProcessor, CallerThreadCapture {
  /** Hint key of the MDC values read on the capturing thread. */
  static final String HINT_KEY = "sentry4j.mdc.tags";

  private final String[] keys;

  /**
   * The processor with the keys of the {@code tags} setting (none unless configured; none when
   * {@code sentry.mdc.enabled=false}).
   *
   * @throws IllegalArgumentException naming a bad setting: {@code Sentry.init} fails with it
   */
  public MdcTagsProcessor() {
    MdcSettings settings = MdcSettings.fromEnvironment();
    this.keys = settings.enabled ? settings.tagKeys.toArray(new String[0]) : new String[0];
  }

  /**
   * A processor copying the given MDC keys, whatever the settings say.
   *
   * @param mdcKeys MDC keys to copy as tags of the same name
   */
  public MdcTagsProcessor(String... mdcKeys) {
    this(Arrays.asList(mdcKeys));
  }

  /**
   * A processor copying the given MDC keys, whatever the settings say.
   *
   * @param mdcKeys MDC keys to copy as tags of the same name
   * @throws IllegalArgumentException when a key is null or blank
   */
  public MdcTagsProcessor(Collection<String> mdcKeys) {
    LinkedHashSet<String> unique = new LinkedHashSet<>();
    for (String key : Objects.requireNonNull(mdcKeys, "mdcKeys")) {
      if (key == null || key.trim().isEmpty()) {
        throw new IllegalArgumentException("MdcTagsProcessor: an MDC key is blank: " + mdcKeys);
      }
      unique.add(key.trim());
    }
    this.keys = unique.toArray(new String[0]);
  }

  /** Copies the keys' values from the capturing thread's MDC, unless a log record froze them. */
  @Override
  public void onCallerThread(Event event, Hint hint) {
    if (keys.length == 0 || hint.get(Hint.LOG_RECORD) instanceof LogRecord) {
      return;
    }
    Map<String, String> values = new HashMap<>();
    for (String key : keys) {
      String value = MDC.get(key);
      if (value != null) {
        values.put(key, value);
      }
    }
    hint.set(HINT_KEY, values);
  }

  @Override
  public Event process(Event event, Hint hint) {
    if (keys.length == 0) {
      return event;
    }
    Map<String, String> recorded = null;
    if (hint != null && hint.get(Hint.LOG_RECORD) instanceof LogRecord) {
      recorded = ((LogRecord) hint.get(Hint.LOG_RECORD)).getMdc();
    } else if (hint != null && hint.get(HINT_KEY) instanceof Map) {
      @SuppressWarnings("unchecked")
      Map<String, String> copied = (Map<String, String>) hint.get(HINT_KEY);
      recorded = copied;
    }
    Map<String, String> tags = event.getTags();
    for (String key : keys) {
      if (tags.containsKey(key)) {
        continue;
      }
      String value = recorded != null ? recorded.get(key) : MDC.get(key);
      if (value != null) {
        event.setTag(key, value);
      }
    }
    return event;
  }

  @Override
  public String toString() {
    return "MdcTagsProcessor" + Arrays.toString(keys);
  }
}
