package dev.sentry4j.spi.logging;

/**
 * What the logging hot path asks of a line's template, remembered per template: a program logs from
 * a few hundred call sites, each with one template (a constant {@code String}), so the answer for
 * the very same {@code String} object is looked up instead of scanning its text on every line.
 *
 * <p>Each question has a table of 256 slots, chosen by the template's hash (which a {@code String}
 * caches). A slot holds the last template found to have the trait; a lookup compares by identity,
 * so a template built anew on every line, or one whose slot another template took, is scanned
 * again: the answer is always the scan's. Only templates of up to {@link #MAX_LENGTH} characters
 * are kept, so the tables hold at most 512 short strings. Racy by design: slots are written without
 * a lock, and a thread that sees an older value scans.
 */
final class TemplateTraits {
  /** The longest template remembered. */
  static final int MAX_LENGTH = 512;

  private static final int SLOTS = 256;

  /** Templates without a parameter the deny-list could filter: {@link #argumentsMatter} false. */
  private static final String[] PLAIN = new String[SLOTS];

  /** Templates with a {@code {}} placeholder: {@link #hasBracePair} true. */
  private static final String[] BRACE_PAIR = new String[SLOTS];

  private TemplateTraits() {}

  /**
   * Whether a parameter of this template could be one the deny-list filters: it has a placeholder
   * and a key before one ({@code password={}}, {@code token: {}}), the scrubber's own first test.
   */
  static boolean argumentsMatter(String template) {
    if (template == null) {
      return false;
    }
    int slot = template.hashCode() & (SLOTS - 1);
    if (PLAIN[slot] == template) {
      return false;
    }
    boolean matter =
        template.indexOf('{') >= 0 && (template.indexOf('=') >= 0 || template.indexOf(':') >= 0);
    if (!matter && template.length() <= MAX_LENGTH) {
      PLAIN[slot] = template;
    }
    return matter;
  }

  /** Whether the template has a {@code {}} placeholder (SLF4J's and Log4j 2's). */
  static boolean hasBracePair(String template) {
    if (template == null) {
      return false;
    }
    int slot = template.hashCode() & (SLOTS - 1);
    if (BRACE_PAIR[slot] == template) {
      return true;
    }
    boolean has = template.contains("{}");
    if (has && template.length() <= MAX_LENGTH) {
      BRACE_PAIR[slot] = template;
    }
    return has;
  }
}
