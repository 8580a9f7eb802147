package dev.sentry4j.spi.logging;

import java.util.function.Predicate;

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
    return lookUp(PLAIN, false, template, TemplateTraits::scanArgumentsMatter);
  }

  /** Whether the template has a {@code {}} placeholder (SLF4J's and Log4j 2's). */
  static boolean hasBracePair(String template) {
    return lookUp(BRACE_PAIR, true, template, t -> t.contains("{}"));
  }

  private static boolean scanArgumentsMatter(String t) {
    return t.indexOf('{') >= 0 && (t.indexOf('=') >= 0 || t.indexOf(':') >= 0);
  }

  /**
   * What {@code scan} says of {@code template}, remembered: {@code table} keeps templates whose
   * answer was {@code kept} (if short), and a template found there gets {@code kept} without a
   * scan. {@code false} for {@code null}.
   */
  private static boolean lookUp(
      String[] table, boolean kept, String template, Predicate<String> scan) {
    if (template == null) {
      return false;
    }
    int slot = template.hashCode() & (SLOTS - 1);
    if (table[slot] == template) {
      return kept;
    }
    boolean answer = scan.test(template);
    if (answer == kept && template.length() <= MAX_LENGTH) {
      table[slot] = template;
    }
    return answer;
  }
}
