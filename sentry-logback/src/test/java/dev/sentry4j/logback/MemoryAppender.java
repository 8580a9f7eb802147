package dev.sentry4j.logback;

import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.OutputStreamAppender;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.stream.Collectors;

/** An appender whose encoder writes into memory, so that tests read the lines a pattern printed. */
public final class MemoryAppender extends OutputStreamAppender<ILoggingEvent> {
  private final ByteArrayOutputStream out = new ByteArrayOutputStream();

  @Override
  public void start() {
    setOutputStream(out);
    super.start();
  }

  /** The lines written so far. */
  public List<String> lines() {
    return out.toString(StandardCharsets.UTF_8).lines().collect(Collectors.toList());
  }
}
