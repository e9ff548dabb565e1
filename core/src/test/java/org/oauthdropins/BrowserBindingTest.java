package org.oauthdropins;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The pending-login id needs the site, the state and the browser, all three. */
class BrowserBindingTest {

  private static final String BROWSER = "b".repeat(32);

  @Test
  void thePendingIdChangesWithEachOfSiteStateAndBrowser() {
    Set<String> ids =
        Set.of(
            BrowserBinding.pendingId("github", "nonce", BROWSER),
            BrowserBinding.pendingId("dropbox", "nonce", BROWSER),
            BrowserBinding.pendingId("github", "other", BROWSER),
            BrowserBinding.pendingId("github", "nonce", "c".repeat(32)),
            // No ambiguity where one part ends and the next begins.
            BrowserBinding.pendingId("githubn", "once", BROWSER));
    assertThat(ids).hasSize(5);
    assertThat(BrowserBinding.pendingId("github", "nonce", BROWSER))
        .isEqualTo(BrowserBinding.pendingId("github", "nonce", BROWSER))
        .matches("[0-9a-f]{64}")
        .doesNotContain(BROWSER);
  }

  @Test
  void onlyAWellFormedCookieIsABrowserId() {
    Req req = Req.get("http://localhost/x");
    assertThat(BrowserBinding.id(req.withCookies(Map.of(BrowserBinding.COOKIE, BROWSER))))
        .contains(BROWSER);
    for (String bad : new String[] {"short", "b".repeat(65), "b".repeat(31) + "!", ""}) {
      assertThat(BrowserBinding.id(req.withCookies(Map.of(BrowserBinding.COOKIE, bad)))).isEmpty();
    }
    assertThat(BrowserBinding.id(req)).isEmpty();
  }

  @Test
  void onHttpsTheCookieHasTheHostPrefixAndIsSecure() {
    Req https = Req.get("https://app.example/x");
    var cookie = BrowserBinding.newCookie(https, BROWSER);
    assertThat(cookie.name()).isEqualTo("__Host-" + BrowserBinding.COOKIE);
    assertThat(cookie.secure()).isTrue();
    assertThat(BrowserBinding.id(https.withCookies(Map.of(BrowserBinding.COOKIE, BROWSER))))
        .as("the unprefixed name is not read on https")
        .isEmpty();
    assertThat(BrowserBinding.hash(BROWSER)).isNotEqualTo(BROWSER).hasSize(64);
  }
}
