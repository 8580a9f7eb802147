package dev.sentry4j.logback;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sentry4j.spi.config.OptionRegistry;
import dev.sentry4j.spi.config.OptionSpec;
import java.lang.reflect.Method;
import java.util.Arrays;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** Joran binds {@code <options>} children by setter name: every SDK option needs one. */
class AppenderOptionsTest {
  @Test
  void everyOptionOfTheRegistryCanBeSetInsideOptions() {
    Set<String> setters =
        Arrays.stream(AppenderOptions.class.getMethods())
            .filter(m -> m.getName().startsWith("set") && m.getParameterCount() == 1)
            .filter(m -> m.getParameterTypes()[0] == String.class)
            .map(Method::getName)
            .collect(Collectors.toSet());

    for (OptionSpec spec : OptionRegistry.all()) {
      String name = spec.name();
      assertThat(setters).as("<options><%s>", name)
          .contains("set" + Character.toUpperCase(name.charAt(0)) + name.substring(1));
    }
  }

  @Test
  void noSentryJavaOnlyNameShadowsAnOptionWeSupport() {
    for (String name : UnknownPropertyWatcher.SENTRY_JAVA_ONLY) {
      assertThat(OptionRegistry.find(name)).as(name).isNull();
    }
  }
}
