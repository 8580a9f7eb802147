package dev.sentry4j.internal.transport;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sentry4j.clientreport.DataCategory;
import dev.sentry4j.clientreport.DiscardReason;
import dev.sentry4j.internal.clientreport.DiscardCounter;
import dev.sentry4j.internal.envelope.Envelope;
import dev.sentry4j.internal.envelope.ItemType;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class RateLimiterTest {
  private final FakeTicker ticker = new FakeTicker();
  private final RateLimiter limiter = new RateLimiter(ticker);

  @Test
  void limitsOnlyTheListedCategoriesUntilTheirDeadline() {
    limiter.update(
        new HttpResult(200, null, "60:transaction:key, 2700:default;error;security:organization"));

    assertThat(limiter.isLimited(DataCategory.TRANSACTION)).isTrue();
    assertThat(limiter.isLimited(DataCategory.ERROR)).isTrue();
    assertThat(limiter.isLimited(DataCategory.LOG_ITEM)).isFalse();
    assertThat(limiter.isLimited(DataCategory.INTERNAL)).isFalse();

    ticker.advance(Duration.ofSeconds(61));
    assertThat(limiter.isLimited(DataCategory.TRANSACTION)).isFalse();
    assertThat(limiter.isLimited(DataCategory.ERROR)).isTrue();
    ticker.advance(Duration.ofSeconds(2700));
    assertThat(limiter.isLimited(DataCategory.ERROR)).isFalse();
    assertThat(limiter.isActive()).isFalse();
  }

  @Test
  void anEmptyCategoryListLimitsEverythingClientReportsIncluded() {
    limiter.update(new HttpResult(200, null, "10::organization"));

    for (DataCategory c : DataCategory.values()) {
      assertThat(limiter.isLimited(c)).as(c.wireName()).isTrue();
    }
  }

  @Test
  void ignoresUnknownCategoriesAndLimitsMadeOnlyOfThem() {
    limiter.update(new HttpResult(200, null, "60:replay;profile:key, 30:foo;log_byte:key, , junk"));

    assertThat(limiter.isLimited(DataCategory.ERROR)).isFalse();
    assertThat(limiter.isLimited(DataCategory.LOG_ITEM)).isTrue();
    assertThat(limiter.nanosUntilNextExpiry()).isEqualTo(Duration.ofSeconds(30).toNanos());
  }

  @Test
  void aNewLimitOnlyReplacesAShorterOne() {
    limiter.update(new HttpResult(200, null, "100:error:key"));
    limiter.update(new HttpResult(200, null, "10:error:key"));
    ticker.advance(Duration.ofSeconds(50));
    assertThat(limiter.isLimited(DataCategory.ERROR)).isTrue();

    limiter.update(new HttpResult(200, null, "200:error:key"));
    ticker.advance(
        Duration.ofSeconds(199)); // 249 s after the first limit: the 200 s one still runs
    assertThat(limiter.isLimited(DataCategory.ERROR)).isTrue();
    ticker.advance(Duration.ofSeconds(2));
    assertThat(limiter.isLimited(DataCategory.ERROR)).isFalse();
  }

  @Test
  void a429WithoutHeadersLimitsEverythingFor60Seconds() {
    limiter.update(new HttpResult(429, null, null));

    assertThat(limiter.isLimited(DataCategory.ERROR)).isTrue();
    assertThat(limiter.isLimited(DataCategory.INTERNAL)).isTrue();
    ticker.advance(Duration.ofSeconds(59));
    assertThat(limiter.isLimited(DataCategory.TRANSACTION)).isTrue();
    ticker.advance(Duration.ofSeconds(2));
    assertThat(limiter.isLimited(DataCategory.TRANSACTION)).isFalse();
  }

  @Test
  void retryAfterAppliesOnlyWithoutTheRateLimitHeader() {
    limiter.update(new HttpResult(429, "5", null));
    ticker.advance(Duration.ofSeconds(6));
    assertThat(limiter.isLimited(DataCategory.ERROR)).isFalse();

    limiter.update(new HttpResult(429, "3600", "20:transaction:key"));
    assertThat(limiter.isLimited(DataCategory.ERROR)).isFalse();
    assertThat(limiter.isLimited(DataCategory.TRANSACTION)).isTrue();
  }

  @Test
  void aRetryAfterThatIsNotANumberMeans60Seconds() {
    limiter.update(new HttpResult(429, "Wed, 21 Oct 2026 07:28:00 GMT", null));
    ticker.advance(Duration.ofSeconds(59));
    assertThat(limiter.isLimited(DataCategory.ERROR)).isTrue();
  }

  @Test
  void dropsTheWholeErrorEnvelopeWithItsAttachmentAndCountsEachItem() {
    DiscardCounter discards = new DiscardCounter();
    limiter.update(new HttpResult(200, null, "60:error:key"));

    Envelope kept = limiter.filter(Envelopes.eventWithAttachment("boom", "12345"), discards);

    assertThat(kept).isNull();
    assertThat(discards.total(DiscardReason.RATELIMIT_BACKOFF, DataCategory.ERROR)).isEqualTo(1);
    assertThat(discards.total(DiscardReason.RATELIMIT_BACKOFF, DataCategory.ATTACHMENT))
        .isEqualTo(5);
  }

  @Test
  void dropsOnlyTheAttachmentWhenOnlyAttachmentsAreLimited() {
    DiscardCounter discards = new DiscardCounter();
    limiter.update(new HttpResult(200, null, "60:attachment:key"));

    Envelope kept = limiter.filter(Envelopes.eventWithAttachment("boom", "12345"), discards);

    assertThat(kept.getItems()).extracting(i -> i.getType()).containsExactly(ItemType.EVENT);
    assertThat(discards.total(DiscardReason.RATELIMIT_BACKOFF, DataCategory.ATTACHMENT))
        .isEqualTo(5);
  }

  @Test
  void aDroppedTransactionCountsItsSpansPlusOne() {
    DiscardCounter discards = new DiscardCounter();
    limiter.update(new HttpResult(200, null, "60:transaction:key"));

    assertThat(limiter.filter(Envelopes.transaction("GET /", 3), discards)).isNull();
    assertThat(limiter.filter(Envelopes.event("still flows"), discards)).isNotNull();

    assertThat(discards.total(DiscardReason.RATELIMIT_BACKOFF, DataCategory.TRANSACTION))
        .isEqualTo(1);
    assertThat(discards.total(DiscardReason.RATELIMIT_BACKOFF, DataCategory.SPAN)).isEqualTo(4);
  }

  @Test
  void aSpanLimitDoesNotStopTransactions() {
    limiter.update(new HttpResult(200, null, "60:span:key"));

    assertThat(limiter.filter(Envelopes.transaction("GET /", 3), new DiscardCounter())).isNotNull();
  }
}
