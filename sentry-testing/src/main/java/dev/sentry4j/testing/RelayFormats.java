package dev.sentry4j.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.ExecutionContext;
import com.networknt.schema.Format;
import com.networknt.schema.ValidationContext;
import java.math.BigInteger;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The {@code format} values Relay's schema uses, as Relay means them. The validator's own {@code
 * uuid} wants dashes, and it does not know {@code int64}, {@code uint64} or {@code double}.
 */
final class RelayFormats {

  private static final BigInteger UINT64_MAX =
      BigInteger.ONE.shiftLeft(64).subtract(BigInteger.ONE);

  private RelayFormats() {}

  static List<Format> all() {
    return List.of(new Uuid(), new Int64(), new Uint64(), new DoubleFormat());
  }

  /**
   * Ids as the protocol tells SDKs to write them: 32 lowercase hex digits. Relay would also read a
   * dashed UUID; sentry4j must not send one, so this check refuses it.
   */
  private static final class Uuid implements Format {
    private static final Pattern ID32 = Pattern.compile("[0-9a-f]{32}");

    @Override
    public String getName() {
      return "uuid";
    }

    @Override
    public boolean matches(ExecutionContext executionContext, String value) {
      return ID32.matcher(value).matches();
    }
  }

  /** A signed 64-bit integer. */
  private static final class Int64 implements Format {
    @Override
    public String getName() {
      return "int64";
    }

    @Override
    public boolean matches(
        ExecutionContext executionContext, ValidationContext validationContext, JsonNode value) {
      return !value.isNumber() || (value.isIntegralNumber() && value.canConvertToLong());
    }
  }

  /** An unsigned 64-bit integer. */
  private static final class Uint64 implements Format {
    @Override
    public String getName() {
      return "uint64";
    }

    @Override
    public boolean matches(
        ExecutionContext executionContext, ValidationContext validationContext, JsonNode value) {
      if (!value.isNumber()) {
        return true;
      }
      if (!value.isIntegralNumber()) {
        return false;
      }
      BigInteger number = value.bigIntegerValue();
      return number.signum() >= 0 && number.compareTo(UINT64_MAX) <= 0;
    }
  }

  /** A 64-bit float: any JSON number (the schema's {@code type} already asks for a number). */
  private static final class DoubleFormat implements Format {
    @Override
    public String getName() {
      return "double";
    }

    @Override
    public boolean matches(
        ExecutionContext executionContext, ValidationContext validationContext, JsonNode value) {
      return !value.isNumber() || Double.isFinite(value.doubleValue());
    }
  }
}
