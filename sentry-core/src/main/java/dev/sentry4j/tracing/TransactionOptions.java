package dev.sentry4j.tracing;

import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Optional settings for {@code Sentry.startTransaction} and {@code Sentry.continueTrace}: the
 * name's source, a custom sampling context for your {@link TracesSampler}, an explicit start time,
 * whether the transaction becomes the current span, and an explicit sampling decision. Immutable.
 *
 * <pre>{@code
 * TransactionOptions options = TransactionOptions.builder()
 *     .setSource(TransactionSource.ROUTE)
 *     .setCustomSamplingContext(Map.of("tenant", "acme"))
 *     .build();
 * try (Transaction tx = Sentry.startTransaction("GET /orders/{id}", "http.server", options)) { ... }
 * }</pre>
 */
public final class TransactionOptions {
  /** The defaults: source {@code custom}, start now, bound to the scope, sampled by the options. */
  public static final TransactionOptions DEFAULTS = builder().build();

  private final TransactionSource source;
  private final Map<String, Object> customSamplingContext;
  private final Instant startTimestamp;
  private final boolean bindToScope;
  private final Boolean sampled;

  private TransactionOptions(Builder b) {
    this.source = b.source;
    this.customSamplingContext =
        b.customSamplingContext.isEmpty()
            ? Collections.emptyMap()
            : Collections.unmodifiableMap(new LinkedHashMap<>(b.customSamplingContext));
    this.startTimestamp = b.startTimestamp;
    this.bindToScope = b.bindToScope;
    this.sampled = b.sampled;
  }

  /** A builder with the defaults. */
  public static Builder builder() {
    return new Builder();
  }

  /** How the name was made; default {@link TransactionSource#CUSTOM}. */
  public TransactionSource getSource() {
    return source;
  }

  /** Values handed to the {@link TracesSampler}; empty by default. */
  public Map<String, Object> getCustomSamplingContext() {
    return customSamplingContext;
  }

  /** The start time, or {@code null} for now. */
  public Instant getStartTimestamp() {
    return startTimestamp;
  }

  /** Whether the transaction becomes the current span until it is closed; default true. */
  public boolean isBindToScope() {
    return bindToScope;
  }

  /** An explicit sampling decision that wins over every other rule, or {@code null} (default). */
  public Boolean getSampled() {
    return sampled;
  }

  /** Builds {@link TransactionOptions}. Not thread-safe. */
  public static final class Builder {
    private TransactionSource source = TransactionSource.CUSTOM;
    private Map<String, Object> customSamplingContext = Collections.emptyMap();
    private Instant startTimestamp;
    private boolean bindToScope = true;
    private Boolean sampled;

    private Builder() {}

    /** How the name was made; default {@link TransactionSource#CUSTOM}; {@code null} resets it. */
    public Builder setSource(TransactionSource value) {
      this.source = value == null ? TransactionSource.CUSTOM : value;
      return this;
    }

    /** Values for your {@link TracesSampler} (copied); default none. */
    public Builder setCustomSamplingContext(Map<String, ?> value) {
      this.customSamplingContext =
          value == null ? Collections.emptyMap() : new LinkedHashMap<>(value);
      return this;
    }

    /** The start time, for work that began before the transaction object was made; default now. */
    public Builder setStartTimestamp(Instant value) {
      this.startTimestamp = value;
      return this;
    }

    /**
     * Whether the transaction becomes the current span (errors and log lines carry it, {@code
     * Sentry.startSpan} makes children of it) until it is closed or finished; default true.
     */
    public Builder setBindToScope(boolean value) {
      this.bindToScope = value;
      return this;
    }

    /**
     * An explicit sampling decision, above the sampler, the parent's decision and the rate; default
     * {@code null} (let those decide). It still needs tracing to be enabled.
     */
    public Builder setSampled(Boolean value) {
      this.sampled = value;
      return this;
    }

    /** The options. */
    public TransactionOptions build() {
      return new TransactionOptions(this);
    }
  }
}
