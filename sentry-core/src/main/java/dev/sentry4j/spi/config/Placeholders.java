package dev.sentry4j.spi.config;

import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Variable placeholders that a configuration left in a setting's value: {@code ${NAME}}, {@code
 * ${env:NAME}}, {@code ${sys:NAME}} (java.util.logging and Log4j 2 leave them so when they cannot
 * resolve them; logging.properties never resolves them) and Logback's {@code NAME_IS_UNDEFINED}.
 * sentry-java treats such a DSN as no DSN; so does sentry4j, after one more try to resolve the
 * variable from system properties and the environment. Internal, may change. Thread-safe.
 */
public final class Placeholders {
  private static final Pattern DOLLAR =
      Pattern.compile("\\$\\{(?:(env|sys):)?([A-Za-z_][A-Za-z0-9_.\\-]*)(?::-([^}]*))?\\}");
  private static final Pattern LOGBACK_UNDEFINED =
      Pattern.compile("[A-Za-z0-9_.\\-]+_IS_UNDEFINED");

  private Placeholders() {}

  /** Whether {@code value} is nothing but one placeholder (so it holds no real setting). */
  public static boolean isPlaceholder(String value) {
    if (value == null) {
      return false;
    }
    String v = value.trim();
    return DOLLAR.matcher(v).matches() || LOGBACK_UNDEFINED.matcher(v).matches();
  }

  /**
   * The value of the variable a {@code ${...}} placeholder names: the system property, then the
   * environment variable ({@code env:} and {@code sys:} pick one), then the {@code :-default};
   * {@code null} when none is set or for Logback's {@code _IS_UNDEFINED} (Logback already looked).
   *
   * @param env the environment (System::getenv in production)
   */
  public static String resolve(String value, Function<String, String> env) {
    Matcher m = DOLLAR.matcher(value.trim());
    if (!m.matches()) {
      return null;
    }
    String kind = m.group(1);
    String name = m.group(2);
    String resolved = null;
    if (kind == null || kind.equals("sys")) {
      resolved = emptyToNull(systemProperty(name));
    }
    if (resolved == null && (kind == null || kind.equals("env"))) {
      resolved = emptyToNull(env.apply(name));
    }
    if (resolved == null) {
      resolved = emptyToNull(m.group(3));
    }
    return resolved;
  }

  private static String systemProperty(String name) {
    try {
      return System.getProperty(name);
    } catch (RuntimeException e) { // SecurityException
      return null;
    }
  }

  private static String emptyToNull(String s) {
    return s == null || s.trim().isEmpty() ? null : s.trim();
  }
}
