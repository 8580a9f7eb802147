package dev.sentry4j.bench;

/**
 * Builds the exceptions that error lines carry: a fresh instance per call (sentry-java skips an
 * instance it has already captured, so reusing one would measure its de-duplication instead of its
 * capture), thrown from {@value #DEPTH} frames below the caller so the stack is realistic.
 */
final class Failures {

  /** Frames of recursion below the caller before the exception is created. */
  static final int DEPTH = 25;

  private Failures() {}

  /** Returns a new exception whose stack is about {@value #DEPTH} frames deeper than the caller. */
  static RuntimeException fresh() {
    return descend(DEPTH);
  }

  private static RuntimeException descend(int depth) {
    if (depth <= 1) {
      return new RuntimeException("payment gateway timed out");
    }
    return descend(depth - 1);
  }
}
