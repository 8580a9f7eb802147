package dev.sentry4j.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the Javadoc of methods from a source file, so that a test can compare what a setter says
 * with the one place that declares the option (and the two cannot drift). Thread-safe (immutable).
 */
public final class SourceDocs {
  private final String source;

  private SourceDocs(String source) {
    this.source = source;
  }

  /**
   * Reads a source file.
   *
   * @param file the {@code .java} file, relative to the module's folder (the tests' working
   *     directory)
   * @return its docs
   */
  public static SourceDocs of(Path file) {
    try {
      return new SourceDocs(Files.readString(file, StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * The Javadoc of the public method {@code name} (the first declared), on one line: the leading
   * asterisks gone, white space folded.
   *
   * @param name the method's name
   * @return the text between {@code /**} and its end, or {@code null} when the method has none
   */
  public String javadocOf(String name) {
    Matcher m =
        Pattern.compile(
                "/\\*\\*((?:(?!\\*/).)*)\\*/\\s*public [\\w.<>]+ " + Pattern.quote(name) + "\\(",
                Pattern.DOTALL)
            .matcher(source);
    if (!m.find()) {
      return null;
    }
    return m.group(1).replaceAll("\\s*\\n\\s*\\*", " ").replaceAll("\\s+", " ").trim();
  }
}
