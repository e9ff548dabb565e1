package org.oauthdropins.web;

import java.time.Duration;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Objects;

/**
 * A cookie for the adapter to set. Always {@code HttpOnly}, {@code Path=/} and {@code SameSite=Lax}
 * (Lax, not Strict, because the provider's redirect back to the callback is a cross-site top-level
 * navigation that must carry the cookie).
 *
 * @param name cookie name
 * @param value cookie value; empty with a zero max age deletes the cookie
 * @param maxAge lifetime; {@link Duration#ZERO} deletes the cookie
 * @param secure whether the cookie is only sent over https
 */
public record Cookie(String name, String value, Duration maxAge, boolean secure) {

  /** Makes the value, checking its components. */
  public Cookie {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(value, "value");
    Objects.requireNonNull(maxAge, "maxAge");
  }

  /**
   * The name to give a cookie of the library's: on https with the {@code __Host-} prefix, which
   * browsers accept only with {@code Secure}, {@code Path=/} and no {@code Domain}, so that no
   * sibling subdomain (and no plain-http page) can plant or overwrite it.
   */
  public static String name(String base, boolean secure) {
    return secure ? "__Host-" + base : base;
  }

  /** The value of a {@code Set-Cookie} header for this cookie. */
  public String headerValue() {
    StringBuilder b = new StringBuilder(name).append('=').append(value);
    // Expires beside Max-Age, for clients that only know the original Netscape form.
    ZonedDateTime expires =
        maxAge.isZero()
            ? ZonedDateTime.of(1970, 1, 1, 0, 0, 0, 0, ZoneOffset.UTC)
            : ZonedDateTime.now(ZoneOffset.UTC).plus(maxAge);
    b.append("; Path=/; Max-Age=").append(maxAge.toSeconds());
    b.append("; Expires=").append(DateTimeFormatter.RFC_1123_DATE_TIME.format(expires));
    b.append("; HttpOnly; SameSite=Lax");
    if (secure) {
      b.append("; Secure");
    }
    return b.toString();
  }

  @Override
  public String toString() {
    return "Cookie[" + name + ", maxAge=" + maxAge + ", secure=" + secure + "]";
  }
}
