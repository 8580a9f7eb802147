package dev.sentry4j.internal.privacy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sentry4j.event.Breadcrumb;
import dev.sentry4j.event.Message;
import dev.sentry4j.event.User;
import dev.sentry4j.internal.FrozenValues;
import java.util.AbstractMap;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ScrubberTest {
  private final Scrubber scrubber = Scrubber.builder().build();

  @ParameterizedTest
  @ValueSource(
      strings = {
        "password",
        "PASSWORD",
        "user_password",
        "userPassword",
        "dbPassword2",
        "passwd",
        "pwd",
        "db_pwd",
        "MYSQL_PWD",
        "secret",
        "client_secret",
        "token",
        "accessToken",
        "refresh-token",
        "XSRF-TOKEN",
        "api_key",
        "apikey",
        "apiKey",
        "API_KEY",
        "X-Api-Key",
        "api.key",
        "APIKey",
        "auth",
        "X-Auth-Token",
        "basicAuth",
        "OAuth",
        "Authorization",
        "Proxy-Authorization",
        "credentials",
        "aws_credentials",
        "session",
        "sessionKey",
        "session_id",
        "sessionid",
        "JSESSIONID",
        "PHPSESSID",
        "connect.sid",
        "cookie",
        "Cookie",
        "Set-Cookie",
        "csrf",
        "_csrf",
        "csrftoken",
        "xsrf",
        "private_key",
        "privateKey",
        "passphrase"
      })
  void deniesDefaultKeysWhateverTheirSpelling(String key) {
    assertThat(scrubber.isSensitiveKey(key)).as(key).isTrue();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "author",
        "authorName",
        "AUTHOR",
        "authority",
        "authenticated",
        "user",
        "username",
        "email",
        "id",
        "cwd",
        "consider",
        "thread_name",
        "order_id",
        "message",
        "-_.",
        ""
      })
  void keepsOrdinaryKeys(String key) {
    assertThat(scrubber.isSensitiveKey(key)).as(key).isFalse();
  }

  @Test
  void filtersValuesOfAnyTypeButKeepsNull() {
    Map<String, Object> in = new LinkedHashMap<>();
    in.put("password", "hunter2");
    in.put("pin_token", 1234L);
    in.put("auth", true);
    in.put("credentials", Map.of("user", "bob", "pass", "x"));
    in.put("secret", null);
    in.put("order", "A-17");

    Map<String, Object> out = scrubber.scrubMap(in);

    assertThat(out)
        .containsEntry("password", Scrubber.FILTERED)
        .containsEntry("pin_token", Scrubber.FILTERED)
        .containsEntry("auth", Scrubber.FILTERED)
        .containsEntry("credentials", Scrubber.FILTERED)
        .containsEntry("secret", null)
        .containsEntry("order", "A-17");
    assertThat(out.keySet())
        .containsExactly("password", "pin_token", "auth", "credentials", "secret", "order");
  }

  @Test
  void searchesNestedMapsAndListsWithoutChangingThem() {
    Map<String, Object> headers = new LinkedHashMap<>();
    headers.put("Accept", "application/json");
    headers.put("Authorization", "Bearer abc");
    List<Object> attempts = new ArrayList<>();
    attempts.add(Map.of("token", "t-1", "n", 1));
    attempts.add("plain");
    attempts.add(List.of("Set-Cookie", "id=42"));
    attempts.add(List.of("Accept", "text/html"));
    Map<String, Object> request = new LinkedHashMap<>();
    request.put("headers", headers);
    request.put("attempts", attempts);
    Map<String, Object> in = new HashMap<>(Map.of("request", request, "n", 3));

    Map<String, Object> out = scrubber.scrubMap(in);

    assertThat(in.get("request")).isSameAs(request);
    assertThat(request.get("headers")).isSameAs(headers);
    assertThat(headers).containsEntry("Authorization", "Bearer abc");
    assertThat(attempts.get(0)).isEqualTo(Map.of("token", "t-1", "n", 1));
    assertThat(attempts.get(2)).isEqualTo(List.of("Set-Cookie", "id=42"));
    @SuppressWarnings("unchecked")
    Map<String, Object> outRequest = (Map<String, Object>) out.get("request");
    assertThat(outRequest.get("headers"))
        .isEqualTo(Map.of("Accept", "application/json", "Authorization", Scrubber.FILTERED));
    assertThat(outRequest.get("attempts"))
        .isEqualTo(
            List.<Object>of(
                Map.of("token", Scrubber.FILTERED, "n", 1),
                "plain",
                List.of("Set-Cookie", Scrubber.FILTERED),
                List.of("Accept", "text/html")));
    assertThat(out.get("n")).isEqualTo(3);
  }

  @Test
  void returnsTheSameInstanceWhenNothingMatched() {
    Map<String, Object> frozen =
        FrozenValues.freezeMap(Map.of("order", "A-17", "items", List.of(Map.of("sku", "x"))));
    assertThat(scrubber.scrubMap(frozen)).isSameAs(frozen);
    Breadcrumb crumb = Breadcrumb.builder().message("m").data("url", "/cart").build();
    assertThat(scrubber.scrubBreadcrumb(crumb)).isSameAs(crumb);
    User user = User.builder().id("u").data(Map.of("plan", "pro")).build();
    assertThat(scrubber.scrubUser(user)).isSameAs(user);
  }

  @Test
  void scrubbedMapsAreUnmodifiable() {
    Map<String, Object> out = scrubber.scrubMap(Map.of("token", "x"));
    assertThat(out).isUnmodifiable();
  }

  @Test
  void rebuildsBreadcrumbsAndUsersOnlyWhereNeeded() {
    Breadcrumb crumb =
        Breadcrumb.builder()
            .category("http")
            .message("GET /me")
            .data("token", "abc")
            .data("status", 200)
            .build();
    Breadcrumb scrubbed = scrubber.scrubBreadcrumb(crumb);
    assertThat(scrubbed).isNotSameAs(crumb);
    assertThat(scrubbed.getData())
        .containsEntry("token", Scrubber.FILTERED)
        .containsEntry("status", 200L);
    assertThat(scrubbed.getTimestamp()).isEqualTo(crumb.getTimestamp());
    assertThat(scrubbed.getCategory()).isEqualTo("http");
    assertThat(crumb.getData()).containsEntry("token", "abc");

    User user = User.builder().id("u").email("a@b.c").data(Map.of("api_key", "k")).build();
    User scrubbedUser = scrubber.scrubUser(user);
    assertThat(scrubbedUser.getData()).containsEntry("api_key", Scrubber.FILTERED);
    assertThat(scrubbedUser.getEmail()).isEqualTo("a@b.c");
    assertThat(user.getData()).containsEntry("api_key", "k");
  }

  @Test
  void allowKeysWinOverTheDenyListByCompactForm() {
    Scrubber s = Scrubber.builder().allowKeys(List.of("max_tokens", "Session")).build();
    assertThat(s.isSensitiveKey("max_tokens")).isFalse();
    assertThat(s.isSensitiveKey("maxTokens")).isFalse();
    assertThat(s.isSensitiveKey("MAX-TOKENS")).isFalse();
    assertThat(s.isSensitiveKey("session")).isFalse();
    assertThat(s.isSensitiveKey("token")).isTrue();
    assertThat(s.isSensitiveKey("session_id")).isTrue();
  }

  @Test
  void addedKeysMatchAsWholeWordsOrAnywhereWithStars() {
    Scrubber s = Scrubber.builder().addKeys(List.of("ssn", "*iban*", " ", "")).build();
    assertThat(s.isSensitiveKey("ssn")).isTrue();
    assertThat(s.isSensitiveKey("user_ssn")).isTrue();
    assertThat(s.isSensitiveKey("userSsn")).isTrue();
    assertThat(s.isSensitiveKey("lessons")).isFalse();
    assertThat(s.isSensitiveKey("customeriban")).isTrue();
    assertThat(s.isSensitiveKey("order")).isFalse();
  }

  @Test
  void addedKeysCanBeAllowedBack() {
    Scrubber s =
        Scrubber.builder().addKeys(List.of("email")).allowKeys(List.of("email_verified")).build();
    assertThat(s.isSensitiveKey("user_email")).isTrue();
    assertThat(s.isSensitiveKey("email_verified")).isFalse();
  }

  @Test
  void disabledScrubberChangesNothing() {
    Scrubber off = Scrubber.builder().setEnabled(false).build();
    Map<String, Object> in = Map.of("password", "x");
    assertThat(off.scrubMap(in)).isSameAs(in);
    assertThat(off.isSensitiveKey("password")).isFalse();
    assertThat(off.scrubValue("password", "x")).isEqualTo("x");
    assertThat(Scrubber.none().scrubMap(in)).isSameAs(in);
  }

  @Test
  void neverThrowsOnAMapThatCannotBeRead() {
    Map<String, Object> hostile =
        new AbstractMap<>() {
          @Override
          public Set<Entry<String, Object>> entrySet() {
            throw new IllegalStateException("boom");
          }

          @Override
          public boolean isEmpty() {
            return false;
          }
        };
    assertThat(scrubber.scrubMap(hostile)).isEmpty();
    assertThat(scrubber.scrubValue("data", hostile)).isEqualTo(Scrubber.FILTERED);
    assertThat(scrubber.scrubMap(Map.of("outer", List.of(hostile))))
        .isEqualTo(Map.of("outer", List.of(Scrubber.FILTERED)));
  }

  @Test
  void cyclesEndAtTheDepthLimitFilteredWhole() {
    Map<String, Object> cyclic = new HashMap<>();
    cyclic.put("self", cyclic);
    Map<String, Object> out = scrubber.scrubMap(cyclic);
    Object v = out;
    int depth = 0;
    while (v instanceof Map) {
      v = ((Map<?, ?>) v).get("self");
      depth++;
    }
    assertThat(v).isEqualTo(Scrubber.FILTERED);
    assertThat(depth).isEqualTo(Scrubber.MAX_DEPTH);
    assertThat(cyclic.get("self")).isSameAs(cyclic);
  }

  @Test
  void messagesAreLeftAloneUnlessEnabled() {
    String text = "login with password=hunter2 card 4111 1111 1111 1111";
    assertThat(scrubber.scrubMessage(text)).isSameAs(text);
  }

  @Test
  void scrubsSecretsInMessagesWhenEnabled() {
    Scrubber s = Scrubber.builder().setScrubMessages(true).build();
    assertThat(s.scrubMessage("login failed: user=bob password=hunter2 attempt=3"))
        .isEqualTo("login failed: user=bob password=[Filtered] attempt=3");
    assertThat(s.scrubMessage("GET /cb?code=1&access_token=abc.def&page=2"))
        .isEqualTo("GET /cb?code=1&access_token=[Filtered]&page=2");
    assertThat(s.scrubMessage("body {\"user\":\"bob\",\"password\":\"hunter 2\"}"))
        .isEqualTo("body {\"user\":\"bob\",\"password\":\"[Filtered]\"}");
    assertThat(s.scrubMessage("sent Authorization: Bearer eyJhbGciOi.abc and X-Api-Key = 'k1'"))
        .isEqualTo("sent Authorization: Bearer [Filtered] and X-Api-Key = '[Filtered]'");
    assertThat(s.scrubMessage("query: token=abc")).isEqualTo("query: token=[Filtered]");
    assertThat(s.scrubMessage("jdbc:postgresql://app:s3cr3t@db:5432/shop"))
        .isEqualTo("jdbc:postgresql://app:[Filtered]@db:5432/shop");
    assertThat(s.scrubMessage("upstream said bearer abcdefgh12345678"))
        .isEqualTo("upstream said bearer [Filtered]");
  }

  @Test
  void addedAndAllowedKeysApplyToMessagesToo() {
    Scrubber s =
        Scrubber.builder()
            .setScrubMessages(true)
            .addKeys(List.of("*iban*"))
            .allowKeys(List.of("max_tokens"))
            .build();
    assertThat(s.scrubMessage("refund to customerIban=DE89370400440532013000 max_tokens=512"))
        .isEqualTo("refund to customerIban=[Filtered] max_tokens=512");
  }

  @Test
  void filtersParametersThatFollowASensitiveKeyInTheTemplate() {
    Message slf4j =
        new Message(
            "login for {} failed, password={} token: \\{} attempt={}",
            List.of("bob", "my secret", "3"),
            "login for bob failed, password=my secret token: {} attempt=3");
    Message out = scrubber.scrubMessage(slf4j);
    assertThat(out.getParams()).containsExactly("bob", Scrubber.FILTERED, "3");
    assertThat(out.getFormatted())
        .isEqualTo("login for bob failed, password=[Filtered] token: {} attempt=3");
    assertThat(out.getTemplate()).isEqualTo(slf4j.getTemplate());

    Message jul =
        new Message(
            "{0} sent \"apiKey\": \"{1}\"", List.of("bob", "k-1"), "bob sent \"apiKey\": \"k-1\"");
    Message julOut = scrubber.scrubMessage(jul);
    assertThat(julOut.getParams()).containsExactly("bob", Scrubber.FILTERED);
    assertThat(julOut.getFormatted()).isEqualTo("bob sent \"apiKey\": \"[Filtered]\"");

    Message plain = new Message("order {} for {}", List.of("A-17", "bob"), "order A-17 for bob");
    assertThat(scrubber.scrubMessage(plain)).isSameAs(plain);
    assertThat(Scrubber.builder().setEnabled(false).build().scrubMessage(slf4j)).isSameAs(slf4j);
  }

  @Test
  void scrubsLuhnValidCardNumbersOnly() {
    Scrubber s = Scrubber.builder().setScrubMessages(true).build();
    assertThat(s.scrubMessage("card 4111111111111111 declined"))
        .isEqualTo("card [Filtered] declined");
    assertThat(s.scrubMessage("card 4111 1111 1111 1111.")).isEqualTo("card [Filtered].");
    assertThat(s.scrubMessage("amex 3782-822463-10005")).isEqualTo("amex [Filtered]");
    assertThat(s.scrubMessage("order 12 5555 5555 5555 4444 x")).isEqualTo("order 12 [Filtered] x");
    assertThat(s.scrubMessage("(4111111111111111)")).isEqualTo("([Filtered])");
    String[] kept = {
      "card 4111111111111112 declined", // Luhn fails
      "at 1748779200123 ms", // a timestamp: starts with 1
      "pi 3.4111111111111111", // a fraction
      "id x4111111111111111", // part of a word
      "date 2024-05-06 12:00", // short groups
      "n 41111 1111 1111 11111 1111", // no Luhn-valid window of 13 to 19 digits
      "nothing to see here",
    };
    for (String text : kept) {
      assertThat(s.scrubMessage(text)).as(text).isSameAs(text);
    }
  }

  @Test
  void messageWithoutMatchIsTheSameInstance() {
    Scrubber s = Scrubber.builder().setScrubMessages(true).build();
    String text = "Order A-17 failed: timeout=30s, host=db:5432, see https://example.com/x";
    assertThat(s.scrubMessage(text)).isSameAs(text);
  }

  @Test
  void longHostileTextIsScrubbedWithoutBacktrackingBlowUp() {
    Scrubber s = Scrubber.builder().setScrubMessages(true).build();
    String text =
        "a".repeat(16_000) + " password=x " + "1-".repeat(4_000) + ":" + "=".repeat(2_000);
    String out = s.scrubMessage(text);
    assertThat(out).contains("password=[Filtered]").doesNotContain("password=x");
  }
}
