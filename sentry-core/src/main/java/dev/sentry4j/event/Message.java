package dev.sentry4j.event;

import java.util.Collections;
import java.util.List;

/**
 * An event's message ({@code logentry}): the template that drives grouping, its parameters as
 * strings, and the formatted text. Immutable.
 */
public final class Message {
  private final String template;
  private final List<String> params;
  private final String formatted;

  /**
   * Creates a message.
   *
   * @param template the template ({@code "Order {} failed"}), or the plain text
   * @param params the parameters as strings; may be empty
   * @param formatted the final text, or {@code null} when the template is the text
   */
  public Message(String template, List<String> params, String formatted) {
    this.template = template;
    this.params = params == null ? Collections.emptyList() : List.copyOf(params);
    this.formatted = formatted;
  }

  /** A message without parameters. */
  public static Message of(String text) {
    return new Message(text, Collections.emptyList(), null);
  }

  /** The template, or the plain text. */
  public String getTemplate() {
    return template;
  }

  /** The parameters as strings. */
  public List<String> getParams() {
    return params;
  }

  /** The formatted text, or {@code null} when it equals the template. */
  public String getFormatted() {
    return formatted;
  }

  /** The text a person reads: the formatted message, else the template. */
  public String getText() {
    return formatted != null ? formatted : template;
  }

  @Override
  public String toString() {
    return getText();
  }
}
