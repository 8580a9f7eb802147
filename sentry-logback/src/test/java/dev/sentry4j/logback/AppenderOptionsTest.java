package dev.sentry4j.logback;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sentry4j.spi.config.OptionRegistry;
import dev.sentry4j.spi.config.OptionSpec;
import java.io.IOException;
import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
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
   * cannot drift (it once said maxQueueSize defaults to 1000 while the SDK used 10000).
   */
  @Test
  void everySetterDocumentsTheRegistrysMeaningAndDefault() throws IOException {
    String source =
        Files.readString(
            Path.of("src/main/java/dev/sentry4j/logback/AppenderOptions.java"),
            StandardCharsets.UTF_8);
    for (OptionSpec<?> spec : OptionRegistry.all()) {
      String name = spec.name();
      String setter = "set" + Character.toUpperCase(name.charAt(0)) + name.substring(1);
      Matcher m =
          Pattern.compile(
                  "/\\*\\*((?:(?!\\*/).)*)\\*/\\s*public void " + setter + "\\(", Pattern.DOTALL)
              .matcher(source);
      assertThat(m.find()).as("Javadoc of " + setter).isTrue();
      String doc = m.group(1).replaceAll("\\s*\\n\\s*\\*", " ").replaceAll("\\s+", " ").trim();
      String expected =
          "Option {@code "
              + name
              + "}: "
              + spec.description().replace("*word*", "{@code *word*}")
              + (spec.defaultText().isEmpty()
                  ? ""
                  : " Default {@code " + spec.defaultText() + "}.");
      assertThat(doc).as(setter + "'s Javadoc").isEqualTo(expected);
    }
  }
}
