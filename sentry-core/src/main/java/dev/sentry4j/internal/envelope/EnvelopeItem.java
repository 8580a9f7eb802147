package dev.sentry4j.internal.envelope;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;

/**
 * One item of an envelope: its type, extra header fields, and a payload serialized lazily on the
 * SDK's worker (the caller's thread only freezes the model). Thread-safe: the payload is computed
 * once.
 */
public final class EnvelopeItem {
  private final ItemType type;
  private final Map<String, Object> headers;
  private final Object model;
  private final int quantity;
  private Supplier<byte[]> serializer;
  private volatile byte[] payload;

  private EnvelopeItem(
      ItemType type,
      Map<String, Object> headers,
      Object model,
      int quantity,
      Supplier<byte[]> serializer,
      byte[] payload) {
    this.type = type;
    this.headers =
        headers == null ? Collections.emptyMap() : Collections.unmodifiableMap(new LinkedHashMap<>(headers));
    this.model = model;
    this.quantity = quantity;
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
      ItemType type, Object model, int quantity, Map<String, Object> headers, Supplier<byte[]> serializer) {
    return new EnvelopeItem(type, headers, model, quantity, serializer, null);
  }

  /** An item with a ready payload. */
  public static EnvelopeItem of(ItemType type, Map<String, Object> headers, int quantity, byte[] payload) {
    return new EnvelopeItem(type, headers, null, quantity, null, payload);
  }

  /** The type. */
  public ItemType getType() {
    return type;
  }

  /** Header fields besides {@code type} and {@code length}. */
  public Map<String, Object> getHeaders() {
    return headers;
  }

  /** The frozen model (an {@code Event}, ...), or {@code null} for raw items. */
  public Object getModel() {
    return model;
  }

  /** How many records the item holds (1 except for log batches). */
  public int getQuantity() {
    return quantity;
  }

  /** The payload bytes, serialized on first call. */
  public byte[] getPayload() {
    byte[] p = payload;
    if (p == null) {
      synchronized (this) {
        p = payload;
        if (p == null) {
          p = serializer.get();
          payload = p;
          serializer = null;
        }
      }
    }
    return p;
  }
}
