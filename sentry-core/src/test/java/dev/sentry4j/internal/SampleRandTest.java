package dev.sentry4j.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SampleRandTest {
  @Test
  void newValuesHaveSixDecimalsInRange() {
    for (int i = 0; i < 1000; i++) {
      double r = SampleRand.next();
      assertThat(r).isGreaterThanOrEqualTo(0.0).isLessThan(1.0);
      String text = SampleRand.format(r);
      assertThat(text).matches("0\\.\\d{6}");
      assertThat(Double.parseDouble(text)).isEqualTo(r);
    }
  }

  @Test
  void drawsConsistentlyWithAnUpstreamDecision() {
    double[] rates = {0.0, 0.000001, 0.1, 0.25, 0.333333, 0.5, 0.999999, 1.0};
    for (double rate : rates) {
      for (int i = 0; i < 200; i++) {
        double sampled = SampleRand.consistentWith(rate, true);
        double unsampled = SampleRand.consistentWith(rate, false);
        if (rate > 0.0) {
          assertThat(sampled).as("rate %s", rate).isLessThan(rate);
        }
        if (rate < 1.0) {
          assertThat(unsampled).as("rate %s", rate).isGreaterThanOrEqualTo(rate).isLessThan(1.0);
        }
      }
    }
  }

  @Test
  void parsesOnlyPlainNumbersInRange() {
    assertThat(SampleRand.parse("0.118307")).isEqualTo(0.118307);
    assertThat(SampleRand.parse("1.0")).isNull();
    assertThat(SampleRand.parse("-0.1")).isNull();
    assertThat(SampleRand.parse("NaN")).isNull();
    assertThat(SampleRand.parse("0x1p-2")).isNull();
    assertThat(SampleRand.parse("0.5f")).isNull();
    assertThat(SampleRand.parseRate("1.0")).isEqualTo(1.0);
    assertThat(SampleRand.formatRate(0.0001)).isEqualTo("0.0001");
    assertThat(SampleRand.formatRate(1.0)).isEqualTo("1.0");
    assertThat(SampleRand.formatRate(0.25)).isEqualTo("0.25");
  }
}
