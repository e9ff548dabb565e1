package org.oauthdropins;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.oauthdropins.fuzz.Input;
import org.oauthdropins.keys.KeyRing;
import org.oauthdropins.store.Key;
import org.oauthdropins.web.Cookie;
import org.oauthdropins.web.WebRequest;

/**
 * The logins cookie is read on every request from whatever the browser sends. {@link Logins#get}
 * and {@link Logins#verify} never throw: a cookie that is not ours is simply no login.
 */
class LoginsFuzzTest {

  private static final KeyRing RING = KeyRing.generate();
  private static final Logins LOGINS = Logins.withKeys(RING);

  /** Any cookie value, as a browser could send it (almost never correctly signed). */
  @FuzzTest
  void anyCookie(byte[] data) {
    Input in = new Input(data);
    boolean https = in.pick() % 2 == 0;
    String value = in.rest();
    check(request(https, value), value);
  }

  /**
   * A correctly sealed cookie around any payload: what a leaked key or a bug in our own writer
   * could produce. The JSON inside (any issue time, any rows) must still never crash the reader.
   */
  @FuzzTest
  void sealedPayload(byte[] data) {
    Input in = new Input(data);
    boolean recent = in.pick() % 2 == 0;
    String rest = new String(in.restBytes(), StandardCharsets.UTF_8);
    // Half the inputs are lists of the right shape and age, so the rows' parsing is reached.
    String payload =
        recent
            ? "{\"iat\":" + Instant.now().getEpochSecond() + ",\"max\":60,\"l\":" + rest + "}"
            : rest;
    String sealed = RING.seal(payload, "logins cookie");
    String value = RING.primaryId() + "." + sealed.substring(sealed.indexOf('}') + 1);
    check(request(false, value), rest);
  }

  private static void check(WebRequest request, String authEntity) {
    List<Logins.Login> logins = LOGINS.get(request);
    for (Logins.Login l : logins) {
      if (l == null || l.key() == null) {
        throw new AssertionError("a login without a key");
      }
    }
    Optional<Key> verified = LOGINS.verify(request, authEntity);
    if (verified.isPresent() && logins.stream().noneMatch(l -> l.key().equals(verified.get()))) {
      throw new AssertionError("verify trusted a key the cookie does not list");
    }
  }

  private static WebRequest request(boolean https, String cookieValue) {
    return Req.get(https ? "https://app.example/" : "http://localhost/")
        .withCookies(Map.of(Cookie.name(Logins.COOKIE, https), cookieValue));
  }
}
