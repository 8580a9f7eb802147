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
  private static final ResourceBundle BUNDLE = ResourceBundle.getBundle("dev.sentry4j.jul.TestMessages");

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
        Arguments.of("not.in.the.bundle {0}", new Object[] {"A"}, BUNDLE));
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
