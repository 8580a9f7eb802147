package dev.sentry4j.event;

import dev.sentry4j.internal.Ids;
import java.util.Locale;

/**
 * An event id: 32 lowercase hex characters, no dashes. Capture methods return {@link #EMPTY} when
 * nothing was sent. Immutable.
 */
public final class SentryId {
  /** The id returned when an event was not sent (disabled SDK, dropped, sampled out). */
  public static final SentryId EMPTY = new SentryId("00000000000000000000000000000000");

  private final String value;

  private SentryId(String value) {
    this.value = value;
  }

  /** A new random id. */
  public static SentryId random() {
    return new SentryId(Ids.newId32());
  }

  /**
   * Parses an id; dashes are removed and upper case is lowered.
   *
   * @throws IllegalArgumentException naming the value when it is not 32 hex digits
   */
  public static SentryId parse(String text) {
    String v = text == null ? "" : text.replace("-", "").toLowerCase(Locale.ROOT);
    if (!Ids.isLowerHex(v, 32) && !v.equals(EMPTY.value)) {
      throw new IllegalArgumentException(
          "Invalid event id '" + text + "' (expected 32 hex digits)");
    }
    return new SentryId(v);
  }

  /** Whether this is {@link #EMPTY}. */
  public boolean isEmpty() {
    return EMPTY.value.equals(value);
  }

  @Override
  public String toString() {
    return value;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof SentryId && ((SentryId) o).value.equals(value);
  }

  @Override
  public int hashCode() {
    return value.hashCode();
  }
}
