package org.oauthdropins;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.oauthdropins.fuzz.Input;
import org.oauthdropins.store.Key;
import org.oauthdropins.web.Cookie;
import org.oauthdropins.web.WebRequest;

/**
 * The logins cookie is read on every request from whatever the browser sends. {@link Logins#get}
 * and {@link Logins#verify} never throw: a cookie that is not ours is simply no login.
 */
class LoginsFuzzTest {

  private static final byte[] KEY =
      "0123456789abcdef0123456789abcdef".getBytes(StandardCharsets.UTF_8);
  private static final Logins LOGINS = Logins.withKey(KEY);

  /** Any cookie value, as a browser could send it (almost never correctly signed). */
  @FuzzTest
  void anyCookie(byte[] data) {
    Input in = new Input(data);
    boolean https = in.pick() % 2 == 0;
    String value = in.rest();
    check(request(https, value), value);
  }

  /**
   * A correctly signed cookie around any payload: what a leaked key or a bug in our own writer
   * could produce. The JSON inside must still never crash the reader.
   */
  @FuzzTest
  void signedPayload(byte[] data) throws Exception {
    Input in = new Input(data);
    boolean raw = in.pick() % 2 == 0;
    byte[] bytes = in.restBytes();
    Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
    String payload = raw ? new String(bytes, StandardCharsets.US_ASCII) : b64.encodeToString(bytes);
    Mac mac = Mac.getInstance("HmacSHA256");
    mac.init(new SecretKeySpec(KEY, "HmacSHA256"));
    String value =
        payload
            + "."
            + b64.encodeToString(mac.doFinal(payload.getBytes(StandardCharsets.US_ASCII)));
    check(request(false, value), new String(bytes, StandardCharsets.UTF_8));
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
