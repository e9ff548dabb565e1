package org.oauthdropins;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.oauthdropins.fuzz.Input;
import org.oauthdropins.keys.KeyRing;
import org.oauthdropins.store.PendingLogin;
import org.oauthdropins.web.Cookie;
import org.oauthdropins.web.WebRequest;

/**
 * A pending login's cookie, and the {@code Cookie} header a start counts them in, come from
 * whatever the browser sends: opening never throws (a cookie that is not ours is no pending login),
 * and a start's bound never lets the browser keep more than its share.
 */
class PendingCookieFuzzTest {

  private static final KeyRing RING = KeyRing.generate();
  private static final String BROWSER = "b".repeat(32);
  private static final String NONCE = "n".repeat(32);

  /** Any cookie value and any Cookie header. */
  @FuzzTest
  void anyCookie(byte[] data) {
    Input in = new Input(data);
    List<String> parts = in.textParts();
    String value = parts.isEmpty() ? "" : parts.get(0);
    String header = parts.size() < 2 ? "" : parts.get(1);
    WebRequest request =
        Req.get("http://localhost/github/oauth_callback")
            .withHeaders(Map.of("Cookie", header))
            .withCookies(
                Map.of(PendingCookie.name(Req.get("http://localhost/"), "github", NONCE), value));
    PendingCookie.open(RING, request, "github", NONCE, BROWSER, Instant.now());
    check(PendingCookie.write(RING, request, NONCE, pending(), Instant.now()));
  }

  /**
   * A correctly sealed cookie around any payload: what a leaked key or a bug in our own writer
   * could produce. The JSON inside must still never crash the reader.
   */
  @FuzzTest
  void sealedPayload(byte[] data) {
    String payload = new String(data, StandardCharsets.UTF_8);
    long expires = Instant.now().plusSeconds(60).toEpochMilli();
    String sealed =
        RING.seal(
            payload,
            "pending login cookie\ngithub\n"
                + BrowserBinding.hash(BROWSER)
                + "\n"
                + NONCE
                + "\n"
                + expires);
    String value =
        expires + "." + RING.primaryId() + "." + sealed.substring(sealed.indexOf('}') + 1);
    WebRequest request =
        Req.get("http://localhost/github/oauth_callback")
            .withCookies(
                Map.of(PendingCookie.name(Req.get("http://localhost/"), "github", NONCE), value));
    PendingCookie.open(RING, request, "github", NONCE, BROWSER, Instant.now());
  }

  private static void check(List<Cookie> set) {
    if (set.isEmpty() || set.get(0).value().isEmpty()) {
      throw new AssertionError("a start sets its own pending cookie first");
    }
  }

  private static PendingLogin pending() {
    return new PendingLogin(
        BrowserBinding.pendingId("github", NONCE, BROWSER),
        "github",
        BrowserBinding.hash(BROWSER),
        "s",
        "http://localhost/github/oauth_callback",
        Map.of("code_verifier", "v".repeat(43)),
        Instant.now().plusSeconds(600));
  }
}
