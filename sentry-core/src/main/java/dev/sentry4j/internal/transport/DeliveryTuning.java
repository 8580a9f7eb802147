package dev.sentry4j.internal.transport;

import java.time.Duration;

/**
 * Timing knobs of the delivery pipeline that are not user options: tests shrink them so that a
 * fault test takes milliseconds, not minutes, and swap the clock. Immutable; {@link #DEFAULT} holds
 * the production values.
 */
final class DeliveryTuning {
  /**
   * Production values: back-off 1 s doubling to 60 s, 100 ms between spooled envelopes, client
   * reports attached at most every 30 s and sent alone after 60 s idle.
   */
  static final DeliveryTuning DEFAULT = builder().build();

  final Ticker ticker;

  /** First wait after a network error or 5xx; doubles per failure, with jitter. */
  final long initialBackoffNanos;

  /** Longest wait between attempts while Sentry cannot be reached. */
  final long maxBackoffNanos;

  /** Attempts of one envelope answered with 5xx before it is dropped ({@code send_error}). */
  final int maxServerErrorAttempts;

  /** A pending client report rides on an outgoing envelope at most once per interval. */
  final long clientReportIntervalNanos;

  /** An idle sender sends a pending client report on its own after this long. */
  final long standaloneReportIntervalNanos;

  /** Longest the sender sleeps without a signal before it looks at the clock again. */
  final long maxParkNanos;

  /** How often an idle sender looks into the spool directory for files of other processes. */
  final long rescanIntervalNanos;

  private DeliveryTuning(Builder b) {
    this.ticker = b.ticker;
    this.initialBackoffNanos = b.initialBackoff.toNanos();
    this.maxBackoffNanos = b.maxBackoff.toNanos();
    this.maxServerErrorAttempts = b.maxServerErrorAttempts;
    this.clientReportIntervalNanos = b.clientReportInterval.toNanos();
    this.standaloneReportIntervalNanos = b.standaloneReportInterval.toNanos();
    this.maxParkNanos = b.maxPark.toNanos();
    this.rescanIntervalNanos = b.rescanInterval.toNanos();
  }

  static Builder builder() {
    return new Builder();
  }

  /** Collects the knobs; every one starts at its production value. Not thread-safe. */
  static final class Builder {
    private Ticker ticker = Ticker.SYSTEM;
    private Duration initialBackoff = Duration.ofSeconds(1);
    private Duration maxBackoff = Duration.ofSeconds(60);
    private int maxServerErrorAttempts = 5;
    private Duration clientReportInterval = Duration.ofSeconds(30);
    private Duration standaloneReportInterval = Duration.ofSeconds(60);
    private Duration maxPark = Duration.ofSeconds(1);
    private Duration rescanInterval = Duration.ofSeconds(30);

    Builder ticker(Ticker value) {
      this.ticker = value;
      return this;
    }

    Builder backoff(Duration initial, Duration max) {
      this.initialBackoff = initial;
      this.maxBackoff = max;
      return this;
    }

    Builder maxServerErrorAttempts(int value) {
      this.maxServerErrorAttempts = value;
      return this;
    }

    Builder clientReportInterval(Duration value) {
      this.clientReportInterval = value;
      return this;
    }

    Builder standaloneReportInterval(Duration value) {
      this.standaloneReportInterval = value;
      return this;
    }

    Builder maxPark(Duration value) {
      this.maxPark = value;
      return this;
    }

    Builder rescanInterval(Duration value) {
      this.rescanInterval = value;
      return this;
    }

    DeliveryTuning build() {
      return new DeliveryTuning(this);
    }
  }
}
