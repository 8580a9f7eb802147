package dev.sentry4j.event;

import java.util.List;
import java.util.Map;

/**
 * What error events ({@link Event}) and transactions ({@link TransactionEvent}) share: the data
 * that scopes and options add when they are captured. Not thread-safe: an event belongs to one
 * capture call.
 */
public interface BaseEvent {
  /** The event id. */
  SentryId getEventId();

  /** The tags (mutable). */
  Map<String, String> getTags();

  /** The extras (mutable). */
  Map<String, Object> getExtras();

  /** The contexts by name (mutable); {@code trace} is written from the event's trace. */
  Map<String, Map<String, Object>> getContexts();

  /** The user, or {@code null}. */
  User getUser();

  /** Sets the user. */
  void setUser(User user);

  /** The breadcrumbs, oldest first (mutable). */
  List<Breadcrumb> getBreadcrumbs();

  /** Replaces the breadcrumbs. */
  void setBreadcrumbs(List<Breadcrumb> breadcrumbs);

  /** The environment (default from options). */
  String getEnvironment();

  /** Sets the environment. */
  void setEnvironment(String environment);

  /** The release (default from options). */
  String getRelease();

  /** Sets the release. */
  void setRelease(String release);

  /** The distribution (default from options). */
  String getDist();

  /** Sets the distribution. */
  void setDist(String dist);

  /** The server name (default from options, else the host name). */
  String getServerName();

  /** Sets the server name. */
  void setServerName(String serverName);
}
