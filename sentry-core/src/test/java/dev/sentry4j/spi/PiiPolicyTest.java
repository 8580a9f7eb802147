package dev.sentry4j.spi;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sentry4j.event.User;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PiiPolicyTest {
  private final PiiPolicy deny = PiiPolicy.of(false);
  private final PiiPolicy allow = PiiPolicy.of(true);

  @Test
  void withoutPiiIntegrationsDropCookieAuthAndClientAddressHeaders() {
    Map<String, String> headers = new LinkedHashMap<>();
    headers.put("Accept", "text/html");
    headers.put("cookie", "a=b");
    headers.put("AUTHORIZATION", "Basic x");
    headers.put("X-Forwarded-For", "203.0.113.9");
    headers.put("x-real-ip", "203.0.113.9");
    headers.put("X-Auth-Token", "t");
    headers.put("X-CSRF-Token", "c");
    headers.put("User-Agent", "curl");

    Map<String, String> kept = deny.headers(headers);

    assertThat(kept).containsOnlyKeys("Accept", "User-Agent");
    assertThat(headers).hasSize(8);
    assertThat(allow.headers(headers)).isSameAs(headers);
    Map<String, String> harmless = Map.of("Accept", "text/html");
    assertThat(deny.headers(harmless)).isSameAs(harmless);
  }

  @Test
  void withoutPiiAnImplicitUserKeepsOnlyItsId() {
    User found =
        User.builder()
            .id("u-1")
            .username("jane")
            .email("j@example.com")
            .ipAddress("10.0.0.1")
            .build();
    User kept = deny.implicitUser(found);
    assertThat(kept.getId()).isEqualTo("u-1");
    assertThat(kept.getUsername()).isNull();
    assertThat(kept.getEmail()).isNull();
    assertThat(kept.getIpAddress()).isNull();
    assertThat(deny.implicitUser(User.builder().email("j@example.com").build())).isNull();
    assertThat(allow.implicitUser(found)).isSameAs(found);
  }

  @Test
  void onlyWithPiiDoesTheEventUserAskForTheIpAddress() {
    User explicit = User.builder().id("u-1").email("j@example.com").build();
    assertThat(deny.eventUser(null)).isNull();
    assertThat(deny.eventUser(explicit)).isSameAs(explicit);
    assertThat(allow.eventUser(null).getIpAddress()).isEqualTo(PiiPolicy.AUTO_IP);
    User withAuto = allow.eventUser(explicit);
    assertThat(withAuto.getIpAddress()).isEqualTo(PiiPolicy.AUTO_IP);
    assertThat(withAuto.getEmail()).isEqualTo("j@example.com");
    User withIp = User.builder().ipAddress("10.0.0.1").build();
    assertThat(allow.eventUser(withIp)).isSameAs(withIp);
  }
}
