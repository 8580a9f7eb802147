package dev.sentry4j.log4j2;

import org.apache.logging.log4j.core.LogEvent;
import org.apache.logging.log4j.core.config.plugins.Plugin;
import org.apache.logging.log4j.core.pattern.ConverterKeys;
import org.apache.logging.log4j.core.pattern.LogEventPatternConverter;
import org.apache.logging.log4j.core.pattern.PatternConverter;

/** {@code %throwError}: a pattern converter with a bad bug, it throws an {@link Error}. */
@Plugin(name = "ErrorThrowingConverter", category = PatternConverter.CATEGORY)
@ConverterKeys({"throwError"})
public final class ErrorThrowingConverter extends LogEventPatternConverter {
  private ErrorThrowingConverter() {
    super("throwError", "throwError");
  }

  /** Log4j's factory method. */
  public static ErrorThrowingConverter newInstance(String[] options) {
    return new ErrorThrowingConverter();
  }

  @Override
  public void format(LogEvent event, StringBuilder toAppendTo) {
    throw new AssertionError("converter bug");
  }
}
