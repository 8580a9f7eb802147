package dev.sentry4j.clientreport;

/** Rate-limit and client-report categories (Relay's names). */
public enum DataCategory {
  /** Error events. */
  ERROR("error"),
  /** Transactions. */
  TRANSACTION("transaction"),
  /** Spans (a dropped transaction also counts its spans + 1). */
  SPAN("span"),
  /** Attachments, counted in bytes. */
  ATTACHMENT("attachment"),
  /** Sessions. */
  SESSION("session"),
  /** Log records. */
  LOG_ITEM("log_item"),
  /** Log bytes. */
  LOG_BYTE("log_byte"),
  /** Cron check-ins. */
  MONITOR("monitor"),
  /** Client reports themselves; covered only by an "all categories" limit. */
  INTERNAL("internal");

  private final String wireName;

  DataCategory(String wireName) {
    this.wireName = wireName;
  }

  /** The name used on the wire. */
  public String wireName() {
    return wireName;
  }

  /** The category with this wire name, or {@code null}. */
  public static DataCategory fromWireName(String name) {
    for (DataCategory c : values()) {
      if (c.wireName.equals(name)) {
        return c;
      }
    }
    return null;
  }
}
