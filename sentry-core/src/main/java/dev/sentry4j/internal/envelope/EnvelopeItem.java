package dev.sentry4j.internal.envelope;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * One item of an envelope: its type, extra header fields, and a payload serialized lazily on the
 * SDK's worker. A {@linkplain #deferred deferred} item also makes its model there: the caller's
 * thread hands over what it snapshotted, and the worker runs the rest of the pipeline, which may
 * drop the item ({@link #getModel()} and {@link #getPayload()} then return {@code null}).
 * Thread-safe: the model and the payload are computed once.
 */
public final class EnvelopeItem {
  /** The header of JSON items. */
  public static final Map<String, Object> JSON = Map.of("content_type", "application/json");

  private final ItemType type;
  private final Map<String, Object> headers;
  private final int quantity;
  private Supplier<Object> preparer;
  private Function<Object, byte[]> serializer;
  private volatile boolean prepared;
  private boolean dropped;
  private Object model;
  private volatile byte[] payload;

  private EnvelopeItem(
      ItemType type,
      Map<String, Object> headers,
      Object model,
      int quantity,
      Supplier<Object> preparer,
      Function<Object, byte[]> serializer,
      byte[] payload) {
    this.type = type;
    this.headers =
        headers == null
            ? Collections.emptyMap()
            : headers == JSON ? JSON : Collections.unmodifiableMap(new LinkedHashMap<>(headers));
    this.model = model;
    this.quantity = quantity;
    this.preparer = preparer;
    this.prepared = preparer == null;
    this.serializer = serializer;
    this.payload = payload;
  }

  /**
   * An item whose payload is made by {@code serializer} when first needed (on the worker).
   *
   * @param model the frozen model it serializes, kept for processors and tests; may be null
   * @param quantity how many records it holds (log items), else 1
   */
  public static EnvelopeItem lazy(
      ItemType type,
      Object model,
      int quantity,
      Map<String, Object> headers,
      Supplier<byte[]> serializer) {
    return new EnvelopeItem(type, headers, model, quantity, null, m -> serializer.get(), null);
  }

  /**
   * An item whose model is made by {@code preparer} when first needed (on the worker), then
   * serialized by {@code serializer}. The preparer returns {@code null} to drop the item (it counts
   * the drop itself); neither may throw.
   *
   * @param quantity how many records it holds, else 1
   */
  public static EnvelopeItem deferred(
      ItemType type,
      int quantity,
      Map<String, Object> headers,
      Supplier<Object> preparer,
      Function<Object, byte[]> serializer) {
    return new EnvelopeItem(type, headers, null, quantity, preparer, serializer, null);
  }

  /** An item with a ready payload. */
  public static EnvelopeItem of(
      ItemType type, Map<String, Object> headers, int quantity, byte[] payload) {
    return new EnvelopeItem(type, headers, null, quantity, null, null, payload);
  }

  /** The type. */
  public ItemType getType() {
    return type;
  }

  /** Header fields besides {@code type} and {@code length}. */
  public Map<String, Object> getHeaders() {
    return headers;
  }

  /**
   * The frozen model (an {@code Event}, ...), made on first call for a deferred item; {@code null}
   * for raw items and dropped deferred ones.
   */
  public Object getModel() {
    if (!prepared) {
      synchronized (this) {
        if (!prepared) {
          model = preparer.get();
          dropped = model == null;
          preparer = null;
          prepared = true;
        }
      }
    }
    return model;
  }

  /** How many records the item holds (1 except for log batches). */
  public int getQuantity() {
    return quantity;
  }

  /**
   * The payload bytes, serialized on first call; {@code null} when a deferred item was dropped
   * while it was made.
   */
  public byte[] getPayload() {
    byte[] p = payload;
    if (p != null) {
      return p;
    }
    Object m = getModel();
    if (dropped) {
      return null;
    }
    synchronized (this) {
      if (payload == null) {
        payload = serializer.apply(m);
        serializer = null;
      }
      return payload;
    }
  }

  /** Whether this is a deferred item that was dropped while it was made (makes it if needed). */
  public boolean isDropped() {
    getModel();
    return dropped;
  }
}
