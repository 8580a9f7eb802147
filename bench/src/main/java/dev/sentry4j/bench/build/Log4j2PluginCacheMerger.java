package dev.sentry4j.bench.build;

import java.io.IOException;
import java.io.OutputStream;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.logging.log4j.core.config.plugins.processor.PluginCache;
import org.apache.logging.log4j.core.config.plugins.processor.PluginEntry;
import org.apache.logging.log4j.core.config.plugins.processor.PluginProcessor;

/**
 * Build step: merges every Log4j 2 plugin cache on the class path into one file, because the uber
 * jar can hold only one file at that path and each jar with plugins (log4j-core, sentry-java's and
 * sentry4j's Log4j 2 adapters) ships its own. Run by the bench pom before shading.
 *
 * <p>Both SDKs name their appender plugin {@code Sentry}, and a plugin registry maps one element
 * name to one class: merged naively, whichever cache came last would silently win and one variant
 * would run the other SDK's appender. So sentry-java's appender ({@value #SENTRY_JAVA_APPENDER}) is
 * listed under the element name {@value #SENTRY_JAVA_ELEMENT} instead; sentry4j's keeps {@code
 * Sentry}. Log4j 2 builds a plugin from its class's factory whatever name the cache lists it under,
 * so {@code log4j2-sentry-java.xml} configures sentry-java's real appender, with its real
 * attributes, as {@code <SentryJava .../>}. Any other clash of names between two classes fails the
 * build.
 */
public final class Log4j2PluginCacheMerger {

  /** sentry-java's Log4j 2 appender, registered as {@code Sentry} in its own jar. */
  static final String SENTRY_JAVA_APPENDER = "io.sentry.log4j2.SentryAppender";

  /** The element name sentry-java's appender gets in the merged cache. */
  static final String SENTRY_JAVA_ELEMENT = "SentryJava";

  private static final String CACHE = PluginProcessor.PLUGIN_CACHE_FILE;

  private Log4j2PluginCacheMerger() {}

  /**
   * Writes the merged cache.
   *
   * @param args one argument: the file to write (inside target/classes)
   * @throws IOException if a cache cannot be read or the output written
   */
  public static void main(String[] args) throws IOException {
    if (args.length != 1) {
      throw new IllegalArgumentException("usage: Log4j2PluginCacheMerger <output file>");
    }
    Path out = Paths.get(args[0]).toAbsolutePath().normalize();
    List<URL> sources = new ArrayList<>();
    for (URL url :
        Collections.list(Log4j2PluginCacheMerger.class.getClassLoader().getResources(CACHE))) {
      // Skip our own earlier output: it is what we are about to replace.
      if (!"file".equals(url.getProtocol()) || !sameFile(url, out)) {
        sources.add(url);
      }
    }
    if (sources.isEmpty()) {
      throw new IllegalStateException("No Log4j 2 plugin cache on the class path: " + CACHE);
    }
    PluginCache merged = merge(sources);
    Files.createDirectories(out.getParent());
    try (OutputStream os = Files.newOutputStream(out)) {
      merged.writeCache(os);
    }
    System.out.println(
        "Merged "
            + sources.size()
            + " Log4j 2 plugin caches ("
            + merged.getAllCategories().size()
            + " categories, "
            + SENTRY_JAVA_APPENDER
            + " as <"
            + SENTRY_JAVA_ELEMENT
            + ">) into "
            + out);
  }

  /**
   * Merges the caches one by one, renaming sentry-java's appender.
   *
   * @throws IllegalStateException if two different classes claim one element name, or sentry-java's
   *     appender is missing (its variant's log4j2.xml could not load)
   */
  static PluginCache merge(List<URL> sources) throws IOException {
    PluginCache merged = new PluginCache();
    boolean renamed = false;
    for (URL url : sources) {
      // One cache at a time: loading several at once keeps only the last entry of a shared name.
      PluginCache one = new PluginCache();
      one.loadCacheFiles(Collections.enumeration(List.of(url)));
      for (Map.Entry<String, Map<String, PluginEntry>> category :
          one.getAllCategories().entrySet()) {
        Map<String, PluginEntry> target = merged.getCategory(category.getKey());
        for (PluginEntry entry : category.getValue().values()) {
          if (SENTRY_JAVA_APPENDER.equals(entry.getClassName())) {
            entry.setName(SENTRY_JAVA_ELEMENT);
            entry.setKey(SENTRY_JAVA_ELEMENT.toLowerCase(Locale.ROOT));
            renamed = true;
          }
          PluginEntry existing = target.get(entry.getKey());
          if (existing != null && !existing.getClassName().equals(entry.getClassName())) {
            throw new IllegalStateException(
                "Log4j 2 plugin name clash in category '"
                    + category.getKey()
                    + "': '"
                    + entry.getName()
                    + "' is "
                    + existing.getClassName()
                    + " and "
                    + entry.getClassName()
                    + " (from "
                    + url
                    + ")");
          }
          target.put(entry.getKey(), entry);
        }
      }
    }
    if (!renamed) {
      throw new IllegalStateException(
          SENTRY_JAVA_APPENDER
              + " is in no plugin cache on the class path; is io.sentry:sentry-log4j2"
              + " still a dependency?");
    }
    return merged;
  }

  private static boolean sameFile(URL url, Path out) {
    try {
      return Paths.get(url.toURI()).toAbsolutePath().normalize().equals(out);
    } catch (Exception e) {
      return false;
    }
  }
}
