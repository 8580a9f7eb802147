package dev.sentry4j.logback;

import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.LayoutBase;

/** A layout with a worse bug: every call throws an {@link Error}. */
public final class ErrorThrowingLayout extends LayoutBase<ILoggingEvent> {
  @Override
  public String doLayout(ILoggingEvent event) {
    throw new AssertionError("layout bug");
  }
}
