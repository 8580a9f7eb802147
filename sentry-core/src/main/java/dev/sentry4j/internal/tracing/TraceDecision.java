package dev.sentry4j.internal.tracing;

import java.util.Map;

/**
 * A transaction's sampling state: whether it records (and is sent), the decision it propagates, the
 * rate and random value behind it, and the Dynamic Sampling Context it continues (or {@code null}
 * to make one from the options on first use). Immutable. Internal, may change.
 */
final class TraceDecision {
  final boolean recording;
  final Boolean sampled;
  final Double sampleRate;
  final double sampleRand;
  final Map<String, String> incomingDsc;

  TraceDecision(
      boolean recording,
      Boolean sampled,
      Double sampleRate,
      double sampleRand,
      Map<String, String> incomingDsc) {
    this.recording = recording;
    this.sampled = sampled;
    this.sampleRate = sampleRate;
    this.sampleRand = sampleRand;
    this.incomingDsc = incomingDsc;
  }
}
