package org.oauthdropins.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Random;
import org.junit.jupiter.api.Test;

class CookieTest {

  private static final DateTimeFormatter IMF_FIXDATE =
      DateTimeFormatter.ofPattern("EEE, dd MMM yyyy HH:mm:ss 'GMT'", Locale.US)
          .withZone(ZoneOffset.UTC);

  @Test
  void expiresIsAnImfFixdateForAnyMoment() {
    Random random = new Random(42);
    for (int i = 0; i < 10_000; i++) {
      long second = random.nextInt(Integer.MAX_VALUE) * 2L; // 1970 to 2106
      StringBuilder b = new StringBuilder();
      Cookie.appendDate(b, second);
      assertThat(b.toString()).isEqualTo(IMF_FIXDATE.format(Instant.ofEpochSecond(second)));
    }
  }

  @Test
  void aDeletingCookieExpiredAtTheEpoch() {
    assertThat(new Cookie("a", "", Duration.ZERO, true).headerValue())
        .isEqualTo(
            "a=; Path=/; Max-Age=0; Expires=Thu, 01 Jan 1970 00:00:00 GMT; HttpOnly; SameSite=Lax;"
                + " Secure");
  }
}
