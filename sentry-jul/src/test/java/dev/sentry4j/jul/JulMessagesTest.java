package dev.sentry4j.jul;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ListResourceBundle;
import java.util.ResourceBundle;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.SimpleFormatter;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The handler's text must be what the JDK's own Formatter.formatMessage prints. */
class JulMessagesTest {
  private static final ResourceBundle BUNDLE =
      ResourceBundle.getBundle("dev.sentry4j.jul.TestMessages");

  static Stream<Arguments> records() {
    Object throwing =
        new Object() {
          @Override
          public String toString() {
            throw new IllegalStateException("no");
          }
        };
    return Stream.of(
        Arguments.of("plain", new Object[0], null),
        Arguments.of("plain without params", null, null),
        Arguments.of("one {0}", new Object[] {"A"}, null),
        Arguments.of("numbers {0} and {1,number,#.##}", new Object[] {1234567, 3.14159}, null),
        Arguments.of("no placeholder {x} here", new Object[] {"A"}, null),
        Arguments.of("brace at the end {", new Object[] {"A"}, null),
        Arguments.of("quote ''{0}''", new Object[] {"A"}, null),
        Arguments.of("unbalanced {0", new Object[] {"A"}, null),
        Arguments.of("throwing {0}", new Object[] {throwing}, null),
        Arguments.of("order.failed", new Object[] {"A-17", 3}, BUNDLE),
        Arguments.of("cart.loaded", null, BUNDLE),
        Arguments.of("not.in.the.bundle {0}", new Object[] {"A"}, BUNDLE),
        // The shapes the fast path takes on, and its edges, against the JDK.
        Arguments.of("{0}", new Object[] {"A"}, null),
        Arguments.of("{1} before {0}, {0} again", new Object[] {"A", "B"}, null),
        Arguments.of("{0} missing {1} and {12}", new Object[] {"A"}, null),
        Arguments.of("leading zeros {00} and {01}", new Object[] {"A", "B"}, null),
        Arguments.of("a null {0} here", new Object[] {null}, null),
        Arguments.of("empty {0}.", new Object[] {""}, null),
        Arguments.of("text with } alone {0}", new Object[] {"A"}, null),
        Arguments.of("braces {{0}}", new Object[] {"A"}, null),
        Arguments.of("an argument with {1} braces {0}", new Object[] {"{1}", "x"}, null),
        Arguments.of("a number {0}", new Object[] {1234567}, null),
        Arguments.of("a mix {0} {1}", new Object[] {"A", 1234.5}, null),
        Arguments.of("spaces { 0 }", new Object[] {"A"}, null),
        Arguments.of("a type {0,choice,0#none|1#one}", new Object[] {"A"}, null),
        Arguments.of("huge index {1234567890}", new Object[] {"A"}, null),
        Arguments.of("négatif ünïcode {0} ✓", new Object[] {"värde"}, null),
        Arguments.of(
            "{0}{1}{2}{3}{4}{5}{6}{7}{8}{9}{10}",
            new Object[] {"a", "b", "c", "d", "e", "f", "g", "h", "i", "j", "k"}, null));
  }

  @ParameterizedTest
  @MethodSource("records")
  void formatsLikeTheJdk(String message, Object[] params, ResourceBundle bundle) {
    LogRecord record = new LogRecord(Level.INFO, message);
    record.setParameters(params);
    record.setResourceBundle(bundle);

    String ours = JulMessages.format(JulMessages.template(record), record.getParameters());

    assertThat(ours).isEqualTo(new SimpleFormatter().formatMessage(record));
  }

  @Test
  void theFastPathTakesOnlyPlainPlaceholdersWithStringArguments() {
    assertThat(JulMessages.formatSimple("order {0} for {1}", new Object[] {"A-17", "acme"}))
        .isEqualTo("order A-17 for acme");
    assertThat(JulMessages.formatSimple("order {0}", new Object[] {17})).isNull();
    assertThat(JulMessages.formatSimple("order {0,number}", new Object[] {"A"})).isNull();
    assertThat(JulMessages.formatSimple("it''s {0}", new Object[] {"A"})).isNull();
    assertThat(JulMessages.formatSimple("unbalanced {0", new Object[] {"A"})).isNull();
  }

  @Test
  void aBundleEntryThatIsNoStringLeavesTheKey() {
    // The JDK's formatMessage would throw here; a handler must not.
    LogRecord record = new LogRecord(Level.INFO, "bad bundle");
    record.setResourceBundle(new BrokenBundle());
    assertThat(JulMessages.template(record)).isEqualTo("bad bundle");
  }

  /** A bundle whose entries are not strings. */
  static final class BrokenBundle extends ListResourceBundle {
    @Override
    protected Object[][] getContents() {
      return new Object[][] {{"bad bundle", 42}};
    }
  }
}
