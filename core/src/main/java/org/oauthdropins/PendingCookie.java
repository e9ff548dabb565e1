package org.oauthdropins;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.oauthdropins.internal.http.Json;
import org.oauthdropins.internal.input.CookieHeader;
import org.oauthdropins.keys.KeyRing;
import org.oauthdropins.store.PendingLogin;
import org.oauthdropins.web.Cookie;
import org.oauthdropins.web.WebRequest;

/**
 * A pending login sealed in a cookie of its own ({@link PendingStorage#IN_COOKIE}): one cookie per
 * login, named after the site and the state, so that logins in several tabs do not overwrite each
 * other.
 *
 * <p>The value is {@code <expiry millis>.<key id>.<base64url>}: AES-256-GCM under the store's ring,
 * bound (as associated data) to the site, the browser binding's hash, the state nonce and the
 * expiry shown in front, so a cookie moved to another site's callback, another browser or another
 * state, or with its expiry changed, does not open. The expiry is in clear so that a start can drop
 * the oldest of a browser's pending cookies without opening them.
 *
 * <p>Like the library's other cookies it is {@code HttpOnly}, {@code SameSite=Lax} and, on https,
 * {@code Secure} with the {@code __Host-} prefix, which requires {@code Path=/}. That path is also
 * what bounds them: the start request must carry the browser's pending cookies to count them, and a
 * cookie scoped to the callback's path would not reach the start. The price is that an unfinished
 * login's cookie rides on the app's requests until it expires (10 minutes by default); the callback
 * clears its own at once, and a browser holds at most {@link #MAX_PER_BROWSER} of them, {@link
 * #MAX_BYTES} bytes in all, so that they never push a request past a server's 8 KiB header limit
 * (Tomcat's and Jetty's default) beside the logins cookie.
 */
final class PendingCookie {

  /** The name's start; the site and the state nonce follow. */
  static final String PREFIX = "oauthdropins_pending_";

  /**
   * The most pending-login cookies one browser keeps, over all sites: tabs and retries of a person
   * fit, and a start past it drops the oldest.
   */
  static final int MAX_PER_BROWSER = 4;

  /** The most bytes (names and values) of all of a browser's pending-login cookies together. */
  static final int MAX_BYTES = 3072;

  private static final String CONTEXT = "pending login cookie";

  private PendingCookie() {}

  /** The cookie's name for this site and state nonce, as the request's scheme wants it. */
  static String name(WebRequest request, String site, String nonce) {
    return Cookie.name(PREFIX + site + "_" + nonce, secure(request));
  }

  /**
   * The cookies a start sets: the sealed pending login, and the deletion of the browser's oldest
   * pending cookies (and expired ones) past {@link #MAX_PER_BROWSER} or {@link #MAX_BYTES}.
   */
  static List<Cookie> write(
      KeyRing ring, WebRequest request, String nonce, PendingLogin p, Instant now) {
    boolean secure = secure(request);
    long expires = p.expiresAt().toEpochMilli();
    ObjectNode payload = Json.object();
    payload.put("a", p.appState());
    payload.put("r", p.redirectUri());
    ObjectNode data = payload.putObject("d");
    p.data().forEach(data::put);
    String sealed =
        ring.seal(Json.write(payload), context(p.site(), p.browserHash(), nonce, expires));
    int close = sealed.indexOf('}');
    String value =
        expires
            + "."
            + sealed.substring(KeyRing.SEALED_PREFIX.length(), close)
            + "."
            + sealed.substring(close + 1);
    long seconds = Math.max(1, (expires - now.toEpochMilli() + 999) / 1000);
    Cookie fresh =
        new Cookie(name(request, p.site(), nonce), value, Duration.ofSeconds(seconds), secure);
    List<Cookie> out = new ArrayList<>();
    out.add(fresh);
    List<Held> held = held(request);
    held.sort(Comparator.comparingLong(Held::expires));
    int bytes = fresh.name().length() + 1 + fresh.value().length();
    for (Held h : held) {
      bytes += h.bytes();
    }
    int count = held.size() + 1;
    for (Held h : held) {
      if (h.expires() > now.toEpochMilli() && count <= MAX_PER_BROWSER && bytes <= MAX_BYTES) {
        break;
      }
      if (!h.name().equals(fresh.name())) {
        out.add(new Cookie(h.name(), "", Duration.ZERO, secure));
      }
      count--;
      bytes -= h.bytes();
    }
    return out;
  }

  /**
   * The pending login in this request's cookie for this site and state nonce, if there is one that
   * opens for this browser and has not expired.
   *
   * @param browser the browser binding's id
   */
  static Optional<PendingLogin> open(
      KeyRing ring, WebRequest request, String site, String nonce, String browser, Instant now) {
    String value = request.cookie(name(request, site, nonce)).orElse(null);
    if (value == null) {
      return Optional.empty();
    }
    int dot = value.indexOf('.');
    int second = dot < 0 ? -1 : value.indexOf('.', dot + 1);
    long expires = expiry(value);
    if (second < 0 || expires <= now.toEpochMilli()) {
      return Optional.empty();
    }
    String hash = BrowserBinding.hash(browser);
    JsonNode payload;
    try {
      payload =
          Json.parse(
              ring.open(
                  KeyRing.SEALED_PREFIX
                      + value.substring(dot + 1, second)
                      + "}"
                      + value.substring(second + 1),
                  context(site, hash, nonce, expires)));
    } catch (RuntimeException e) {
      return Optional.empty(); // altered, another browser's or site's, or under a retired key
    }
    Map<String, String> data = new LinkedHashMap<>();
    payload.path("d").properties().forEach(f -> data.put(f.getKey(), f.getValue().asText()));
    JsonNode app = payload.path("a");
    return Optional.of(
        new PendingLogin(
            BrowserBinding.pendingId(site, nonce, browser),
            site,
            hash,
            app.isTextual() ? app.textValue() : null,
            payload.path("r").asText(),
            data,
            Instant.ofEpochMilli(expires)));
  }

  /** The cookie that removes this site and state's pending cookie. */
  static Cookie clear(WebRequest request, String site, String nonce) {
    return new Cookie(name(request, site, nonce), "", Duration.ZERO, secure(request));
  }

  private static String context(String site, String browserHash, String nonce, long expires) {
    return CONTEXT + "\n" + site + "\n" + browserHash + "\n" + nonce + "\n" + expires;
  }

  /** The expiry in front of a value, or 0 if it has none (then it counts as the oldest). */
  private static long expiry(String value) {
    int dot = value.indexOf('.');
    if (dot <= 0 || dot > 19) {
      return 0;
    }
    long n = 0;
    for (int i = 0; i < dot; i++) {
      char c = value.charAt(i);
      if (c < '0' || c > '9') {
        return 0;
      }
      n = n * 10 + (c - '0');
    }
    return n;
  }

  /** One pending cookie the browser sent. */
  private record Held(String name, long expires, int bytes) {}

  /**
   * The pending cookies in the request's {@code Cookie} header: read from the header, since {@link
   * WebRequest} finds cookies by name only. One pass over a header the server has bounded.
   */
  private static List<Held> held(WebRequest request) {
    String prefix = Cookie.name(PREFIX, secure(request));
    List<Held> out = new ArrayList<>();
    CookieHeader.forEach(
        request.header("Cookie").orElse(null),
        (name, value) -> {
          if (name.startsWith(prefix)) {
            out.add(new Held(name, expiry(value), name.length() + 1 + value.length()));
          }
          return true;
        });
    return out;
  }

  private static boolean secure(WebRequest request) {
    return "https".equals(request.url().getScheme());
  }
}
