package dev.sentry4j.log4j2;

import java.io.Serializable;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.logging.log4j.core.Appender;
import org.apache.logging.log4j.core.Core;
import org.apache.logging.log4j.core.Layout;
import org.apache.logging.log4j.core.LogEvent;
import org.apache.logging.log4j.core.appender.AbstractAppender;
import org.apache.logging.log4j.core.config.Property;
import org.apache.logging.log4j.core.config.plugins.Plugin;
import org.apache.logging.log4j.core.config.plugins.PluginAttribute;
import org.apache.logging.log4j.core.config.plugins.PluginElement;
import org.apache.logging.log4j.core.config.plugins.PluginFactory;

/**
 * Keeps the lines its layout printed (the first line of each), as a console shows them (test
 * plugin).
 */
@Plugin(name = "Lines", category = Core.CATEGORY_NAME, elementType = Appender.ELEMENT_TYPE)
public final class LinesAppender extends AbstractAppender {
  private final List<String> lines = new CopyOnWriteArrayList<>();

  private LinesAppender(String name, Layout<? extends Serializable> layout) {
    super(name, null, layout, true, Property.EMPTY_ARRAY);
  }

  /** Log4j's factory. */
  @PluginFactory
  public static LinesAppender create(
      @PluginAttribute("name") String name,
      @PluginElement("Layout") Layout<? extends Serializable> layout) {
    return new LinesAppender(name, layout);
  }

  @Override
  public void append(LogEvent event) {
    // the first line: a stack trace the pattern appends is not what these tests look at
    lines.add(String.valueOf(getLayout().toSerializable(event)).lines().findFirst().orElse(""));
  }

  List<String> lines() {
    return List.copyOf(lines);
  }
}
