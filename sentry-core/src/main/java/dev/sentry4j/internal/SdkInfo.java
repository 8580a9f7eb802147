package dev.sentry4j.internal;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/** The SDK's name and version as sent to Sentry. Internal, may change. */
public final class SdkInfo {
  /** The SDK name: author {@code sentry4j}, ecosystem {@code java}. */
  public static final String NAME = "sentry4j.java";

  /** The SDK version, read from the build. */
  public static final String VERSION = readVersion();

  /** The {@code sentry_client} / {@code User-Agent} value. */
  public static final String USER_AGENT = NAME + "/" + VERSION;

  private SdkInfo() {}

  private static String readVersion() {
    try (InputStream in =
        SdkInfo.class.getResourceAsStream("/dev/sentry4j/sentry4j-version.properties")) {
      if (in != null) {
        Properties p = new Properties();
        p.load(in);
        String v = p.getProperty("version");
        if (v != null && !v.startsWith("$")) {
          return v;
        }
      }
    } catch (IOException ignored) {
      // fall through
    }
    return "0.0.0";
  }
}
