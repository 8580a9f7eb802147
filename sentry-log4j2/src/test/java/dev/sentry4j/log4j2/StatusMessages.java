package dev.sentry4j.log4j2;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.status.StatusData;
import org.apache.logging.log4j.status.StatusListener;
import org.apache.logging.log4j.status.StatusLogger;

/** Collects what Log4j's StatusLogger reports, as a user's status listener would see it. */
final class StatusMessages implements AutoCloseable {
  private final List<StatusData> received = new CopyOnWriteArrayList<>();
  private final StatusListener listener =
      new StatusListener() {
        @Override
        public void log(StatusData data) {
          received.add(data);
        }

        @Override
        public Level getStatusLevel() {
          return Level.INFO;
        }

        @Override
        public void close() {
          // StatusLogger calls this on removal; nothing to release
        }
      };

  static StatusMessages listen() {
    StatusMessages messages = new StatusMessages();
    StatusLogger.getLogger().registerListener(messages.listener);
    return messages;
  }

  /** The formatted messages at {@code level}. */
  List<String> at(Level level) {
    return received.stream()
        .filter(d -> d.getLevel() == level)
        .map(d -> d.getMessage().getFormattedMessage())
        .toList();
  }

  /** Every message received (at INFO and above), with its throwable's messages, formatted. */
  List<String> all() {
    return received.stream()
        .map(
            d -> {
              StringBuilder text = new StringBuilder(d.getMessage().getFormattedMessage());
              for (Throwable t = d.getThrowable(); t != null; t = t.getCause()) {
                text.append(" | ").append(t);
              }
              return text.toString();
            })
        .toList();
  }

  @Override
  public void close() {
    StatusLogger.getLogger().removeListener(listener);
  }
}
