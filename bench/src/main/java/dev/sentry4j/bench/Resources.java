package dev.sentry4j.bench;

import java.net.URL;

/** Finds the bench's configuration files on the class path. */
final class Resources {

  private Resources() {}

  /** Returns the URL of a class-path resource, naming it if it is missing. */
  static URL url(String name) {
    URL url = Resources.class.getClassLoader().getResource(name);
    if (url == null) {
      throw new IllegalStateException("Missing bench configuration on the class path: " + name);
    }
    return url;
  }
}
