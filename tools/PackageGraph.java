import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Prints the package dependency graph of each module's main code, read from its source files
 * (import lines and fully qualified names in code), the package cycles (strongly connected
 * components of that graph) and the public top-level types outside {@code internal} packages.
 *
 * <p>Run from the repository root, with no build: {@code java tools/PackageGraph.java} (every
 * module), {@code java tools/PackageGraph.java sentry-core} (one module), add {@code --public} to
 * list the public types by name. Exit status 1 when any module has a cycle. The architecture test
 * ({@code ArchitectureTest} in sentry-core) checks the same rule on the compiled classes.
 */
public final class PackageGraph {
  private static final String ROOT = "dev.sentry4j";
  private static final Pattern PACKAGE = Pattern.compile("(?m)^package\\s+([\\w.]+)\\s*;");
  private static final Pattern IMPORT =
      Pattern.compile("(?m)^import\\s+(static\\s+)?([\\w.]+)(\\.\\*)?\\s*;");
  private static final Pattern FQN = Pattern.compile("\\b(dev\\.sentry4j(?:\\.[a-z_][\\w]*)*)\\.[A-Z]");
  private static final Pattern PUBLIC_TYPE =
      Pattern.compile(
          "(?m)^public\\s+(?:(?:final|abstract|sealed|non-sealed|static|strictfp)\\s+)*"
              + "(?:class|interface|enum|record|@interface)\\s+(\\w+)");

  public static void main(String[] args) throws IOException {
    boolean listPublic = false;
    List<String> modules = new ArrayList<>();
    for (String a : args) {
      if (a.equals("--public")) {
        listPublic = true;
      } else {
        modules.add(a);
      }
    }
    if (modules.isEmpty()) {
      try (Stream<Path> s = Files.list(Paths.get("."))) {
        modules =
            s.filter(p -> Files.isDirectory(p.resolve("src/main/java")))
                .map(p -> p.getFileName().toString())
                .sorted()
                .collect(Collectors.toList());
      }
    }
    int modulesWithCycles = 0;
    int totalPublic = 0;
    for (String module : modules) {
      Result r = analyse(Paths.get(module, "src/main/java"));
      System.out.println("== " + module);
      for (Map.Entry<String, Map<String, Set<String>>> e : r.edges.entrySet()) {
        System.out.println("  " + e.getKey() + " -> " + String.join(", ", e.getValue().keySet()));
      }
      List<List<String>> cycles = stronglyConnected(r.edges);
      System.out.println("  packages: " + r.packages.size() + ", cycles: " + cycles.size());
      for (List<String> scc : cycles) {
        System.out.println("  CYCLE (" + scc.size() + " packages): " + String.join(" ", scc));
        for (String from : scc) {
          for (Map.Entry<String, Set<String>> to : r.edges.get(from).entrySet()) {
            if (scc.contains(to.getKey())) {
              System.out.println(
                  "    " + from + " -> " + to.getKey() + "  (" + String.join(", ", to.getValue())
                      + ")");
            }
          }
        }
      }
      Set<String> publicTypes = r.publicOutsideInternal;
      System.out.println(
          "  public types: " + r.publicTypes + ", outside internal packages: " + publicTypes.size());
      if (listPublic) {
        publicTypes.forEach(t -> System.out.println("    " + t));
      }
      totalPublic += publicTypes.size();
      if (!cycles.isEmpty()) {
        modulesWithCycles++;
      }
    }
    System.out.println(
        "modules with cycles: " + modulesWithCycles + ", public types outside internal: "
            + totalPublic);
    System.exit(modulesWithCycles == 0 ? 0 : 1);
  }

  private static final class Result {
    final Set<String> packages = new TreeSet<>();
    /** from package → (to package → files in `from` that cause the edge). */
    final Map<String, Map<String, Set<String>>> edges = new TreeMap<>();

    final Set<String> publicOutsideInternal = new TreeSet<>();
    int publicTypes;
  }

  private static Result analyse(Path srcRoot) throws IOException {
    Result r = new Result();
    List<Path> files;
    try (Stream<Path> s = Files.walk(srcRoot)) {
      files = s.filter(p -> p.toString().endsWith(".java")).sorted().collect(Collectors.toList());
    }
    for (Path file : files) {
      String text = Files.readString(file);
      Matcher pm = PACKAGE.matcher(text);
      if (!pm.find()) {
        continue;
      }
      String pkg = pm.group(1);
      r.packages.add(pkg);
      r.edges.computeIfAbsent(pkg, k -> new TreeMap<>());
      String fileName = file.getFileName().toString().replace(".java", "");
      Set<String> targets = new TreeSet<>();
      Matcher im = IMPORT.matcher(text);
      while (im.find()) {
        String name = im.group(2);
        boolean wildcard = im.group(3) != null;
        boolean isStatic = im.group(1) != null;
        targets.add(packageOf(name, wildcard && !isStatic));
      }
      Matcher fm = FQN.matcher(stripCommentsAndStrings(text));
      while (fm.find()) {
        targets.add(fm.group(1));
      }
      for (String t : targets) {
        if (t.startsWith(ROOT) && !t.equals(pkg)) {
          r.edges.get(pkg).computeIfAbsent(t, k -> new TreeSet<>()).add(fileName);
        }
      }
      if (!fileName.equals("package-info")) {
        Matcher tm = PUBLIC_TYPE.matcher(text);
        if (tm.find()) {
          r.publicTypes++;
          if (!(pkg + ".").contains(".internal.")) {
            r.publicOutsideInternal.add(pkg + "." + tm.group(1));
          }
        }
      }
    }
    // keep only edges to packages of this module (other modules' packages are leaves)
    for (Map<String, Set<String>> out : r.edges.values()) {
      out.keySet().retainAll(r.packages);
    }
    return r;
  }

  /** The package of a (possibly nested, possibly static-member) imported name. */
  private static String packageOf(String name, boolean isPackageWildcard) {
    if (isPackageWildcard) {
      return name;
    }
    String[] parts = name.split("\\.");
    StringBuilder sb = new StringBuilder();
    for (String part : parts) {
      if (!part.isEmpty() && Character.isUpperCase(part.charAt(0))) {
        break;
      }
      if (sb.length() > 0) {
        sb.append('.');
      }
      sb.append(part);
    }
    return sb.toString();
  }

  /** Blanks comments, string and char literals (a small scanner: regexes overflow on them). */
  private static String stripCommentsAndStrings(String text) {
    String in = text.replaceAll("(?m)^(import|package)\\s.*$", "");
    StringBuilder out = new StringBuilder(in.length());
    int i = 0;
    while (i < in.length()) {
      char c = in.charAt(i);
      if (c == '/' && i + 1 < in.length() && in.charAt(i + 1) == '*') {
        int end = in.indexOf("*/", i + 2);
        i = end < 0 ? in.length() : end + 2;
        out.append(' ');
      } else if (c == '/' && i + 1 < in.length() && in.charAt(i + 1) == '/') {
        int end = in.indexOf('\n', i);
        i = end < 0 ? in.length() : end;
      } else if (c == '"' || c == '\'') {
        if (c == '"' && in.startsWith("\"\"\"", i)) {
          int end = in.indexOf("\"\"\"", i + 3);
          i = end < 0 ? in.length() : end + 3;
        } else {
          i++;
          while (i < in.length() && in.charAt(i) != c && in.charAt(i) != '\n') {
            i += in.charAt(i) == '\\' ? 2 : 1;
          }
          i++;
        }
        out.append(' ');
      } else {
        out.append(c);
        i++;
      }
    }
    return out.toString();
  }

  /** Tarjan's algorithm; returns the components with more than one package, sorted. */
  private static List<List<String>> stronglyConnected(Map<String, Map<String, Set<String>>> g) {
    Map<String, Integer> index = new HashMap<>();
    Map<String, Integer> low = new HashMap<>();
    Deque<String> stack = new ArrayDeque<>();
    Set<String> onStack = new TreeSet<>();
    List<List<String>> out = new ArrayList<>();
    int[] counter = {0};
    for (String v : g.keySet()) {
      if (!index.containsKey(v)) {
        strongConnect(v, g, index, low, stack, onStack, out, counter);
      }
    }
    out.sort((a, b) -> a.get(0).compareTo(b.get(0)));
    return out;
  }

  private static void strongConnect(
      String v,
      Map<String, Map<String, Set<String>>> g,
      Map<String, Integer> index,
      Map<String, Integer> low,
      Deque<String> stack,
      Set<String> onStack,
      List<List<String>> out,
      int[] counter) {
    index.put(v, counter[0]);
    low.put(v, counter[0]);
    counter[0]++;
    stack.push(v);
    onStack.add(v);
    for (String w : g.getOrDefault(v, Map.of()).keySet()) {
      if (!index.containsKey(w)) {
        strongConnect(w, g, index, low, stack, onStack, out, counter);
        low.put(v, Math.min(low.get(v), low.get(w)));
      } else if (onStack.contains(w)) {
        low.put(v, Math.min(low.get(v), index.get(w)));
      }
    }
    if (low.get(v).equals(index.get(v))) {
      List<String> scc = new ArrayList<>();
      String w;
      do {
        w = stack.pop();
        onStack.remove(w);
        scc.add(w);
      } while (!w.equals(v));
      if (scc.size() > 1) {
        scc.sort(String::compareTo);
        out.add(scc);
      }
    }
  }
}
