package dev.sentry4j.bench;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * CPU time of the JVM's own native threads, which {@link ThreadCpu} cannot see: the JIT compilers
 * ({@code C1/C2 CompilerThread}) and the garbage collector ({@code GC Thread}, {@code G1 ...}).
 * Read from Linux's {@code /proc/self/task/<tid>/stat} (user + system time, in clock ticks of 10
 * ms); elsewhere every figure is -1. Lets a bench show how much of a measured phase was still JIT
 * compilation, i.e. whether its warm-up reached the steady state.
 */
final class JvmThreadCpu {
  private static final Path TASKS = Path.of("/proc/self/task");
  private static final long NANOS_PER_TICK = 10_000_000L; // USER_HZ is 100 on Linux

  private JvmThreadCpu() {}

  /** CPU time (ns) of the JIT compiler threads so far, or -1 where /proc is not available. */
  static long jit() {
    return sum("C1 CompilerThre", "C2 CompilerThre");
  }

  /**
   * CPU time (ns) of the garbage collector's threads so far, or -1 where /proc is not available.
   */
  static long gc() {
    return sum("GC Thread", "G1 ");
  }

  private static long sum(String... prefixes) {
    if (!Files.isDirectory(TASKS)) {
      return -1;
    }
    long ticks = 0;
    try (DirectoryStream<Path> tasks = Files.newDirectoryStream(TASKS)) {
      for (Path task : tasks) {
        String stat;
        try {
          stat = Files.readString(task.resolve("stat"));
        } catch (IOException ended) {
          continue; // the thread ended between the listing and the read
        }
        // "tid (comm) state ..."; comm may hold spaces and parentheses: cut at the last ')'
        int open = stat.indexOf('(');
        int close = stat.lastIndexOf(')');
        String comm = stat.substring(open + 1, close);
        if (!matches(comm, prefixes)) {
          continue;
        }
        String[] fields = stat.substring(close + 2).split(" ");
        // fields[0] is the state (field 3); utime and stime are fields 14 and 15
        ticks += Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
      }
    } catch (IOException | RuntimeException unreadable) {
      return -1;
    }
    return ticks * NANOS_PER_TICK;
  }

  private static boolean matches(String comm, String... prefixes) {
    for (String prefix : prefixes) {
      if (comm.startsWith(prefix)) {
        return true;
      }
    }
    return false;
  }
}
