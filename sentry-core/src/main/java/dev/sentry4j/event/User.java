package dev.sentry4j.event;

import dev.sentry4j.internal.FrozenValues;
import java.util.Collections;
import java.util.Map;
import java.util.Objects;

/**
 * The user an event happened to. Immutable; build with {@link #builder()}.
 *
 * <pre>{@code
 * Sentry.setUser(User.builder().id("u-17").email("jane@example.com").build());
 * }</pre>
 */
public final class User {
  private final String id;
  private final String username;
  private final String email;
  private final String ipAddress;
  private final String name;
  private final Map<String, Object> data;

  private User(Builder b) {
    this.id = b.id;
    this.username = b.username;
    this.email = b.email;
    this.ipAddress = b.ipAddress;
    this.name = b.name;
    this.data = b.data == null ? Collections.emptyMap() : FrozenValues.freezeMap(b.data);
  }

  /** A new builder. */
  public static Builder builder() {
    return new Builder();
  }

  /** A builder starting from this user's values. */
  public Builder toBuilder() {
    Builder b = new Builder();
    b.id = id;
    b.username = username;
    b.email = email;
    b.ipAddress = ipAddress;
    b.name = name;
    b.data = data;
    return b;
  }

  /** The application's id for the user, or {@code null}. */
  public String getId() {
    return id;
  }

  /** The user name, or {@code null}. */
  public String getUsername() {
    return username;
  }

  /** The e-mail address, or {@code null}. */
  public String getEmail() {
    return email;
  }

  /** The IP address ({@code "{{auto}}"} lets Sentry infer it), or {@code null}. */
  public String getIpAddress() {
    return ipAddress;
  }

  /** The human name, or {@code null}. */
  public String getName() {
    return name;
  }

  /** Other data about the user (frozen, read-only). */
  public Map<String, Object> getData() {
    return data;
  }

  @Override
  public boolean equals(Object o) {
    if (!(o instanceof User)) {
      return false;
    }
    User u = (User) o;
    return Objects.equals(id, u.id)
        && Objects.equals(username, u.username)
        && Objects.equals(email, u.email)
        && Objects.equals(ipAddress, u.ipAddress)
        && Objects.equals(name, u.name)
        && data.equals(u.data);
  }

  @Override
  public int hashCode() {
    return Objects.hash(id, username, email, ipAddress, name, data);
  }

  @Override
  public String toString() {
    return "User{id=" + id + ", username=" + username + "}";
  }

  /** Builds a {@link User}. Not thread-safe. */
  public static final class Builder {
    private String id;
    private String username;
    private String email;
    private String ipAddress;
    private String name;
    private Map<String, ?> data;

    private Builder() {}

    /** Sets the id. */
    public Builder id(String id) {
      this.id = id;
      return this;
    }

    /** Sets the user name. */
    public Builder username(String username) {
      this.username = username;
      return this;
    }

    /** Sets the e-mail address. */
    public Builder email(String email) {
      this.email = email;
      return this;
    }

    /** Sets the IP address. */
    public Builder ipAddress(String ipAddress) {
      this.ipAddress = ipAddress;
      return this;
    }

    /** Sets the human name. */
    public Builder name(String name) {
      this.name = name;
      return this;
    }

    /** Sets other data (copied when built). */
    public Builder data(Map<String, ?> data) {
      this.data = data;
      return this;
    }

    /** The user. */
    public User build() {
      return new User(this);
    }
  }
}
