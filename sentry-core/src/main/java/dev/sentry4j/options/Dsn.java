package dev.sentry4j.options;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;

/**
 * A parsed Data Source Name: {@code
 * {protocol}://{public_key}[:{secret}]@{host}[:{port}]/{path}{project_id}}. Immutable.
 */
public final class Dsn {
  private final String text;
  private final String publicKey;
  private final String secretKey;
  private final String projectId;
  private final String host;
  private final String orgId;
  private final URI envelopeUri;

  private Dsn(
      String text,
      String publicKey,
      String secretKey,
      String projectId,
      String host,
      String orgId,
      URI envelopeUri) {
    this.text = text;
    this.publicKey = publicKey;
    this.secretKey = secretKey;
    this.projectId = projectId;
    this.host = host;
    this.orgId = orgId;
    this.envelopeUri = envelopeUri;
  }

  /**
   * Parses a DSN.
   *
   * @throws IllegalArgumentException naming the DSN and what is wrong with it
   */
  public static Dsn parse(String text) {
    URI uri;
    try {
      uri = new URI(text);
    } catch (URISyntaxException e) {
      throw invalid(text, "not a URI (" + e.getReason() + ")");
    }
    String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
    if (!scheme.equals("http") && !scheme.equals("https")) {
      throw invalid(text, "the protocol must be http or https");
    }
    String userInfo = uri.getRawUserInfo();
    if (userInfo == null || userInfo.isEmpty() || userInfo.startsWith(":")) {
      throw invalid(text, "the public key is missing (expected https://KEY@host/PROJECT)");
    }
    String host = uri.getHost();
    if (host == null || host.isEmpty()) {
      throw invalid(text, "the host is missing");
    }
    String path = uri.getRawPath() == null ? "" : uri.getRawPath();
    while (path.endsWith("/")) {
      path = path.substring(0, path.length() - 1);
    }
    int slash = path.lastIndexOf('/');
    String projectId = slash < 0 ? "" : path.substring(slash + 1);
    if (projectId.isEmpty()) {
      throw invalid(text, "the project id is missing (expected https://KEY@host/PROJECT)");
    }
    String prefix = path.substring(0, slash + 1);
    int colon = userInfo.indexOf(':');
    String publicKey = colon < 0 ? userInfo : userInfo.substring(0, colon);
    String secretKey = colon < 0 ? null : userInfo.substring(colon + 1);
    String port = uri.getPort() < 0 ? "" : ":" + uri.getPort();
    URI envelope =
        URI.create(scheme + "://" + host + port + prefix + "api/" + projectId + "/envelope/");
    return new Dsn(text, publicKey, secretKey, projectId, host, orgIdFromHost(host), envelope);
  }

  private static String orgIdFromHost(String host) {
    if (host.length() < 3 || host.charAt(0) != 'o') {
      return null;
    }
    int dot = host.indexOf('.');
    if (dot < 2) {
      return null;
    }
    String digits = host.substring(1, dot);
    for (int i = 0; i < digits.length(); i++) {
      if (!Character.isDigit(digits.charAt(i))) {
        return null;
      }
    }
    return digits;
  }

  private static IllegalArgumentException invalid(String text, String why) {
    return new IllegalArgumentException("Invalid DSN '" + redact(text) + "': " + why);
  }

  /**
   * A DSN (valid or not) as it may appear in a message: the scheme, host, port and path, never the
   * key, the secret, a query or a fragment. {@code https://key:secret@o1.ingest.sentry.io/42}
   * becomes {@code https://***@o1.ingest.sentry.io/42}. Text without {@code ://} (a bare key, say)
   * is shown only by its length.
   *
   * @param text a DSN as configured, or {@code null}
   * @return the text without any credential
   */
  public static String redact(String text) {
    if (text == null) {
      return "null";
    }
    String t = text.trim();
    int scheme = t.indexOf("://");
    if (scheme < 0 || scheme > 10) {
      return "<" + t.length() + " characters, not a URL>";
    }
    int start = scheme + 3;
    int end = t.length();
    for (int i = start; i < t.length(); i++) {
      char c = t.charAt(i);
      if (c == '?' || c == '#') {
        end = i;
        break;
      }
    }
    int authorityEnd = end;
    for (int i = start; i < end; i++) {
      if (t.charAt(i) == '/') {
        authorityEnd = i;
        break;
      }
    }
    int at = t.lastIndexOf('@', authorityEnd - 1);
    StringBuilder out = new StringBuilder(t.length()).append(t, 0, start);
    if (at >= start) {
      out.append("***").append(t, at, end);
    } else {
      out.append(t, start, end);
    }
    if (end < t.length()) {
      out.append("?...");
    }
    return out.toString();
  }

  /** The public key. */
  public String getPublicKey() {
    return publicKey;
  }

  /** The deprecated secret key, or {@code null}. */
  public String getSecretKey() {
    return secretKey;
  }

  /** The project id. */
  public String getProjectId() {
    return projectId;
  }

  /** The host. */
  public String getHost() {
    return host;
  }

  /** The organization id read from an {@code o123.ingest...} host, or {@code null}. */
  public String getOrgId() {
    return orgId;
  }

  /** Where envelopes are posted. */
  public URI getEnvelopeUri() {
    return envelopeUri;
  }

  /** The DSN without its key and secret ({@link #redact}): safe in a message. */
  @Override
  public String toString() {
    return redact(text);
  }

  /** The DSN as configured, key and secret included (for option round trips only). */
  String text() {
    return text;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Dsn && ((Dsn) o).text.equals(text);
  }

  @Override
  public int hashCode() {
    return text.hashCode();
  }
}
