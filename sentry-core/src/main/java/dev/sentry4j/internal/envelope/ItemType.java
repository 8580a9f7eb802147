package dev.sentry4j.internal.envelope;

import dev.sentry4j.clientreport.DataCategory;

/** The envelope item types sentry4j writes. */
public enum ItemType {
  /** An error event. */
  EVENT("event", DataCategory.ERROR),
  /** A transaction. */
  TRANSACTION("transaction", DataCategory.TRANSACTION),
  /** An attachment. */
  ATTACHMENT("attachment", DataCategory.ATTACHMENT),
  /** A batch of Sentry Logs. */
  LOG("log", DataCategory.LOG_ITEM),
  /** A client report. */
  CLIENT_REPORT("client_report", DataCategory.INTERNAL),
  /** A release-health session update. */
  SESSION("session", DataCategory.SESSION),
  /** A cron check-in. */
  CHECK_IN("check_in", DataCategory.MONITOR);

  private final String wireName;
  private final DataCategory category;

  ItemType(String wireName, DataCategory category) {
    this.wireName = wireName;
    this.category = category;
  }

  /** The {@code type} written in the item header. */
  public String wireName() {
    return wireName;
  }

  /** The rate-limit category that covers items of this type. */
  public DataCategory category() {
    return category;
  }

  /** The type with this wire name, or {@code null}. */
  public static ItemType fromWireName(String name) {
    for (ItemType t : values()) {
      if (t.wireName.equals(name)) {
        return t;
      }
    }
    return null;
  }
}
