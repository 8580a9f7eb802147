package dev.sentry4j.spi;

import dev.sentry4j.event.Event;
import dev.sentry4j.event.Hint;

/**
 * For an {@link dev.sentry4j.event.EventProcessor} that needs data bound to the capturing thread
 * (the MDC, a {@link ThreadLocal}). Event processors run on the SDK's worker thread, after the
 * capture call returned; a processor that also implements this interface is called here first, on
 * the capturing thread, to copy what it will need into the hint (which travels with the event).
 *
 * <pre>{@code
 * final class TenantProcessor implements EventProcessor, CallerThreadCapture {
 *   public void onCallerThread(Event event, Hint hint) {
 *     hint.set("tenant", TENANT.get());                 // on the capturing thread
 *   }
 *   public Event process(Event event, Hint hint) {       // on the worker
 *     event.setTag("tenant", (String) hint.get("tenant"));
 *     return event;
 *   }
 * }
 * }</pre>
 *
 * <p>Called for error events only, before the scopes are merged into the event; it must be quick
 * (it is on the application's thread) and should only read. Exceptions are caught and reported.
 */
public interface CallerThreadCapture {
  /**
   * Copies thread-bound data into {@code hint}, on the capturing thread.
   *
   * @param event the event as captured (scopes not merged yet)
   * @param hint the capture's hint, handed to {@code process} later
   */
  void onCallerThread(Event event, Hint hint);
}
