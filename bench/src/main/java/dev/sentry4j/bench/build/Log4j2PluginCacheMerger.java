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
import org.apache.logging.log4j.core.config.plugins.processor.PluginCache;
import org.apache.logging.log4j.core.config.plugins.processor.PluginProcessor;

/**
 * Build step: merges every Log4j 2 plugin cache on the class path into one file, because the uber
 * jar can hold only one file at that path and each jar with plugins (log4j-core, sentry-java's and
 * sentry4j's Log4j 2 adapters) ships its own. Run by the bench pom before shading.
 */
public final class Log4j2PluginCacheMerger {

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
    PluginCache cache = new PluginCache();
    cache.loadCacheFiles(Collections.enumeration(sources));
    Files.createDirectories(out.getParent());
    try (OutputStream os = Files.newOutputStream(out)) {
      cache.writeCache(os);
    }
    System.out.println(
        "Merged " + sources.size() + " Log4j 2 plugin caches (" + cache.getAllCategories().size()
            + " categories) into " + out);
  }

  private static boolean sameFile(URL url, Path out) {
    try {
      return Paths.get(url.toURI()).toAbsolutePath().normalize().equals(out);
    } catch (Exception e) {
      return false;
    }
  }
}
