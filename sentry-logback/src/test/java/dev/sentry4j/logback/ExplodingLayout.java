package dev.sentry4j.logback;

import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.LayoutBase;

/** A layout with a bug: every call throws. */
public final class ExplodingLayout extends LayoutBase<ILoggingEvent> {
  @Override
  public String doLayout(ILoggingEvent event) {
    throw new IllegalStateException("layout bug");
  }
}
