package dev.sentry4j.logback;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sentry4j.spi.config.OptionRegistry;
import dev.sentry4j.spi.config.OptionSpec;
import dev.sentry4j.testing.SourceDocs;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.nio.file.Path;
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

    for (OptionSpec<?> spec : OptionRegistry.all()) {
      String name = spec.name();
      assertThat(setters)
          .as("<options><%s>", name)
          .contains("set" + Character.toUpperCase(name.charAt(0)) + name.substring(1));
    }
  }

  @Test
  void noSentryJavaOnlyNameShadowsAnOptionWeSupport() {
    for (String name : UnknownPropertyWatcher.SENTRY_JAVA_ONLY) {
      assertThat(OptionRegistry.find(name)).as(name).isNull();
    }
  }

  /**
   * The Javadoc of each option's setter is the registry's description and default, so that it
   * cannot drift (it once said maxQueueSize defaults to 1000 while the SDK used 10000): every
   * setter inside {@code <options>}, and the flat setters of the appender that name an option.
   */
  @Test
  void everySetterDocumentsTheRegistrysMeaningAndDefault() {
    SourceDocs options =
        SourceDocs.of(Path.of("src/main/java/dev/sentry4j/logback/AppenderOptions.java"));
    for (OptionSpec<?> spec : OptionRegistry.all()) {
      String setter = setter(spec.name());
      assertThat(options.javadocOf(setter)).as(setter + "'s Javadoc").isEqualTo(documented(spec));
    }
    SourceDocs appender =
        SourceDocs.of(Path.of("src/main/java/dev/sentry4j/logback/SentryAppender.java"));
    int flat = 0;
    for (Method m : SentryAppender.class.getDeclaredMethods()) {
      OptionSpec<?> spec = optionSetBy(m.getName());
      if (spec != null && Modifier.isPublic(m.getModifiers())) {
        assertThat(appender.javadocOf(m.getName()))
            .as("SentryAppender." + m.getName() + "'s Javadoc")
            .isEqualTo(documented(spec));
        flat++;
      }
    }
    assertThat(flat).as("flat option setters on the appender").isGreaterThanOrEqualTo(10);
  }

  /** How a setter documents an option: its name, the registry's description and default. */
  static String documented(OptionSpec<?> spec) {
    return "Option {@code "
        + spec.name()
        + "}: "
        + spec.description().replace("*word*", "{@code *word*}")
        + (spec.defaultText().isEmpty() ? "" : " Default {@code " + spec.defaultText() + "}.");
  }

  private static String setter(String name) {
    return "set" + Character.toUpperCase(name.charAt(0)) + name.substring(1);
  }

  private static OptionSpec<?> optionSetBy(String method) {
    if (!method.startsWith("set") || method.length() < 4) {
      return null;
    }
    String name = Character.toLowerCase(method.charAt(3)) + method.substring(4);
    OptionSpec<?> spec = OptionRegistry.find(name);
    return spec != null && spec.name().equals(name) ? spec : null;
  }
}
