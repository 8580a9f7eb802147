package dev.sentry4j.internal.transport.spool;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sentry4j.spi.Diagnostics;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(20)
class DiskSpoolTest {
  @TempDir Path dir;
  private final List<String> evicted = new CopyOnWriteArrayList<>();
  private final List<String> diagnostics = new CopyOnWriteArrayList<>();
  private final AutoCloseable listener =
      Diagnostics.addListener((severity, line) -> diagnostics.add(line));

  @AfterEach
  void removeListener() throws Exception {
    listener.close();
    Diagnostics.resetRateLimits();
  }

  @Test
  void claimsFilesOldestFirstAndDeletesThemWhenComplete() throws IOException {
    DiskSpool spool = spool(10, 1 << 20);
    spool.store(bytes("first"), 1, "event~1~5");
    spool.store(bytes("second"), 1, "event~1~6");

    DiskSpool.Claim a = spool.claimOldest(m -> true);
    DiskSpool.Claim b = spool.claimOldest(m -> true);

    assertThat(new String(a.read(), StandardCharsets.UTF_8)).isEqualTo("first");
    assertThat(new String(b.read(), StandardCharsets.UTF_8)).isEqualTo("second");
    assertThat(a.manifest()).isEqualTo("event~1~5");
    assertThat(spool.claimOldest(m -> true)).isNull();
    assertThat(spool.pending()).isEqualTo(2);
    spool.complete(a);
    spool.complete(b);
    assertThat(spool.pending()).isZero();
    assertThat(files()).isEmpty();
  }

  @Test
  void writesThroughATemporaryFileSoOnlyWholeFilesHaveASendableName() throws IOException {
    List<Path> seenWhileWriting = new ArrayList<>();
    DiskSpool spool =
        new DiskSpool(
            dir,
            10,
            1 << 20,
            evicted::add,
            (file, data) -> {
              seenWhileWriting.add(file);
              Files.write(file, data);
            });

    String name = spool.store(bytes("{}"), 1, "event~1~2");

    assertThat(seenWhileWriting).hasSize(1);
    assertThat(seenWhileWriting.get(0).getFileName().toString()).startsWith(".").endsWith(".tmp");
    assertThat(files()).containsExactly(name);
    assertThat(name).matches("\\d{13}-\\d{6}-[0-9a-f]{8}\\.1\\.event~1~2\\.spool");
  }

  @Test
  void aClaimPutBackIsSentLaterAndSkippedFilesWait() throws IOException {
    DiskSpool spool = spool(10, 1 << 20);
    spool.store(bytes("error"), 1, "event~1~5");
    spool.store(bytes("txn"), 1, "transaction~4~3");

    DiskSpool.Claim txn = spool.claimOldest(m -> !m.startsWith("event"));
    assertThat(txn.manifest()).isEqualTo("transaction~4~3");
    spool.release(txn);

    assertThat(spool.claimOldest(m -> true).manifest()).isEqualTo("event~1~5");
    assertThat(spool.claimOldest(m -> true).manifest()).isEqualTo("transaction~4~3");
  }

  @Test
  void deletesTheOldestToStayWithinItsCapsAndSaysWhatWasLost() {
    DiskSpool spool = spool(3, 1 << 20);
    for (int i = 0; i < 5; i++) {
      spool.store(bytes("envelope " + i), 1, "event~1~" + i);
    }

    assertThat(spool.pending()).isEqualTo(3);
    assertThat(evicted).containsExactly("event~1~0", "event~1~1");

    DiskSpool small = new DiskSpool(dir.resolve("small"), 100, 25, evicted::add);
    small.store(bytes("0123456789"), 1, "log~10~10");
    small.store(bytes("0123456789"), 1, "log~20~10");
    small.store(bytes("0123456789"), 1, "log~30~10");
    assertThat(evicted).endsWith("log~10~10");
    assertThat(small.store(new byte[26], 1, "event~1~26"))
        .as("larger than the whole spool")
        .isNull();
    assertThat(small.isWritable()).isTrue();
  }

  @Test
  void countsEnvelopesNotFilesAndPutsTheRestOfAFileBackInItsPlace() throws IOException {
    DiskSpool spool = spool(10, 1 << 20);
    spool.store(bytes("a,b,c"), 3, "event~3~3~3");
    spool.store(bytes("later"), 1, "event~1~1~5");
    assertThat(spool.pending()).isEqualTo(4);

    DiskSpool.Claim batch = spool.claimOldest(m -> true);
    assertThat(batch.envelopes()).isEqualTo(3);
    spool.replace(batch, bytes("c"), 1, "event~1~1~1");

    assertThat(spool.pending()).isEqualTo(2);
    DiskSpool.Claim rest = spool.claimOldest(m -> true);
    assertThat(rest.read()).as("still first in line").isEqualTo(bytes("c"));
    assertThat(rest.manifest()).isEqualTo("event~1~1~1");

    DiskSpool capped = new DiskSpool(dir.resolve("capped"), 5, 1 << 20, evicted::add);
    capped.store(bytes("1,2,3"), 3, "event~3~3~3");
    capped.store(bytes("4,5,6"), 3, "event~3~3~3");
    assertThat(capped.pending()).isEqualTo(3);
    assertThat(evicted).containsExactly("event~3~3~3");
  }

  @Test
  void aNewSpoolOnTheSameDirectoryFindsWhatWasLeft() throws IOException {
    spool(10, 1 << 20).store(bytes("left over"), 1, "event~1~9");

    DiskSpool next = spool(10, 1 << 20);
    assertThat(next.pending()).as("nothing is read before open").isZero();
    next.open();

    assertThat(next.pending()).isEqualTo(1);
    assertThat(next.claimOldest(m -> true).read()).isEqualTo(bytes("left over"));
  }

  @Test
  void putsBackClaimsOfDeadProcessesAndRemovesStaleTemporaryFiles() throws Exception {
    DiskSpool first = spool(10, 1 << 20);
    String name = first.store(bytes("claimed by a process that died"), 1, "event~1~30");
    long deadPid = deadPid();
    Files.move(dir.resolve(name), dir.resolve(name + "." + deadPid + ".sending"));
    Path temp = dir.resolve("." + name + ".tmp");
    Files.write(temp, bytes("half"));
    Files.setLastModifiedTime(temp, FileTime.fromMillis(System.currentTimeMillis() - 3_600_000));
    Path freshTemp = dir.resolve(".other.tmp");
    Files.write(freshTemp, bytes("being written by someone"));

    DiskSpool next = spool(10, 1 << 20);
    next.open();

    assertThat(files()).containsExactlyInAnyOrder(name, ".other.tmp");
    assertThat(next.claimOldest(m -> true).name()).isEqualTo(name);
  }

  @Test
  void aFileLockedByAnotherProcessIsLeftAloneUntilThatProcessDies() throws Exception {
    String name = spool(10, 1 << 20).store(bytes("in flight elsewhere"), 1, "event~1~19");
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    String classpath =
        System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
    Process holder =
        new ProcessBuilder(
                java, "-cp", classpath, LockHolder.class.getName(), dir.resolve(name).toString())
            .redirectErrorStream(true)
            .start();
    try {
      BufferedReader out =
          new BufferedReader(
              new InputStreamReader(holder.getInputStream(), StandardCharsets.UTF_8));
      assertThat(out.readLine()).isEqualTo("LOCKED");

      DiskSpool next = spool(10, 1 << 20);
      next.open();
      assertThat(next.claimOldest(m -> true)).as("locked by a live process").isNull();
      assertThat(files()).containsExactly(name);

      holder.destroyForcibly(); // kill -9: the kernel releases the lock
      assertThat(holder.waitFor(10, TimeUnit.SECONDS)).isTrue();
      next.rescan();
      DiskSpool.Claim claim = next.claimOldest(m -> true);
      assertThat(claim).isNotNull();
      assertThat(claim.read()).isEqualTo(bytes("in flight elsewhere"));
    } finally {
      holder.destroyForcibly();
    }
  }

  @Test
  void aClaimOfTheOlderLayoutIsPutBackEvenWhenItsPidIsOurs() throws Exception {
    // PID 1 in a container: the restarted process has the PID of the one that died mid-send
    String name = spool(10, 1 << 20).store(bytes("sent when the process died"), 1, "event~1~26");
    long ourPid = ProcessHandle.current().pid();
    Files.move(dir.resolve(name), dir.resolve(name + "." + ourPid + ".sending"));

    DiskSpool next = spool(10, 1 << 20);
    next.open();

    assertThat(next.pending()).isEqualTo(1);
    assertThat(files()).containsExactly(name);
    assertThat(next.claimOldest(m -> true).read()).isEqualTo(bytes("sent when the process died"));
  }

  @Test
  void aFileOfThisProcessIsClaimedFromTheStartAndSentByTheNextOneWhenItIsNotCompleted()
      throws IOException {
    DiskSpool spool = spool(10, 1 << 20);
    DiskSpool.Claim own = spool.storeClaimed(bytes("kept in memory too"), 1, "event~1~18");
    assertThat(files()).containsExactly(own.name());
    assertThat(spool.pending()).as("its envelopes are counted in memory").isZero();

    DiskSpool other = spool(10, 1 << 20);
    other.open();
    assertThat(other.claimOldest(m -> true)).as("held by its writer").isNull();

    spool.release(own); // as the lock's release by a dying process
    other.rescan();
    assertThat(other.claimOldest(m -> true).read()).isEqualTo(bytes("kept in memory too"));
  }

  @Test
  void aFileLargerThanTheReadLimitIsNeverReadAndCanBeQuarantined() throws IOException {
    DiskSpool spool = spool(10, 1 << 30).maxFileBytes(1024);
    String big = spool.store(new byte[4096], 1, "event~1~1~4096");

    DiskSpool.Claim claim = spool.claimOldest(m -> true);
    assertThat(claim.name()).isEqualTo(big);
    org.assertj.core.api.Assertions.assertThatThrownBy(claim::read)
        .isInstanceOf(DiskSpool.TooLargeException.class)
        .hasMessageContaining("more than the 1024"); // 4096 bytes of data and the header line
    spool.quarantine(claim, "too large");

    assertThat(spool.pending()).isZero();
    assertThat(files()).containsExactly("corrupt");
    assertThat(diagnostics).anyMatch(l -> l.contains("too large"));
  }

  @Test
  void aFailedWriteIsTriedAgainAfterTheRetryInterval() throws IOException {
    boolean[] full = {true};
    DiskSpool spool =
        new DiskSpool(
                dir,
                10,
                1 << 20,
                evicted::add,
                (file, data) -> {
                  if (full[0]) {
                    throw new IOException("No space left on device");
                  }
                  Files.write(file, data);
                })
            .retryWritesAfter(java.time.Duration.ofMillis(50));

    assertThat(spool.store(bytes("a"), 1, "event~1~1")).isNull();
    full[0] = false; // space was freed
    org.awaitility.Awaitility.await()
        .atMost(java.time.Duration.ofSeconds(5))
        .until(spool::isWritable);

    assertThat(spool.store(bytes("b"), 1, "event~1~1")).isNotNull();
    assertThat(spool.isWritable()).isTrue();
    assertThat(diagnostics).singleElement().asString().contains("tried again every 50 ms");
  }

  @Test
  void twoSpoolsOnOneDirectoryNeverClaimTheSameFile() throws Exception {
    DiskSpool writer = spool(1000, 1 << 24);
    for (int i = 0; i < 300; i++) {
      writer.store(bytes("envelope " + i), 1, "event~1~1");
    }
    DiskSpool a = spool(1000, 1 << 24);
    DiskSpool b = spool(1000, 1 << 24);
    a.open();
    b.open();
    Set<String> sent = ConcurrentHashMap.newKeySet();
    List<String> duplicates = new CopyOnWriteArrayList<>();
    CountDownLatch start = new CountDownLatch(1);
    ExecutorService pool = Executors.newFixedThreadPool(2);
    try {
      List<Future<Integer>> results = new ArrayList<>();
      for (DiskSpool s : List.of(a, b)) {
        results.add(
            pool.submit(
                () -> {
                  start.await();
                  int n = 0;
                  for (DiskSpool.Claim c; n < 1000 && (c = s.claimOldest(m -> true)) != null; n++) {
                    String body = new String(c.read(), StandardCharsets.UTF_8);
                    if (!sent.add(body)) {
                      duplicates.add(body);
                    }
                    s.complete(c);
                  }
                  return n;
                }));
      }
      start.countDown();
      int total =
          results.get(0).get(10, TimeUnit.SECONDS) + results.get(1).get(10, TimeUnit.SECONDS);
      assertThat(duplicates).isEmpty();
      assertThat(total).isEqualTo(300);
      assertThat(sent).hasSize(300);
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void anUnusableDirectoryMeansMemoryOnlyWithOneDiagnosticLine() throws IOException {
    Path blocked = dir.resolve("not-a-directory");
    Files.write(blocked, bytes("a file where the spool should be"));
    DiskSpool spool = new DiskSpool(blocked.resolve("spool"), 10, 1 << 20, evicted::add);

    assertThat(spool.store(bytes("a"), 1, "event~1~1")).isNull();
    assertThat(spool.store(bytes("b"), 1, "event~1~1")).isNull();

    assertThat(spool.isWritable()).isFalse();
    assertThat(diagnostics).hasSize(1);
    assertThat(diagnostics.get(0)).contains("memory only").contains(blocked.toString());
  }

  @Test
  void aFullDiskMeansMemoryOnlyButFilesAlreadyThereAreStillSent() throws IOException {
    spool(10, 1 << 20).store(bytes("written before the disk filled up"), 1, "event~1~33");
    DiskSpool spool =
        new DiskSpool(
            dir,
            10,
            1 << 20,
            evicted::add,
            (file, data) -> {
              throw new IOException("No space left on device");
            });

    assertThat(spool.store(bytes("new"), 1, "event~1~3")).isNull();

    assertThat(spool.isWritable()).isFalse();
    assertThat(diagnostics).singleElement().asString().contains("No space left on device");
    assertThat(files()).hasSize(1).allMatch(n -> n.endsWith(".spool"));
    assertThat(spool.claimOldest(m -> true)).isNotNull();
  }

  @Test
  void movesCorruptFilesAsideAndKeepsOnlyTheNewestFew() throws IOException {
    DiskSpool spool = spool(100, 1 << 20);
    for (int i = 0; i < 25; i++) {
      spool.store(bytes("garbage " + i), 1, "event~1~9");
    }
    for (int i = 0; i < 25; i++) {
      spool.quarantine(spool.claimOldest(m -> true));
    }

    assertThat(spool.pending()).isZero();
    try (Stream<Path> corrupt = Files.list(dir.resolve("corrupt"))) {
      assertThat(corrupt.count()).isEqualTo(20);
    }
  }

  @Test
  void theDirectoryOfADsnIsStableAndSeparatesProjectsKeysAndHosts() {
    Path a = DiskSpool.directoryFor(null, "1", "key", "http://127.0.0.1:9000/api/1/envelope/");
    Path same = DiskSpool.directoryFor(null, "1", "key", "http://127.0.0.1:9000/api/1/envelope/");
    Path otherHost =
        DiskSpool.directoryFor(null, "1", "key", "http://127.0.0.1:9001/api/1/envelope/");

    assertThat(a).isEqualTo(same).isNotEqualTo(otherHost);
    assertThat(a.getParent())
        .as("a folder per user")
        .isEqualTo(
            Path.of(
                System.getProperty("java.io.tmpdir"),
                "sentry4j-" + System.getProperty("user.name").replaceAll("[^A-Za-z0-9._-]", "_")));
    assertThat(a.getFileName().toString()).matches("1-[0-9a-f]{16}").doesNotContain("key");
    assertThat(
            DiskSpool.directoryFor(null, "1", "otherkey", "http://127.0.0.1:9000/api/1/envelope/"))
        .isNotEqualTo(a);
    assertThat(DiskSpool.directoryFor("/var/spool/app", "7", "a/b", "x").toString())
        .matches("/var/spool/app/7-[0-9a-f]{16}");
  }

  private DiskSpool spool(int maxItems, long maxBytes) {
    return new DiskSpool(dir, maxItems, maxBytes, evicted::add);
  }

  private List<String> files() throws IOException {
    try (Stream<Path> s = Files.list(dir)) {
      List<String> names = s.map(p -> p.getFileName().toString()).collect(Collectors.toList());
      Collections.sort(names);
      return names;
    }
  }

  private static long deadPid() throws Exception {
    Process p = new ProcessBuilder("true").start();
    assertThat(p.waitFor(10, TimeUnit.SECONDS)).isTrue();
    return p.pid();
  }

  private static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }
}
