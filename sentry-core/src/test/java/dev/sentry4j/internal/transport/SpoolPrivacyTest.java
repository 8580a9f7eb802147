package dev.sentry4j.internal.transport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import dev.sentry4j.Sentry;
import dev.sentry4j.event.Level;
import dev.sentry4j.internal.envelope.Envelope;
import dev.sentry4j.internal.json.EnvelopeWriter;
import dev.sentry4j.internal.transport.spool.DiskSpool;
import dev.sentry4j.spi.Diagnostics;
import dev.sentry4j.testing.SentryReceiver;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The spool is private: 0700 directories and 0600 files whatever the umask, a folder per user by
 * default, and files the SDK did not write for this DSN are never sent.
 */
@Timeout(60)
class SpoolPrivacyTest {
  private static final Duration WAIT = Duration.ofSeconds(15);

  @TempDir Path tmp;
  private final List<AutoCloseable> toClose = new ArrayList<>();

  @AfterEach
  void closeAll() throws Exception {
    Sentry.close();
    for (int i = toClose.size() - 1; i >= 0; i--) {
      toClose.get(i).close();
    }
  }

  /** A child JVM with the given umask spools one envelope under the default location. */
  @ParameterizedTest
  @ValueSource(strings = {"022", "002"})
  void directoriesAre0700AndFiles0600WhateverTheUmask(String umask) throws Exception {
    assumeThat(tmp.getFileSystem().supportedFileAttributeViews()).contains("posix");
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    String classpath =
        System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
    Process child =
        new ProcessBuilder(
                "sh",
                "-c",
                "umask " + umask + " && exec \"$0\" -cp \"$1\" -Djava.io.tmpdir=\"$2\" \"$3\"",
                java,
                classpath,
                tmp.toString(),
                SpoolChild.class.getName())
            .redirectErrorStream(true)
            .start();
    String output = new String(child.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(child.waitFor(30, TimeUnit.SECONDS)).isTrue();
    assertThat(child.exitValue()).as(output).isZero();

    Path base =
        tmp.resolve(
            "sentry4j-" + System.getProperty("user.name").replaceAll("[^A-Za-z0-9._-]", "_"));
    assertThat(base).as("a folder per user, not a shared one").isDirectory();
    List<Path> all;
    try (Stream<Path> walk = Files.walk(base)) {
      all = walk.collect(Collectors.toList());
    }
    assertThat(all.stream().filter(Files::isRegularFile)).as(output).hasSize(1);
    for (Path p : all) {
      String perms = PosixFilePermissions.toString(Files.getPosixFilePermissions(p));
      assertThat(perms)
          .as(p.toString())
          .isEqualTo(Files.isDirectory(p) ? "rwx------" : "rw-------");
    }
    assertThat(all).noneMatch(p -> p.toString().contains(SpoolChild.KEY));
  }

  @Test
  void anExistingDirectoryOpenToOthersIsMadePrivateAgain() throws Exception {
    assumeThat(tmp.getFileSystem().supportedFileAttributeViews()).contains("posix");
    Path dir = DiskSpool.directoryFor(tmp.toString(), "1", "somekey", "http://h/api/1/envelope/");
    Files.createDirectories(dir);
    Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxrwxrwx"));

    new DiskSpool(dir, 10, 1 << 20, m -> {}).store(file(new ArrayList<>()), 1, "event~1~1~0");

    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir)))
        .isEqualTo("rwx------");
  }

  @Test
  void aWellFormedFilePlantedByAnotherWriterIsNeverSentButQuarantinedAndCounted() throws Exception {
    SentryReceiver receiver = open(SentryReceiver.start());
    Path dir =
        DiskSpool.directoryFor(tmp.toString(), "1", SentryReceiver.PUBLIC_KEY, receiver.endpoint());
    List<String> own = new ArrayList<>();
    new DiskSpool(dir, 100, 1 << 20, m -> {}).store(file(own), 1, "event~1~1~0");
    List<String> planted = new ArrayList<>();
    // a valid spool file under a valid name, written by someone else than the SDK
    Files.write(dir.resolve("1000000000000-000001-0000abcd.1.event~1~1~0.spool"), file(planted));
    List<String> diagnostics = new ArrayList<>();
    open(Diagnostics.addListener((severity, line) -> diagnostics.add(line)));

    Pipeline p = open(Pipeline.start(receiver.dsn(), tmp, null));
    receiver.awaitEvents(1, WAIT);
    assertThat(Sentry.flush(WAIT)).isTrue();
    Sentry.captureMessage("after", Level.ERROR);
    assertThat(Sentry.flush(WAIT)).isTrue();

    assertThat(DeliveryFaultTest.acceptedEventIds(receiver))
        .containsAll(own)
        .doesNotContainAnyElementsOf(planted);
    assertThat(p.spool.foreignFiles()).isEqualTo(1);
    try (Stream<Path> aside = Files.list(dir.resolve("foreign"))) {
      assertThat(aside.count()).isEqualTo(1);
    }
    assertThat(diagnostics).anyMatch(l -> l.contains("not written by this SDK"));
  }

  @Test
  void aFileOwnedByAnotherUserIsNeverSentEvenWithTheRightHeader() throws Exception {
    UserPrincipal nobody;
    try {
      nobody = tmp.getFileSystem().getUserPrincipalLookupService().lookupPrincipalByName("nobody");
    } catch (IOException | UnsupportedOperationException e) {
      nobody = null;
    }
    assumeThat(nobody).as("a user 'nobody'").isNotNull();
    assumeThat(System.getProperty("user.name"))
        .as("only root can give a file away")
        .isEqualTo("root");
    SentryReceiver receiver = open(SentryReceiver.start());
    Path dir =
        DiskSpool.directoryFor(tmp.toString(), "1", SentryReceiver.PUBLIC_KEY, receiver.endpoint());
    DiskSpool spool = new DiskSpool(dir, 100, 1 << 20, m -> {});
    List<String> other = new ArrayList<>();
    String name = spool.store(file(other), 1, "event~1~1~0");
    Files.setOwner(dir.resolve(name), nobody); // the SDK's format, but another user's file

    Pipeline p = open(Pipeline.start(receiver.dsn(), tmp, null));
    String mine = Sentry.captureMessage("mine", Level.ERROR).toString();
    receiver.awaitEvents(1, WAIT);
    assertThat(Sentry.flush(WAIT)).isTrue();

    assertThat(DeliveryFaultTest.acceptedEventIds(receiver)).containsExactly(mine);
    assertThat(p.spool.foreignFiles()).isEqualTo(1);
  }

  private static byte[] file(List<String> ids) {
    Envelope e = Envelopes.event("spooled");
    ids.add(e.getEventId().toString());
    return SpoolBatch.encode(
        List.of(new SpoolBatch.Record(Manifest.of(e), EnvelopeWriter.write(e, null))));
  }

  private <T extends AutoCloseable> T open(T resource) {
    toClose.add(resource);
    return resource;
  }

  /** Spools one envelope under the default location of {@code java.io.tmpdir}, then exits. */
  public static final class SpoolChild {
    static final String KEY = "childpublickey";

    public static void main(String[] args) {
      Path dir = DiskSpool.directoryFor(null, "7", KEY, "http://127.0.0.1:1/api/7/envelope/");
      String name =
          new DiskSpool(dir, 10, 1 << 20, m -> {}).store(file(new ArrayList<>()), 1, "event~1~1~0");
      if (name == null) {
        System.out.println("not written");
        System.exit(1);
      }
    }
  }
}
