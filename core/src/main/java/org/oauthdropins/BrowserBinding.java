package org.oauthdropins;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Optional;
import org.oauthdropins.web.Cookie;
import org.oauthdropins.web.WebRequest;

/**
 * Ties a pending login to the browser that started it: a random id in a cookie. One id per browser,
 * so two tabs logging in at once both work.
 *
 * <p>A pending login is stored under a hash of the site, the state nonce and the browser id, so the
 * callback finds it only with all three: a state taken to another site's callback, or to another
 * browser, finds nothing and consumes nothing (a leaked state cannot be used to burn the login).
 */
final class BrowserBinding {

  static final String COOKIE = "oauthdropins_browser";
  private static final Duration LIFETIME = Duration.ofDays(30);

  private BrowserBinding() {}

  /** The browser's id if it sent a well-formed one. */
  static Optional<String> id(WebRequest request) {
    return request.cookie(Cookie.name(COOKIE, secure(request))).filter(BrowserBinding::wellFormed);
  }

  /**
   * Whether a cookie value can be an id: 32 to 64 of {@code [A-Za-z0-9_-]}. Checked by hand, since
   * {@code String.matches} compiles its pattern on every call (4% of the library's time per login).
   */
  static boolean wellFormed(String v) {
    int n = v.length();
    if (n < 32 || n > 64) {
      return false;
    }
    for (int i = 0; i < n; i++) {
      char c = v.charAt(i);
      boolean ok =
          (c >= 'a' && c <= 'z')
              || (c >= 'A' && c <= 'Z')
              || (c >= '0' && c <= '9')
              || c == '-'
              || c == '_';
      if (!ok) {
        return false;
      }
    }
    return true;
  }

  /** A new id and the cookie that gives it to the browser. */
  static Cookie newCookie(WebRequest request, String id) {
    boolean secure = secure(request);
    return new Cookie(Cookie.name(COOKIE, secure), id, LIFETIME, secure);
  }

  /** The store id of the pending login for this site, state nonce and browser. */
  static String pendingId(String site, String nonce, String browserId) {
    return sha256(site + '\0' + nonce + '\0' + browserId);
  }

  /** What the pending login keeps of the browser id, to bound the pending logins per browser. */
  static String hash(String id) {
    return sha256(id);
  }

  private static boolean secure(WebRequest request) {
    return "https".equals(request.url().getScheme());
  }

  private static String sha256(String s) {
    try {
      byte[] d = MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(d);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
