package org.oauthdropins;

import com.fasterxml.jackson.core.type.TypeReference;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.oauthdropins.internal.http.Json;
import org.oauthdropins.internal.secrets.Secrets;
import org.oauthdropins.store.AppRegistration;
import org.oauthdropins.store.AuthStore;
import org.oauthdropins.store.Key;
import org.oauthdropins.web.Cookie;
import org.oauthdropins.web.WebRequest;

/**
 * The logins made in one browser, like the Python library's {@code get_logins()} and {@code
 * logout()}. Kept in a cookie signed with a key held in the store, so every server of a fleet can
 * read it and no browser can add someone else's login to its list.
 */
public final class Logins {

  /** The cookie's name; on https with the {@code __Host-} prefix ({@link Cookie#name}). */
  public static final String COOKIE = "oauthdropins_logins";

  private static final int MAX = 10;
  private static final Duration LIFETIME = Duration.ofDays(365);
  private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();

  /** Where the key is kept, or null for {@link #withKey}. */
  private final AuthStore store;

  /** The key, once read from the store; racing first reads get the same key from it. */
  private volatile byte[] key;

  private Logins(AuthStore store) {
    this.store = store;
  }

  private Logins(byte[] key) {
    this.store = null;
    this.key = key.clone();
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
   * Logins signed with a key kept in the store, created on first use and shared by all servers
   * using that store.
   *
   * <p>The key is read from the store when the first cookie is signed or checked, not here, so that
   * an app's start-up does not wait for its store to open (the embedded store opens in the
   * background).
   */
  public static Logins forStore(AuthStore store) {
    return new Logins(Objects.requireNonNull(store, "store"));
  }

  /** Logins signed with the given key (at least 32 bytes). */
  public static Logins withKey(byte[] key) {
    if (key.length < 32) {
      throw new IllegalArgumentException("the logins key must have at least 32 bytes");
    }
    return new Logins(key);
  }

  /** The browser's logins, newest first; empty if the cookie is missing or was tampered with. */
  public List<Login> get(WebRequest request) {
    String value = request.cookie(Cookie.name(COOKIE, secure(request))).orElse("");
    int dot = value.indexOf('.');
    if (dot < 0) {
      return List.of();
    }
    String payload = value.substring(0, dot);
    byte[] sig = B64.encode(mac(payload));
    if (!MessageDigest.isEqual(sig, value.substring(dot + 1).getBytes(StandardCharsets.US_ASCII))) {
      return List.of();
    }
    try {
      List<List<String>> rows =
          Json.read(
              new String(Base64.getUrlDecoder().decode(payload), StandardCharsets.UTF_8),
              new TypeReference<List<List<String>>>() {});
      List<Login> out = new ArrayList<>();
      for (List<String> row : rows) {
        out.add(new Login(row.get(0), row.get(1), Key.fromUrlsafe(row.get(2))));
      }
      return List.copyOf(out);
    } catch (RuntimeException e) {
      return List.of();
    }
  }

  /**
   * The key in an {@code auth_entity} parameter, if this browser made that login. A key alone is no
   * proof: anyone can type one, and the Python library's keys are user names. The list in the
   * signed cookie is: only the callback adds to it.
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
    List<List<String>> rows = new ArrayList<>();
    for (Login l : logins) {
      rows.add(List.of(l.site(), l.name(), l.key().urlsafe()));
    }
    String payload = B64.encodeToString(Json.write(rows).getBytes(StandardCharsets.UTF_8));
    boolean secure = secure(request);
    return new Cookie(
        Cookie.name(COOKIE, secure),
        payload + "." + B64.encodeToString(mac(payload)),
        LIFETIME,
        secure);
  }

  private static boolean secure(WebRequest request) {
    return "https".equals(request.url().getScheme());
  }

  private byte[] key() {
    byte[] k = key;
    if (k == null) {
      AppRegistration secret =
          store
              .registrations()
              .putIfAbsent(
                  new AppRegistration(
                      "oauth-dropins",
                      "logins-cookie-key",
                      "hmac",
                      Secrets.random(32),
                      null,
                      null));
      k = secret.clientSecret().getBytes(StandardCharsets.UTF_8);
      key = k;
    }
    return k;
  }

  private byte[] mac(String payload) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(key(), "HmacSHA256"));
      return mac.doFinal(payload.getBytes(StandardCharsets.US_ASCII));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }
}
