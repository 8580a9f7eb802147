package dev.sentry4j.logs;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sentry4j.internal.scope.ScopeStorage;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class LogItemTest {
  private static final String TRACE = "771a43a4192642f0b136d5159a501700";
  private static final String SPAN = "b0e6f15b45c36b12";

  @Test
  void convertsAttributeValuesToTheFourWireTypes() {
    LogItem item =
        LogItem.builder(LogLevel.INFO, "b")
            .trace(TRACE, SPAN)
            .attribute("int", (Object) 7)
            .attribute("short", (Object) (short) 2)
            .attribute("atomic", new AtomicInteger(5))
            .attribute("float", (Object) 1.5f)
            .attribute("nan", Double.NaN)
            .attribute("big", new BigDecimal("1.10"))
            .attribute("enum", TimeUnit.SECONDS)
            .attribute("char", (Object) 'x')
            .attribute("list", List.of(1, 2))
            .attribute("bool", (Object) Boolean.TRUE)
            .build();

    assertThat(item.getAttributes())
        .containsEntry("int", 7L)
        .containsEntry("short", 2L)
        .containsEntry("atomic", 5L)
        .containsEntry("float", 1.5d)
        .containsEntry("nan", "NaN")
        .containsEntry("big", "1.10")
        .containsEntry("enum", "SECONDS")
        .containsEntry("char", "x")
        .containsEntry("list", "[1, 2]")
        .containsEntry("bool", true);
  }

  @Test
  void aNullValueRemovesAndLongTextIsCut() {
    LogItem item =
        LogItem.builder(LogLevel.INFO, "x".repeat(LogItem.MAX_BODY_LENGTH + 10))
            .attribute("gone", "v")
            .attribute("gone", (Object) null)
            .attribute("long", "y".repeat(LogItem.MAX_ATTRIBUTE_LENGTH + 10))
            .build();

    assertThat(item.getAttributes()).doesNotContainKey("gone");
    assertThat(item.getBody()).hasSize(LogItem.MAX_BODY_LENGTH).endsWith("\u2026");
    assertThat((String) item.getAttribute("long")).hasSize(LogItem.MAX_ATTRIBUTE_LENGTH);
  }

  @Test
  void offIsSentAsFatalAndNullAsInfo() {
    assertThat(LogItem.builder(LogLevel.OFF, "b").build().getLevel()).isEqualTo(LogLevel.FATAL);
    assertThat(LogItem.builder(null, null).build().getLevel()).isEqualTo(LogLevel.INFO);
    assertThat(LogItem.builder(null, null).build().getBody()).isEmpty();
  }

  @Test
  void aMissingOrMalformedTraceIsReplacedByAFreshOneNotReadFromTheThread() {
    String here = ScopeStorage.current().getTraceContext().getTraceId();
    LogItem missing = LogItem.builder(LogLevel.INFO, "b").build();
    assertThat(missing.getTraceId()).matches("[0-9a-f]{32}").isNotEqualTo(here);
    assertThat(missing.getSpanId()).isNull();
    LogItem bad = LogItem.builder(LogLevel.INFO, "b").trace("771A-not-hex", SPAN).build();
    assertThat(bad.getTraceId()).matches("[0-9a-f]{32}").isNotEqualTo(here);
    LogItem badSpan = LogItem.builder(LogLevel.INFO, "b").trace(TRACE, "xyz").build();
    assertThat(badSpan.getTraceId()).isEqualTo(TRACE);
    assertThat(badSpan.getSpanId()).isNull();
  }

  @Test
  void editsMakeCopiesAndABuilderReusedAfterBuildDoesNotChangeTheRecord() {
    Instant at = Instant.parse("2025-06-01T12:00:00Z");
    LogItem.Builder builder =
        LogItem.builder(LogLevel.WARN, "b").timestamp(at).trace(TRACE, SPAN).attribute("a", 1);
    LogItem first = builder.build();
    builder.attribute("b", 2).removeAttribute("a");
    LogItem second = builder.build();
    LogItem edited = first.toBuilder().body("edited").attribute("c", true).build();

    assertThat(first.getAttributes()).containsOnlyKeys("a");
    assertThat(second.getAttributes()).containsOnlyKeys("b");
    assertThat(edited.getAttributes()).containsOnlyKeys("a", "c");
    assertThat(edited.getBody()).isEqualTo("edited");
    assertThat(edited.getTimestamp()).isEqualTo(at);
    assertThat(edited.getTraceId()).isEqualTo(TRACE);
    assertThat(edited.getSpanId()).isEqualTo(SPAN);
    assertThat(edited.getLevel()).isEqualTo(LogLevel.WARN);
  }
}
