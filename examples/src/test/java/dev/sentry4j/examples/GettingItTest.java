package dev.sentry4j.examples;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sentry4j.testing.SentryReceiver;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The README's "Getting it" works for a new user: in a copy of this repository, its install command
 * fills an <em>empty</em> local Maven repository; a user's own project made of the README's BOM
 * snippet and module dependencies then resolves from it; and the README's setup-check command (and
 * the check on that project's class path) sends a test event to a local receiver.
 *
 * <p>Nothing is downloaded: the stand-in for Maven Central is a file:// view of this build's own
 * local repository without {@code dev/sentry4j} (so nothing of ours can come from there), and the
 * empty repository is under {@code target/}. The copy keeps the modules' up-to-date classes (as a
 * user's clone has after the quick start), so that the child build compiles nothing and the test
 * takes seconds rather than minutes; Javadoc, jars, the check jar and installation all run. For
 * that, the install command gets one flag more than the README's, {@code
 * -Dmaven.compiler.useIncrementalCompilation=false}: otherwise the compiler would rebuild every
 * module because its dependencies' jars are new in the empty repository (a new user's first build
 * compiles everything anyway).
 */
class GettingItTest {
  private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
  private static final Path WORK = Path.of("target", "getting-it").toAbsolutePath();

  /**
   * What the copy takes from a module's target/: the compiler's outputs and its up-to-date data.
   */
  private static final Set<String> TARGET_PARTS =
      Set.of(
          "classes", "test-classes", "generated-sources", "generated-test-sources", "maven-status");

  @Test
  @Timeout(value = 8, unit = TimeUnit.MINUTES)
  void theReadmesInstallCommandLetsAUsersProjectResolveTheBomFromAnEmptyRepository()
      throws Exception {
    String readme = Files.readString(ROOT.resolve("README.md"), StandardCharsets.UTF_8);
    String gettingIt = section(readme, "## Getting it");
    List<String> install = commandLines(firstBlock(gettingIt, "sh"));
    assertThat(install).as("one install command in Getting it").hasSize(1);
    String bom = firstBlock(gettingIt, "xml");
    assertThat(bom)
        .contains("<artifactId>sentry-bom</artifactId>")
        .contains("<scope>import</scope>");

    deleteTree(WORK);
    Path project = WORK.resolve("project");
    Path repo = WORK.resolve("repo"); // the user's empty local repository
    Path settings = seedSettings();
    copyProject(project);
    assertThat(repo).doesNotExist();

    // 1. the README's install command, verbatim, from the clone
    long start = System.nanoTime();
    Result installed =
        run(
            project,
            Duration.ofMinutes(5),
            maven(
                install.get(0) + " -Dmaven.compiler.useIncrementalCompilation=false",
                settings,
                repo));
    assertThat(installed.exit).as(installed.output).isZero();
    long installSeconds = (System.nanoTime() - start) / 1_000_000_000;
    Path ours = repo.resolve("dev/sentry4j");
    for (String module :
        List.of(
            "sentry-core",
            "sentry-logback",
            "sentry-log4j2",
            "sentry-jul",
            "sentry-slf4j-mdc",
            "sentry-testing")) {
      Path dir = ours.resolve(module).resolve(version(project));
      assertThat(dir.resolve(module + "-" + version(project) + ".jar")).exists();
      assertThat(dir.resolve(module + "-" + version(project) + "-sources.jar")).exists();
      assertThat(dir.resolve(module + "-" + version(project) + "-javadoc.jar")).exists();
    }
    assertThat(ours.resolve("examples")).as("demos are not installed").doesNotExist();
    assertThat(ours.resolve("bench")).as("benchmarks are not installed").doesNotExist();

    // 2. a user's project: the README's BOM snippet and its module dependencies, without versions
    Path app = WORK.resolve("app");
    Files.createDirectories(app);
    Files.writeString(app.resolve("pom.xml"), userPom(bom, moduleDependencies(readme)));
    Path classpathFile = app.resolve("classpath.txt");
    Result resolved =
        run(
            app,
            Duration.ofMinutes(2),
            maven(
                "mvn -B -q org.apache.maven.plugins:maven-dependency-plugin:3.8.1:build-classpath"
                    + " -Dmdep.outputFile="
                    + classpathFile,
                settings,
                repo));
    assertThat(resolved.exit).as(resolved.output).isZero();
    List<String> classpath =
        Arrays.asList(Files.readString(classpathFile).strip().split(java.io.File.pathSeparator));
    for (String module :
        List.of(
            "sentry-core", "sentry-logback", "sentry-log4j2", "sentry-jul", "sentry-slf4j-mdc")) {
      assertThat(classpath)
          .as(module + " from the freshly installed repository")
          .anySatisfy(
              entry -> assertThat(entry).startsWith(ours.toString()).contains("/" + module + "-"));
    }
    assertThat(classpath).anySatisfy(entry -> assertThat(entry).contains("jackson-databind"));

    // 3. the README's setup check, and the same check on the user's class path
    try (SentryReceiver receiver = SentryReceiver.start()) {
      String checkCommand = checkCommand(readme);
      List<String> fromClone = new ArrayList<>(List.of(java()));
      fromClone.addAll(Arrays.asList(checkCommand.substring("java ".length()).split(" ")));
      Result check =
          run(project, Duration.ofMinutes(1), fromClone, Map.of("SENTRY_DSN", receiver.dsn()));
      assertThat(check.exit).as(check.output).isZero();
      assertThat(check.output)
          .contains("OK: Sentry accepted the test event")
          .doesNotContain(SentryReceiver.PUBLIC_KEY);

      Result inApp =
          run(
              app,
              Duration.ofMinutes(1),
              List.of(
                  java(),
                  "-cp",
                  String.join(java.io.File.pathSeparator, classpath),
                  "dev.sentry4j.internal.check.SetupCheck",
                  "--dsn",
                  receiver.dsn()),
              Map.of());
      assertThat(inApp.exit).as(inApp.output).isZero();
      assertThat(receiver.awaitEvents(2, Duration.ofSeconds(10))).hasSize(2);
    }
    System.out.println(
        "GettingItTest: README install command into an empty repository took "
            + installSeconds
            + " s");
  }

  // --- the README ---

  private static String section(String readme, String heading) {
    int at = readme.indexOf("\n" + heading + "\n");
    assertThat(at).as("README.md has " + heading).isNotNegative();
    int next = readme.indexOf("\n## ", at + heading.length() + 2);
    return readme.substring(at, next < 0 ? readme.length() : next);
  }

  private static String firstBlock(String text, String language) {
    Matcher m = Pattern.compile("```" + language + "\n(.*?)```", Pattern.DOTALL).matcher(text);
    assertThat(m.find()).as("a ```" + language + " block").isTrue();
    return m.group(1);
  }

  private static List<String> commandLines(String block) {
    return block
        .lines()
        .map(String::strip)
        .filter(line -> !line.isEmpty() && !line.startsWith("#"))
        .collect(Collectors.toList());
  }

  /** Every {@code <dependency>} of a sentry4j module the README's snippets show (no versions). */
  private static String moduleDependencies(String readme) {
    Matcher m =
        Pattern.compile(
                "<dependency>\\s*<groupId>dev\\.sentry4j</groupId>\\s*<artifactId>(sentry-[a-z0-9-]+)</artifactId>\\s*</dependency>")
            .matcher(readme);
    List<String> found = new ArrayList<>();
    while (m.find()) {
      found.add(m.group());
    }
    assertThat(found).as("the README's module snippets").hasSizeGreaterThanOrEqualTo(5);
    return String.join("\n", found);
  }

  /** The Quick start's setup-check command: {@code java -jar ...-check.jar}. */
  private static String checkCommand(String readme) {
    Matcher m =
        Pattern.compile("(java -jar \\S+-check\\.jar)").matcher(section(readme, "## Quick start"));
    assertThat(m.find()).as("the Quick start shows the setup check").isTrue();
    return m.group(1);
  }

  private static String userPom(String bom, String dependencies) {
    return "<project xmlns=\"http://maven.apache.org/POM/4.0.0\">\n"
        + "  <modelVersion>4.0.0</modelVersion>\n"
        + "  <groupId>com.example</groupId><artifactId>app</artifactId><version>1.0</version>\n"
        + bom
        + "  <dependencies>\n"
        + dependencies
        + "\n  </dependencies>\n"
        + "</project>\n";
  }

  private static String version(Path project) throws IOException {
    Matcher m =
        Pattern.compile("<artifactId>sentry4j-parent</artifactId>\\s*<version>([^<]+)</version>")
            .matcher(Files.readString(project.resolve("pom.xml")));
    assertThat(m.find()).isTrue();
    return m.group(1);
  }

  // --- the stand-in for Maven Central, the copy, the child processes ---

  /**
   * settings.xml whose only repository is a file:// view of this build's local repository without
   * dev/sentry4j: third-party artifacts come from there, ours only from the README's command.
   */
  private static Path seedSettings() throws IOException {
    Path local =
        Path.of(
            System.getProperty(
                "maven.repo.local", System.getProperty("user.home") + "/.m2/repository"));
    Path seed = WORK.resolve("seed");
    Files.createDirectories(seed);
    try (Stream<Path> entries = Files.list(local)) {
      for (Path entry : (Iterable<Path>) entries::iterator) {
        if (entry.getFileName().toString().equals("dev")) {
          Path dev = Files.createDirectories(seed.resolve("dev"));
          try (Stream<Path> groups = Files.list(entry)) {
            for (Path group : (Iterable<Path>) groups::iterator) {
              if (!group.getFileName().toString().equals("sentry4j")) {
                Files.createSymbolicLink(dev.resolve(group.getFileName()), group);
              }
            }
          }
        } else {
          Files.createSymbolicLink(seed.resolve(entry.getFileName()), entry);
        }
      }
    }
    Path settings = WORK.resolve("settings.xml");
    Files.writeString(
        settings,
        "<settings><mirrors><mirror><id>seed</id><mirrorOf>*</mirrorOf><url>"
            + seed.toUri()
            + "</url></mirror></mirrors></settings>\n");
    return settings;
  }

  /** The repository's files without .git and build outputs, plus each module's compiled classes. */
  private static void copyProject(Path to) throws IOException {
    String from = ROOT.toString();
    Files.walkFileTree(
        ROOT,
        new SimpleFileVisitor<>() {
          @Override
          public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs)
              throws IOException {
            String name = dir.getFileName() == null ? "" : dir.getFileName().toString();
            Path parent = dir.getParent();
            boolean inTarget =
                parent != null
                    && parent.getFileName() != null
                    && parent.getFileName().toString().equals("target");
            if (dir.equals(WORK)
                || name.equals(".git")
                || (inTarget && !TARGET_PARTS.contains(name))) {
              return FileVisitResult.SKIP_SUBTREE;
            }
            Files.createDirectories(to.resolve(ROOT.relativize(dir).toString()));
            return FileVisitResult.CONTINUE;
          }

          @Override
          public FileVisitResult visitFile(Path file, BasicFileAttributes attrs)
              throws IOException {
            Path parent = file.getParent();
            if (parent != null
                && parent.getFileName() != null
                && parent.getFileName().toString().equals("target")) {
              return FileVisitResult.CONTINUE; // loose files in target/ (jars, reports)
            }
            Path copy = to.resolve(ROOT.relativize(file).toString());
            Files.copy(file, copy, StandardCopyOption.COPY_ATTRIBUTES);
            if (file.toString().contains("/maven-status/") && file.toString().endsWith(".lst")) {
              // the compiler's list of sources names them by absolute path
              String text = Files.readString(copy).replace(from + "/", to + "/");
              Files.writeString(copy, text);
              Files.setLastModifiedTime(copy, attrs.lastModifiedTime());
            }
            return FileVisitResult.CONTINUE;
          }
        });
  }

  private static List<String> maven(String command, Path settings, Path repo) {
    List<String> args = new ArrayList<>(Arrays.asList(command.strip().split("\\s+")));
    assertThat(args.get(0)).isEqualTo("mvn");
    String home = System.getProperty("maven.home");
    args.set(0, home != null ? Path.of(home, "bin", "mvn").toString() : "mvn");
    args.add("-s");
    args.add(settings.toString());
    args.add("-Dmaven.repo.local=" + repo);
    return args;
  }

  private static String java() {
    return Path.of(System.getProperty("java.home"), "bin", "java").toString();
  }

  private static final class Result {
    final int exit;
    final String output;

    Result(int exit, String output) {
      this.exit = exit;
      this.output = output;
    }
  }

  private static Result run(Path dir, Duration timeout, List<String> command) throws Exception {
    return run(dir, timeout, command, Map.of());
  }

  private static Result run(
      Path dir, Duration timeout, List<String> command, Map<String, String> env) throws Exception {
    Path log = Files.createTempFile(WORK, "child", ".log");
    ProcessBuilder builder = new ProcessBuilder(command).directory(dir.toFile());
    builder.redirectErrorStream(true).redirectOutput(log.toFile());
    builder.environment().put("JAVA_HOME", System.getProperty("java.home"));
    builder.environment().remove("SENTRY_DSN");
    builder.environment().putAll(env);
    Process process = builder.start();
    if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
      process.descendants().forEach(ProcessHandle::destroyForcibly);
      process.destroyForcibly();
      throw new AssertionError(
          "timed out after " + timeout + ": " + command + "\n" + Files.readString(log));
    }
    return new Result(process.exitValue(), command + "\n" + Files.readString(log));
  }

  private static void deleteTree(Path dir) throws IOException {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> paths = Files.walk(dir)) {
      for (Path p : (Iterable<Path>) paths.sorted(Comparator.reverseOrder())::iterator) {
        Files.delete(p); // symbolic links are deleted, never followed
      }
    }
  }
}
