package org.oauthdropins.web;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
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
    long expires = maxAge.isZero() ? 0 : Instant.now().getEpochSecond() + maxAge.toSeconds();
    b.append("; Path=/; Max-Age=").append(maxAge.toSeconds());
    appendDate(b.append("; Expires="), expires);
    b.append("; HttpOnly; SameSite=Lax");
    if (secure) {
      b.append("; Secure");
    }
    return b.toString();
  }

  private static final String[] DAYS = {"Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"};
  private static final String[] MONTHS = {
    "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"
  };

  /**
   * An IMF-fixdate ({@code Sun, 06 Nov 1994 08:49:37 GMT}, RFC 9110 §5.6.7), the cookie date every
   * client reads (RFC 6265 §5.1.1), written field by field: a login writes two cookies, and the
   * general {@code DateTimeFormatter} made this method the hottest of the cookie code in the
   * benchmarks' profile.
   */
  static void appendDate(StringBuilder b, long epochSecond) {
    LocalDateTime t = LocalDateTime.ofEpochSecond(epochSecond, 0, ZoneOffset.UTC);
    b.append(DAYS[t.getDayOfWeek().ordinal()]).append(", ");
    two(b, t.getDayOfMonth()).append(' ').append(MONTHS[t.getMonthValue() - 1]).append(' ');
    b.append(t.getYear()).append(' ');
    two(b, t.getHour()).append(':');
    two(b, t.getMinute()).append(':');
    two(b, t.getSecond()).append(" GMT");
  }

  private static StringBuilder two(StringBuilder b, int n) {
    return b.append((char) ('0' + n / 10)).append((char) ('0' + n % 10));
  }

  @Override
  public String toString() {
    return "Cookie[" + name + ", maxAge=" + maxAge + ", secure=" + secure + "]";
  }
}
