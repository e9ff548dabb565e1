package org.oauthdropins;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.oauthdropins.internal.http.Json;
import org.oauthdropins.keys.KeyRing;
import org.oauthdropins.keys.KeySource;
import org.oauthdropins.store.AuthStore;
import org.oauthdropins.store.Key;
import org.oauthdropins.web.Cookie;
import org.oauthdropins.web.WebRequest;

/**
 * The logins made in one browser, like the Python library's {@code get_logins()} and {@code
 * logout()}. Kept in a cookie sealed (AES-256-GCM) under the app's {@link KeyRing}, so every server
 * of a fleet that shares the ring can read it, no browser can add someone else's login to its list,
 * and the list itself (names, user ids) is not readable in the cookie.
 *
 * <p>The sealed payload carries its issue time and maximum age: a copied cookie stops verifying
 * once it is older than the maximum age ({@link #DEFAULT_MAX_AGE} unless {@link #withMaxAge}), or
 * once the key that sealed it leaves the ring. Every write (a login, a logout) seals the list again
 * with the current time and the ring's first key, so an active browser keeps its list across a
 * rotation. Cookies of versions before key rings (an HMAC-signed list) read as an empty list.
 */
public final class Logins {

  /** The cookie's name; on https with the {@code __Host-} prefix ({@link Cookie#name}). */
  public static final String COOKIE = "oauthdropins_logins";

  /**
   * How long a written list stays valid: 30 days, the usual "remember me" span. A browser that logs
   * in or out within it keeps its list; a cookie copied off a machine works for at most this long
   * after the browser last wrote it.
   */
  public static final Duration DEFAULT_MAX_AGE = Duration.ofDays(30);

  /**
   * The longest {@link #withMaxAge}: browsers cap a cookie's lifetime at 400 days (RFC 6265bis), so
   * a longer one would only be a promise the cookie cannot keep.
   */
  public static final Duration LONGEST_MAX_AGE = Duration.ofDays(400);

  /** The longest display name kept in the list, in characters; the rest is cut. */
  public static final int MAX_NAME_LENGTH = 100;

  /** What the sealed list is bound to: no other sealed value of the app opens as a list. */
  static final String CONTEXT = "logins cookie";

  private static final int MAX = 10;

  /**
   * Browsers drop a cookie whose name and value pass 4096 bytes, and with it every login on the
   * list, including the one just made; the oldest logins leave the list before that.
   */
  private static final int MAX_COOKIE_BYTES = 4096;

  /** How far a fleet's clocks may disagree: a list issued further in the future is no list. */
  private static final Duration CLOCK_SKEW = Duration.ofMinutes(5);

  private final KeyRing ring;
  private final Duration maxAge;
  private final Clock clock;

  private Logins(KeyRing ring, Duration maxAge, Clock clock) {
    this.ring = Objects.requireNonNull(ring, "ring");
    this.maxAge = maxAge;
    this.clock = clock;
  }

  /**
   * One login in the list.
   *
   * @param site the site name, e.g. {@code github}
   * @param name the user's display name at login time
   * @param key the entity key
   */
  public record Login(String site, String name, Key key) {
    /** Makes the value, checking its components. */
    public Login {
      Objects.requireNonNull(site, "site");
      Objects.requireNonNull(name, "name");
      Objects.requireNonNull(key, "key");
    }
  }

  /**
   * Logins sealed with the store's key ring ({@link AuthStore#keyRing}), the one that seals its
   * tokens: every server configured with that ring reads the cookies of the others.
   *
   * @throws IllegalArgumentException if the store seals nothing (an app's own store without a
   *     ring): then the ring is the app's to give, with {@link #withKeys}
   */
  public static Logins forStore(AuthStore store) {
    Objects.requireNonNull(store, "store");
    KeyRing ring =
        store
            .keyRing()
            .orElseThrow(
                () ->
                    new IllegalArgumentException(
                        "the store "
                            + store.getClass().getName()
                            + " has no key ring to seal the logins cookie with: use"
                            + " Logins.withKeys(ring), e.g. with the ring of "
                            + KeySource.ENVIRONMENT_VARIABLE
                            + " (KeySource.environment())"));
    return withKeys(ring);
  }

  /**
   * Logins sealed with the given ring: its first key seals, all its keys open. Servers that read
   * each other's cookies need rings that share the sealing key.
   */
  public static Logins withKeys(KeyRing ring) {
    return new Logins(ring, DEFAULT_MAX_AGE, Clock.systemUTC());
  }

  /**
   * These logins with another maximum age: how long a written list stays valid (and the cookie's
   * {@code Max-Age}). Lowering it also ends lists written earlier under a longer one.
   *
   * @throws IllegalArgumentException unless positive and at most {@link #LONGEST_MAX_AGE}
   */
  public Logins withMaxAge(Duration maxAge) {
    Objects.requireNonNull(maxAge, "maxAge");
    if (maxAge.toSeconds() <= 0 || maxAge.compareTo(LONGEST_MAX_AGE) > 0) {
      throw new IllegalArgumentException(
          "the logins cookie's max age must be between 1 second and 400 days, not " + maxAge);
    }
    return new Logins(ring, maxAge, clock);
  }

  /** How long a written list stays valid. */
  public Duration maxAge() {
    return maxAge;
  }

  /** Tests move time. */
  Logins withClock(Clock clock) {
    return new Logins(ring, maxAge, Objects.requireNonNull(clock, "clock"));
  }

  /**
   * The browser's logins, newest first; empty if the cookie is missing, was altered, was sealed by
   * a key the ring no longer holds, or is older than its maximum age.
   */
  public List<Login> get(WebRequest request) {
    String value = request.cookie(Cookie.name(COOKIE, secure(request))).orElse("");
    int dot = value.indexOf('.');
    if (dot <= 0 || dot > 10 || !value.substring(0, dot).chars().allMatch(Character::isDigit)) {
      return List.of();
    }
    try {
      String json =
          ring.open(
              KeyRing.SEALED_PREFIX + value.substring(0, dot) + "}" + value.substring(dot + 1),
              CONTEXT);
      return read(Json.parse(json));
    } catch (RuntimeException e) {
      // not ours, altered, under a retired key, or of an older version: no list
      return List.of();
    }
  }

  private List<Login> read(JsonNode payload) {
    long issued = payload.path("iat").asLong(Long.MIN_VALUE);
    long max = Math.min(payload.path("max").asLong(0), maxAge.toSeconds());
    long now = clock.instant().getEpochSecond();
    if (issued == Long.MIN_VALUE || issued > now + CLOCK_SKEW.toSeconds() || now - issued >= max) {
      return List.of();
    }
    List<Login> out = new ArrayList<>();
    for (JsonNode row : payload.path("l")) {
      out.add(
          new Login(
              row.path(0).textValue(),
              row.path(1).textValue(),
              new Key(row.path(2).textValue(), row.path(3).textValue())));
    }
    return List.copyOf(out);
  }

  /**
   * The key in an {@code auth_entity} parameter, if this browser made that login. A key alone is no
   * proof: anyone can type one, and the Python library's keys are user names. The list in the
   * sealed cookie is: only the callback adds to it.
   *
   * @param authEntity the {@code auth_entity} value from the finish redirect, or null
   * @return the key, or empty if the value is missing, malformed, or not a login of this browser
   */
  public Optional<Key> verify(WebRequest request, String authEntity) {
    if (authEntity == null || authEntity.isEmpty() || authEntity.length() > 1024) {
      return Optional.empty();
    }
    Key key;
    try {
      key = Key.fromUrlsafe(authEntity);
    } catch (RuntimeException e) {
      return Optional.empty();
    }
    return get(request).stream().map(Login::key).filter(key::equals).findFirst();
  }

  /** The cookie that adds a login to the browser's list (or moves it to the front). */
  public Cookie add(WebRequest request, AuthEntity auth) {
    List<Login> all = new ArrayList<>();
    all.add(new Login(auth.siteName(), auth.userDisplayName(), auth.key()));
    for (Login l : get(request)) {
      if (!l.key().equals(auth.key()) && all.size() < MAX) {
        all.add(l);
      }
    }
    return cookie(request, all);
  }

  /** The cookie that removes one login from the browser's list. */
  public Cookie logout(WebRequest request, Key key) {
    List<Login> rest = new ArrayList<>(get(request));
    rest.removeIf(l -> l.key().equals(key));
    return cookie(request, rest);
  }

  /** The cookie that empties the browser's list. */
  public Cookie logoutAll(WebRequest request) {
    boolean secure = secure(request);
    return new Cookie(Cookie.name(COOKIE, secure), "", Duration.ZERO, secure);
  }

  private Cookie cookie(WebRequest request, List<Login> logins) {
    boolean secure = secure(request);
    String name = Cookie.name(COOKIE, secure);
    List<Login> kept = new ArrayList<>(logins);
    while (true) {
      Cookie c = new Cookie(name, seal(kept), maxAge, secure);
      // The name, '=' and value are what the browser counts; the newest login always stays.
      if (kept.size() <= 1 || name.length() + 1 + c.value().length() <= MAX_COOKIE_BYTES) {
        return c;
      }
      kept.remove(kept.size() - 1);
    }
  }

  private String seal(List<Login> logins) {
    ObjectNode payload = Json.object();
    payload.put("iat", clock.instant().getEpochSecond());
    payload.put("max", maxAge.toSeconds());
    ArrayNode rows = payload.putArray("l");
    for (Login l : logins) {
      rows.addArray().add(l.site()).add(cut(l.name())).add(l.key().kind()).add(l.key().id());
    }
    String sealed = ring.seal(Json.write(payload), CONTEXT);
    // {sealed:<id>}<base64url> as <id>.<base64url>: only characters every cookie parser keeps
    int close = sealed.indexOf('}');
    return sealed.substring(KeyRing.SEALED_PREFIX.length(), close)
        + "."
        + sealed.substring(close + 1);
  }

  private static String cut(String name) {
    if (name.codePointCount(0, name.length()) <= MAX_NAME_LENGTH) {
      return name;
    }
    return name.substring(0, name.offsetByCodePoints(0, MAX_NAME_LENGTH));
  }

  private static boolean secure(WebRequest request) {
    return "https".equals(request.url().getScheme());
  }
}
