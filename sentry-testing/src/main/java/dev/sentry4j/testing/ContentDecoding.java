package dev.sentry4j.testing;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Locale;
import java.util.zip.GZIPInputStream;
import java.util.zip.InflaterInputStream;

/** Undoes the {@code Content-Encoding}s an SDK may use and this receiver understands. */
final class ContentDecoding {

  /** Thrown for an encoding Relay reads but this receiver does not ({@code br}, {@code zstd}). */
  static final class UnsupportedEncodingException extends Exception {
    private static final long serialVersionUID = 1L;

    UnsupportedEncodingException(String message) {
      super(message);
    }
  }

  private ContentDecoding() {}

  /**
   * Decodes the body.
   *
   * @param encoding the {@code Content-Encoding} header, or null
   * @throws UnsupportedEncodingException for an encoding other than gzip, x-gzip, deflate, identity
   * @throws IOException when the body is not valid in the declared encoding
   */
  static byte[] decode(String encoding, byte[] body)
      throws UnsupportedEncodingException, IOException {
    String name = encoding == null ? "identity" : encoding.trim().toLowerCase(Locale.ROOT);
    switch (name) {
      case "":
      case "identity":
        return body;
      case "gzip":
      case "x-gzip":
        try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(body))) {
          return in.readAllBytes();
        }
      case "deflate":
        // HTTP "deflate" is the zlib format (RFC 9110), which is also what Relay reads.
        try (InputStream in = new InflaterInputStream(new ByteArrayInputStream(body))) {
          return in.readAllBytes();
        }
      default:
        throw new UnsupportedEncodingException("unsupported Content-Encoding: " + encoding);
    }
  }
}
