package dev.sentry4j.internal.privacy;

import dev.sentry4j.event.Breadcrumb;
import dev.sentry4j.event.Event;
import dev.sentry4j.event.Message;
import dev.sentry4j.event.TransactionEvent;
import dev.sentry4j.event.User;
import dev.sentry4j.internal.KeyMatcher;
import dev.sentry4j.internal.Strings;
import dev.sentry4j.options.SentryOptions;
import dev.sentry4j.spi.Diagnostics;
import dev.sentry4j.spi.PiiPolicy;
import dev.sentry4j.tracing.SpanData;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Replaces the values of sensitive keys with {@value #FILTERED} before data leaves the process. The
 * client applies it to every error event after the scopes are merged and the event processors ran,
 * and before {@code beforeSend} (which still sees, and may change, everything); other features use
 * {@link #scrubMap} and {@link #scrubValue(String, Object)} for their own maps (span data, log
 * attributes).
 *
 * <h2>Which keys are sensitive</h2>
 *
 * A key is cut into lower-case words at every character that is not a letter or digit and at
 * camel-case humps: {@code X-Api-Key}, {@code api.key}, {@code API_KEY} and {@code apiKey} all
 * become the words {@code api key}, compact form {@code apikey}. The default deny list has two
 * kinds of entries:
 *
 * <ul>
 *   <li>matched <b>anywhere</b> in the compact form ({@link #DEFAULT_DENY_ANYWHERE}): {@code
 *       password}, {@code passwd}, {@code passphrase}, {@code secret}, {@code token}, {@code
 *       api_key}, {@code authorization}, {@code credential}, {@code private_key}, {@code cookie},
 *       {@code csrf}, {@code xsrf}, {@code sessionid}, {@code sessid}. So {@code user_password},
 *       {@code X-Api-Key}, {@code Set-Cookie}, {@code refreshToken}, {@code JSESSIONID}, {@code
 *       XSRF-TOKEN} and {@code client_secret} are all sensitive.
 *   <li>matched as <b>whole words</b> ({@link #DEFAULT_DENY_WORDS}): {@code pwd}, {@code auth},
 *       {@code session}, {@code sid}. So {@code auth}, {@code X-Auth-Token}, {@code basicAuth},
 *       {@code db_pwd}, {@code session}, {@code sessionKey} and {@code connect.sid} are sensitive,
 *       but {@code author}, {@code authority}, {@code cwd} and {@code consider} are not.
 * </ul>
 *
 * Keys added with option {@code scrubKeys} match as whole words too ({@code ssn} filters {@code
 * ssn}, {@code user_ssn} and {@code userSsn}, not {@code lessons}); written as {@code *word*} they
 * match anywhere. A key listed in {@code scrubAllowKeys} is never filtered: it is compared by
 * compact form, so allowing {@code max_tokens} also allows {@code maxTokens} and {@code
 * MAX-TOKENS}, and nothing else.
 *
 * <h2>What is replaced</h2>
 *
 * The value under a sensitive key becomes {@value #FILTERED} whatever its type (string, number,
 * boolean, map or list); {@code null} stays {@code null}. Maps and lists are searched to any depth
 * up to {@value #MAX_DEPTH} levels (deeper containers are filtered whole); a two-element list whose
 * first element is a sensitive key ({@code ["Authorization", "Bearer abc"]}, the way Sentry writes
 * header lists) has its second element filtered.
 *
 * <p>In a parameterised message, a parameter that stands right after a sensitive key in the
 * template ({@code log.error("login with password={}", pw)}) is filtered too, with its value in the
 * formatted text. With option {@code scrubMessages}, free text is scrubbed by pattern as well: see
 * {@link #scrubMessage(String)}.
 *
 * <h2>Guarantees</h2>
 *
 * A scrubber is immutable and thread-safe. It never throws (a container it cannot read is filtered
 * whole) and never changes the objects it is given: it returns new maps, lists, breadcrumbs and
 * users when something matched, and the very same instance when nothing did, so that the common
 * case allocates nothing.
 *
 * <pre>{@code
 * Scrubber scrubber = Scrubber.builder().addKeys(List.of("ssn")).allowKeys(List.of("max_tokens")).build();
 * Map<String, Object> safe = scrubber.scrubMap(attributes);
 * }</pre>
 */
public final class Scrubber {
  /** What a filtered value is replaced with. */
  public static final String FILTERED = "[Filtered]";

  /** Default deny-list entries matched anywhere in a key's compact form. */
  public static final List<String> DEFAULT_DENY_ANYWHERE = KeyMatcher.DEFAULT_DENY_ANYWHERE;

  /** Default deny-list entries matched as whole words of a key. */
  public static final List<String> DEFAULT_DENY_WORDS = KeyMatcher.DEFAULT_DENY_WORDS;

  /** Containers nested deeper than this are filtered whole. */
  public static final int MAX_DEPTH = 32;

  private static final Scrubber NONE = builder().setEnabled(false).build();

  private final boolean enabled;
  private final KeyMatcher keys;
  private final MessagePatterns patterns;
  private final boolean scrubMessages;

  private Scrubber(Builder b) {
    this.enabled = b.enabled;
    List<String> anywhere = new ArrayList<>(DEFAULT_DENY_ANYWHERE);
    List<String> words = new ArrayList<>(DEFAULT_DENY_WORDS);
    for (String k : b.addKeys) {
      if (k == null || k.isBlank()) {
        continue;
      }
      String t = k.trim();
      if (t.length() > 2 && t.startsWith("*") && t.endsWith("*")) {
        anywhere.add(t.substring(1, t.length() - 1));
      } else {
        words.add(t);
      }
    }
    this.keys = new KeyMatcher(anywhere, words, b.allowKeys);
    this.patterns = new MessagePatterns(keys);
    this.scrubMessages = b.scrubMessages;
  }

  /** A new builder: key scrubbing on, message scrubbing off, default deny list only. */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * The scrubber the options describe: {@code scrubbing}, {@code scrubKeys}, {@code scrubAllowKeys}
   * and {@code scrubMessages}.
   */
  public static Scrubber fromOptions(SentryOptions options) {
    return builder()
        .setEnabled(options.isScrubbing())
        .addKeys(options.getScrubKeys())
        .allowKeys(options.getScrubAllowKeys())
        .setScrubMessages(options.isScrubMessages())
        .build();
  }

  /** A scrubber that changes nothing. */
  public static Scrubber none() {
    return NONE;
  }

  /** Whether values of sensitive keys are filtered (option {@code scrubbing}). */
  public boolean isEnabled() {
    return enabled;
  }

  /** Whether free text is scrubbed by pattern (option {@code scrubMessages}). */
  public boolean isScrubbingMessages() {
    return scrubMessages;
  }

  /**
   * Whether values under {@code key} are filtered. Always false when key scrubbing is off. Costs
   * one hash lookup for a key seen before.
   */
  public boolean isSensitiveKey(String key) {
    return enabled && keys.isSensitive(key);
  }

  /**
   * The value to send under {@code key}: {@value #FILTERED} when the key is sensitive and the value
   * not {@code null}, else the value with nested maps and lists scrubbed.
   */
  public Object scrubValue(String key, Object value) {
    if (!enabled || value == null) {
      return value;
    }
    if (keys.isSensitive(key)) {
      return FILTERED;
    }
    return scrub(value, 1);
  }

  /**
   * The map with values of sensitive keys filtered, to any depth. Returns {@code map} itself when
   * nothing matched (or scrubbing is off), else a new unmodifiable map in the same order; {@code
   * map} is never changed. A map that cannot be read (changed concurrently) gives an empty map.
   */
  @SuppressWarnings("unchecked")
  public Map<String, Object> scrubMap(Map<String, ?> map) {
    if (!enabled || map == null || map.isEmpty()) {
      return (Map<String, Object>) map;
    }
    Object result = scrub(map, 0);
    return result instanceof Map ? (Map<String, Object>) result : Collections.emptyMap();
  }

  /**
   * Free text with secrets replaced when {@code scrubMessages} is on (else {@code text} itself):
   * {@code key=value}-like pairs with a sensitive key, passwords in URLs, bearer tokens and
   * Luhn-valid card-like numbers. Returns {@code text} itself when nothing matched.
   */
  public String scrubMessage(String text) {
    if (!scrubMessages || text == null) {
      return text;
    }
    try {
      return patterns.scrub(text);
    } catch (RuntimeException | StackOverflowError e) {
      Diagnostics.error("scrubMessage", "Could not scrub a message; it is filtered whole", e);
      return FILTERED;
    }
  }

  /**
   * A parameterised message with secrets filtered; the same instance when nothing matched.
   *
   * <ul>
   *   <li>With key scrubbing on: a parameter that stands right after a sensitive key in the
   *       template ({@code "login with password={}"}, {@code "token: {0}"}) becomes {@value
   *       #FILTERED}, and so does its value in the formatted text.
   *   <li>With {@code scrubMessages} on: the template, every parameter and the formatted text are
   *       also scrubbed by pattern ({@link #scrubMessage(String)}).
   * </ul>
   *
   * Sentry Logs use it for their body and {@code sentry.message.parameter.N} attributes.
   */
  public Message scrubMessage(Message message) {
    if (message == null || (!enabled && !scrubMessages)) {
      return message;
    }
    try {
      return scrubParameterized(message);
    } catch (RuntimeException | StackOverflowError e) {
      Diagnostics.error("scrubMessage", "Could not scrub a message; it is filtered whole", e);
      return new Message(FILTERED, List.of(), null);
    }
  }

  private Message scrubParameterized(Message m) {
    String template = m.getTemplate();
    List<String> params = m.getParams();
    String formatted = m.getFormatted();
    List<String> newParams = null;
    if (enabled && !params.isEmpty()) {
      int[] sensitive = patterns.sensitivePlaceholders(template);
      if (sensitive.length > 0) {
        List<String> known = new ArrayList<>(sensitive.length);
        newParams = new ArrayList<>(params);
        for (int i : sensitive) {
          if (i >= 0 && i < params.size()) {
            known.add(params.get(i));
            newParams.set(i, FILTERED);
          }
        }
        known.sort((a, b) -> b.length() - a.length()); // the longest value first
        formatted = patterns.pairs(formatted, known);
      }
    }
    if (scrubMessages) {
      template = scrubMessage(template);
      formatted = scrubMessage(formatted);
      List<String> source = newParams == null ? params : newParams;
      for (int i = 0; i < source.size(); i++) {
        String p = source.get(i);
        String s = scrubMessage(p);
        if (s != p) {
          if (newParams == null) {
            newParams = new ArrayList<>(params);
          }
          newParams.set(i, s);
        }
      }
    }
    if (template == m.getTemplate() && formatted == m.getFormatted() && newParams == null) {
      return m;
    }
    return new Message(template, newParams == null ? params : newParams, formatted);
  }

  /**
   * A log line's text (formatted, or an encoder's output) with each template parameter that stands
   * right after a sensitive key ({@code password={}}) filtered wherever its value shows in the
   * text, whatever character the value starts with. {@code text} itself when nothing matched;
   * allocation- free for templates without a deny word. Used for breadcrumbs and the text sent
   * instead of the template when an encoder or layout formats the line.
   *
   * @param template the message template, or {@code null}
   * @param args its arguments (formatted with {@code String.valueOf}, as frameworks do)
   * @param text the text to filter
   */
  public String filterParameters(String template, List<?> args, String text) {
    if (!enabled || template == null || text == null || args == null || args.isEmpty()) {
      return text;
    }
    try {
      int[] sensitive = patterns.sensitivePlaceholders(template);
      if (sensitive.length == 0) {
        return text;
      }
      List<String> known = new ArrayList<>(sensitive.length);
      for (int i : sensitive) {
        if (i >= 0 && i < args.size()) {
          known.add(dev.sentry4j.internal.Strings.safeToString(args.get(i)));
        }
      }
      known.sort((a, b) -> b.length() - a.length()); // the longest value first
      return patterns.pairs(text, known);
    } catch (RuntimeException | StackOverflowError e) {
      Diagnostics.error("scrubMessage", "Could not scrub a message; it is filtered whole", e);
      return FILTERED;
    }
  }

  /**
   * The breadcrumb with its data scrubbed (and its message, with {@code scrubMessages}); the same
   * instance when nothing matched.
   */
  public Breadcrumb scrubBreadcrumb(Breadcrumb breadcrumb) {
    if (breadcrumb == null) {
      return null;
    }
    Map<String, Object> data = breadcrumb.getData();
    Map<String, Object> scrubbedData = scrubMap(data);
    String message = breadcrumb.getMessage();
    String scrubbedMessage = scrubMessage(message);
    if (scrubbedData == data && scrubbedMessage == message) {
      return breadcrumb;
    }
    return breadcrumb.toBuilder().data(scrubbedData).message(scrubbedMessage).build();
  }

  /**
   * The user with its {@code data} scrubbed; id, user name, e-mail, IP address and name are kept
   * (they are not keys: see {@link PiiPolicy} for what integrations may set). The same instance
   * when nothing matched.
   */
  public User scrubUser(User user) {
    if (user == null) {
      return null;
    }
    Map<String, Object> data = user.getData();
    Map<String, Object> scrubbed = scrubMap(data);
    return scrubbed == data ? user : user.toBuilder().data(scrubbed).build();
  }

  /**
   * Scrubs an event the SDK owns, in place: tags, extras, contexts (a context with a sensitive name
   * has all its values filtered), breadcrumb data, user data, message parameters that follow a
   * sensitive key in the template ({@link #scrubMessage(Message)}), and with {@code scrubMessages}
   * the whole message and breadcrumb messages. Nested values are replaced, never changed. Exception
   * messages are scrubbed later, when the event is written.
   *
   * @return false when the event could not be scrubbed completely and must not be sent
   */
  public boolean scrubEvent(Event event) {
    if (event == null || (!enabled && !scrubMessages)) {
      return true;
    }
    try {
      EventScrubbing.apply(this, event);
      return true;
    } catch (RuntimeException | StackOverflowError e) {
      Diagnostics.error("scrubEvent", "Could not scrub an event; it is dropped", e);
      return false;
    }
  }

  /**
   * Scrubs a transaction the SDK owns, in place, like {@link #scrubEvent}: tags, extras, contexts,
   * breadcrumbs and user data, and every span's data and tags ({@link #scrubSpan}), the root span's
   * included.
   *
   * @return false when the transaction could not be scrubbed completely and must not be sent
   */
  public boolean scrubTransaction(TransactionEvent transaction) {
    if (transaction == null || (!enabled && !scrubMessages)) {
      return true;
    }
    try {
      EventScrubbing.apply(this, transaction);
      return true;
    } catch (RuntimeException | StackOverflowError e) {
      Diagnostics.error("scrubTransaction", "Could not scrub a transaction; it is dropped", e);
      return false;
    }
  }

  /**
   * The span with the values of sensitive keys filtered in its data and tags, and with {@code
   * scrubMessages} its description scrubbed by pattern (a URL with {@code ?token=...}); the same
   * instance when nothing matched.
   */
  public SpanData scrubSpan(SpanData span) {
    if (span == null) {
      return null;
    }
    Map<String, Object> data = scrubMap(span.getData());
    Map<String, String> tags = scrubTags(span.getTags());
    String description = scrubMessage(span.getDescription());
    return span.withContent(description, tags, data);
  }

  /**
   * The string map with the values of sensitive keys filtered: {@code tags} itself when nothing
   * matched, else a new unmodifiable map in the same order.
   */
  public Map<String, String> scrubTags(Map<String, String> tags) {
    if (!enabled || tags == null || tags.isEmpty()) {
      return tags;
    }
    Map<String, String> out = null;
    for (Map.Entry<String, String> t : tags.entrySet()) {
      if (t.getValue() != null && keys.isSensitive(t.getKey())) {
        if (out == null) {
          out = new LinkedHashMap<>(tags);
        }
        out.put(t.getKey(), FILTERED);
      }
    }
    return out == null ? tags : Collections.unmodifiableMap(out);
  }

  /** Scrubs a value at {@code depth}; returns it unchanged when nothing matched. */
  Object scrub(Object value, int depth) {
    if (value instanceof Map) {
      return depth >= MAX_DEPTH ? FILTERED : scrubEntries((Map<?, ?>) value, depth);
    }
    if (value instanceof List) {
      return depth >= MAX_DEPTH ? FILTERED : scrubList((List<?>) value, depth);
    }
    return value;
  }

  private Object scrubEntries(Map<?, ?> map, int depth) {
    try {
      Map<String, Object> out = null;
      int index = 0;
      for (Map.Entry<?, ?> e : map.entrySet()) {
        Object key = e.getKey();
        String name = key instanceof String ? (String) key : Strings.safeToString(key);
        Object value = e.getValue();
        Object scrubbed;
        if (value == null) {
          scrubbed = null;
        } else if (keys.isSensitive(name)) {
          scrubbed = FILTERED;
        } else {
          scrubbed = scrub(value, depth + 1);
        }
        if (out == null && scrubbed != value) {
          out = copyHead(map, index);
        }
        if (out != null) {
          out.put(name, scrubbed);
        }
        index++;
      }
      return out == null ? map : Collections.unmodifiableMap(out);
    } catch (RuntimeException e) {
      // a map changed under us or a hostile implementation: send nothing of it
      Diagnostics.debug("A map could not be scrubbed and is filtered whole: " + e);
      return FILTERED;
    }
  }

  private static Map<String, Object> copyHead(Map<?, ?> map, int count) {
    Map<String, Object> out = new LinkedHashMap<>();
    int i = 0;
    for (Map.Entry<?, ?> e : map.entrySet()) {
      if (i++ >= count) {
        break;
      }
      out.put(Strings.safeToString(e.getKey()), e.getValue());
    }
    return out;
  }

  private Object scrubList(List<?> list, int depth) {
    try {
      List<Object> out = null;
      int index = 0;
      for (Object item : list) {
        Object scrubbed = scrubItem(item, depth);
        if (out == null && scrubbed != item) {
          out = new ArrayList<>(list.size());
          out.addAll(list.subList(0, index));
        }
        if (out != null) {
          out.add(scrubbed);
        }
        index++;
      }
      return out == null ? list : Collections.unmodifiableList(out);
    } catch (RuntimeException e) {
      Diagnostics.debug("A list could not be scrubbed and is filtered whole: " + e);
      return FILTERED;
    }
  }

  /** A list item; a {@code [name, value]} pair with a sensitive name has its value filtered. */
  private Object scrubItem(Object item, int depth) {
    if (item instanceof List) {
      List<?> pair = (List<?>) item;
      if (pair.size() == 2
          && pair.get(0) instanceof String
          && pair.get(1) != null
          && keys.isSensitive((String) pair.get(0))) {
        return depth + 1 >= MAX_DEPTH ? FILTERED : List.of(pair.get(0), FILTERED);
      }
    }
    return scrub(item, depth + 1);
  }

  /**
   * Builds a {@link Scrubber}. Defaults: enabled, default deny list, no added or allowed keys, no
   * message scrubbing. Not thread-safe.
   */
  public static final class Builder {
    private boolean enabled = true;
    private final List<String> addKeys = new ArrayList<>();
    private final List<String> allowKeys = new ArrayList<>();
    private boolean scrubMessages;

    private Builder() {}

    /** Whether values of sensitive keys are filtered; default true. */
    public Builder setEnabled(boolean value) {
      this.enabled = value;
      return this;
    }

    /** Adds keys to the deny list (whole-word match; {@code *word*} matches anywhere). */
    public Builder addKeys(Collection<String> keys) {
      if (keys != null) {
        addKeys.addAll(keys);
      }
      return this;
    }

    /** Adds keys that are never filtered (compared by compact form). */
    public Builder allowKeys(Collection<String> keys) {
      if (keys != null) {
        for (String k : keys) {
          if (k != null) {
            allowKeys.add(k);
          }
        }
      }
      return this;
    }

    /** Whether free text is scrubbed by pattern; default false. */
    public Builder setScrubMessages(boolean value) {
      this.scrubMessages = value;
      return this;
    }

    /** The scrubber. */
    public Scrubber build() {
      return new Scrubber(this);
    }
  }
}
