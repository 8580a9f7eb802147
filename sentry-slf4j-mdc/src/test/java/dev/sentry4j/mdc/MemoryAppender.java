package dev.sentry4j.mdc;

import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.UnsynchronizedAppenderBase;
import ch.qos.logback.core.encoder.Encoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;

/** A Logback appender that keeps what its encoder (a real pattern layout) printed, line by line. */
public final class MemoryAppender extends UnsynchronizedAppenderBase<ILoggingEvent> {
  private static final Queue<String> LINES = new ConcurrentLinkedQueue<>();

  private Encoder<ILoggingEvent> encoder;

  /** Set by logback-test.xml. */
  public void setEncoder(Encoder<ILoggingEvent> encoder) {
    this.encoder = encoder;
  }

  @Override
  public void start() {
    if (encoder == null) {
      addError("No encoder for " + getName());
      return;
    }
    super.start();
  }

  @Override
  protected void append(ILoggingEvent event) {
    String text = new String(encoder.encode(event), StandardCharsets.UTF_8);
    for (String line : text.split("\\R")) {
      if (!line.isEmpty()) {
        LINES.add(line);
      }
    }
  }

  static List<String> lines() {
    return new ArrayList<>(LINES);
  }

  static void clear() {
    LINES.clear();
  }
}
