package dev.sentry4j.internal.client;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class DeduplicatorTest {
  private final Deduplicator dedup = new Deduplicator();

  @Test
  void theSameThrowableOrOneWrappingItIsADuplicate() {
    IllegalStateException first = new IllegalStateException("boom");
    assertThat(dedup.isDuplicate(first)).isFalse();
    dedup.remember(first);

    assertThat(dedup.isDuplicate(first)).isTrue();
    assertThat(dedup.isDuplicate(new RuntimeException("wrapped", first))).isTrue();
    assertThat(dedup.isDuplicate(new IllegalStateException("boom"))).isFalse();
  }

  @Test
  void aCaptureIsCheckedAndRememberedInOnePass() {
    IllegalStateException first = new IllegalStateException("boom");
    assertThat(dedup.checkAndRemember(first)).as("first capture").isFalse();
    assertThat(dedup.checkAndRemember(first)).as("the same object again").isTrue();

    RuntimeException wrapper = new RuntimeException("wrapped", first);
    assertThat(dedup.checkAndRemember(wrapper)).as("a wrapper of a captured one").isTrue();
    assertThat(dedup.checkAndRemember(new RuntimeException("other"))).isFalse();
  }

  @Test
  void everyLiveCaptureIsFoundAmongManyThatShareSlots() {
    List<Throwable> alive = new ArrayList<>();
    for (int i = 0; i < Deduplicator.CAPACITY / 2; i++) {
      Throwable t = new RuntimeException("n" + i);
      alive.add(t);
      assertThat(dedup.checkAndRemember(t)).as("capture %d", i).isFalse();
    }
    // the table is half full, so some of these share home slots: each is still found
    int found = 0;
    for (Throwable t : alive) {
      found += dedup.isDuplicate(t) ? 1 : 0;
    }
    assertThat(found).isGreaterThanOrEqualTo(alive.size() * 3 / 4);
    assertThat(dedup.isDuplicate(alive.get(alive.size() - 1))).isTrue();
  }

  @Test
  void valueEqualThrowablesAreNotDuplicates() {
    CodedException a = new CodedException(42);
    dedup.remember(a);

    assertThat(dedup.isDuplicate(new CodedException(42))).isFalse();
  }

  @Test
  void theMostRecentCaptureIsAlwaysRememberedWhateverCameBefore() {
    List<Throwable> alive = new ArrayList<>(); // strongly held: no slot is freed by the GC
    for (int i = 0; i < 10_000; i++) {
      Throwable t = new RuntimeException("n" + i);
      alive.add(t);
      dedup.remember(t);
      assertThat(dedup.isDuplicate(t)).as("capture %d", i).isTrue();
    }
    assertThat(dedup.isDuplicate(new RuntimeException("never captured"))).isFalse();
  }

  @Test
  void aCauseCycleEnds() {
    Throwable a = new RuntimeException("a");
    Throwable b = new RuntimeException("b", a);
    a.initCause(b);

    assertThat(dedup.isDuplicate(a)).isFalse();
  }

  /** An exception class that compares by error code, as some libraries' do. */
  private static final class CodedException extends RuntimeException {
    private final int code;

    CodedException(int code) {
      super("code " + code);
      this.code = code;
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof CodedException && ((CodedException) o).code == code;
    }

    @Override
    public int hashCode() {
      return code;
    }
  }
}
