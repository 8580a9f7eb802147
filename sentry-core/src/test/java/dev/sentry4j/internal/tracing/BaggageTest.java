package dev.sentry4j.internal.tracing;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class BaggageTest {
  @Test
  void readsOnlySentryMembersDecoded() {
    Map<String, String> dsc =
        Baggage.parseSentryMembers(
            "vendor=abc, sentry-trace_id=771a43a4192642f0b136d5159a501700 ,"
                + "sentry-release=shop%401.4.2;prop=1,other=x;y,sentry-sample_rate=0.25,"
                + "sentry-transaction=GET%20%2Forders%2F%7Bid%7D,garbage,=x,sentry-=empty");
    assertThat(dsc)
        .containsExactly(
            Map.entry("trace_id", "771a43a4192642f0b136d5159a501700"),
            Map.entry("release", "shop@1.4.2"),
            Map.entry("sample_rate", "0.25"),
            Map.entry("transaction", "GET /orders/{id}"));
  }

  @Test
  void skipsMalformedPercentEncoding() {
    assertThat(Baggage.parseSentryMembers("sentry-release=%4,sentry-environment=prod"))
        .containsExactly(Map.entry("environment", "prod"));
    assertThat(Baggage.parseSentryMembers(null)).isEmpty();
    assertThat(Baggage.parseSentryMembers("")).isEmpty();
  }

  @Test
  void writesPercentEncodedSentryMembers() {
    Map<String, String> dsc = new LinkedHashMap<>();
    dsc.put("trace_id", "771a43a4192642f0b136d5159a501700");
    dsc.put("release", "shop@1.4.2");
    dsc.put("transaction", "GET /a,b;c=ü");
    assertThat(Baggage.format(dsc))
        .isEqualTo(
            "sentry-trace_id=771a43a4192642f0b136d5159a501700,sentry-release=shop%401.4.2,"
                + "sentry-transaction=GET%20%2Fa%2Cb%3Bc%3D%C3%BC");
    assertThat(Baggage.parseSentryMembers(Baggage.format(dsc))).isEqualTo(dsc);
  }

  @Test
  void mergeKeepsOtherVendorsMembersUntouchedAndReplacesSentryOnes() {
    Map<String, String> dsc = Map.of("trace_id", "771a43a4192642f0b136d5159a501700");
    String merged =
        Baggage.merge("vendor=abc;p=1 , sentry-trace_id=old,other=%41x,SENTRY-release=1", dsc);
    assertThat(merged)
        .isEqualTo("vendor=abc;p=1,other=%41x,sentry-trace_id=771a43a4192642f0b136d5159a501700");
    assertThat(Baggage.merge(null, dsc)).isEqualTo(Baggage.format(dsc));
    assertThat(Baggage.merge("a=1", null)).isEqualTo("a=1");
  }

  @Test
  void mergeRespectsMemberAndByteLimits() {
    StringBuilder existing = new StringBuilder();
    for (int i = 0; i < 62; i++) {
      existing.append(i == 0 ? "" : ",").append("k").append(i).append("=v");
    }
    Map<String, String> dsc = new LinkedHashMap<>();
    dsc.put("trace_id", "771a43a4192642f0b136d5159a501700");
    dsc.put("public_key", "testkey");
    dsc.put("environment", "production");
    String merged = Baggage.merge(existing.toString(), dsc);
    assertThat(merged.split(",")).hasSize(Baggage.MAX_MEMBERS);
    assertThat(merged)
        .startsWith(existing.toString())
        .contains("sentry-public_key")
        .doesNotContain("sentry-environment");

    String big = "big=" + "x".repeat(Baggage.MAX_BYTES - 60);
    String mergedBig = Baggage.merge(big, dsc);
    assertThat(mergedBig.getBytes(StandardCharsets.UTF_8).length)
        .isLessThanOrEqualTo(Baggage.MAX_BYTES);
    assertThat(mergedBig)
        .startsWith(big)
        .contains("sentry-trace_id")
        .doesNotContain("sentry-public_key");
  }

  @Test
  void readsAHugeHeaderOnlyUpToItsLimit() {
    String huge = "sentry-environment=prod," + "vendor=x,".repeat(5000) + "sentry-release=late";
    Map<String, String> dsc = Baggage.parseSentryMembers(huge);
    assertThat(dsc).containsEntry("environment", "prod").doesNotContainKey("release");
  }
}
