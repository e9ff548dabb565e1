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
 * Ties a pending login to the browser that started it: a random id in a cookie, whose hash the
 * pending login keeps. One id per browser, so two tabs logging in at once both work.
 */
final class BrowserBinding {

  static final String COOKIE = "oauthdropins_browser";
  private static final Duration LIFETIME = Duration.ofDays(30);

  private BrowserBinding() {}

  /** The browser's id if it sent a well-formed one. */
  static Optional<String> id(WebRequest request) {
    return request.cookie(COOKIE).filter(v -> v.matches("[A-Za-z0-9_-]{32,64}"));
  }

  /** A new id and the cookie that gives it to the browser. */
  static Cookie newCookie(WebRequest request, String id) {
    return new Cookie(COOKIE, id, LIFETIME, "https".equals(request.url().getScheme()));
  }

  static String hash(String id) {
    try {
      byte[] d = MessageDigest.getInstance("SHA-256").digest(id.getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(d);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Compares two hashes in constant time. */
  static boolean matches(String expectedHash, String id) {
    return MessageDigest.isEqual(
        expectedHash.getBytes(StandardCharsets.US_ASCII),
        hash(id).getBytes(StandardCharsets.US_ASCII));
  }
}
