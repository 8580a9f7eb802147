package dev.sentry4j.jul;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.ErrorManager;

/** Keeps what a handler reported, as a user's own ErrorManager would see it. */
final class RecordingErrorManager extends ErrorManager {
  final List<String> reports = new CopyOnWriteArrayList<>();

  @Override
  public void error(String msg, Exception ex, int code) {
    reports.add(code + ": " + msg + (ex == null ? "" : " [" + ex + "]"));
  }
}
