package org.oauthdropins.testkit.attacks;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.oauthdropins.Finish;
import org.oauthdropins.Logins;
import org.oauthdropins.keys.KeyRing;
import org.oauthdropins.sites.dropbox.Dropbox;
import org.oauthdropins.store.AccessToken;
import org.oauthdropins.store.Key;
import org.oauthdropins.store.memory.MemoryStore;
import org.oauthdropins.testkit.Browser;
import org.oauthdropins.testkit.FakeDropbox;
import org.oauthdropins.testkit.TestApp;
import org.oauthdropins.web.WebRequest;

/**
 * Tokens stay out of page URLs unless the app opts in (RFC 6750 §5.3: URLs land in logs, history
 * and Referer), and an {@code auth_entity} in a URL is trusted only from the browser that made the
 * login: the sealed logins cookie says which, and a cookie with a changed byte, a borrowed tag or a
 * list sealed under a key of the attacker's is no list at all.
 */
class FinishTokenLeakAttackTest {

  @RegisterExtension final Scene scene = new Scene();
  private final Browser victim = new Browser();
  private final Browser attacker = new Browser();

  /** From now on the fake's user is Mallory, another account than the victim's. */
  private void mallory() {
    ObjectNode user = scene.github.oauth().user().deepCopy();
    user.put("id", "MDQ6VXNlcjk5OTk5");
    user.put("databaseId", 99999);
    user.put("login", "mallory");
    user.put("name", "Mallory");
    scene.github.oauth().user(user);
  }

  private Browser.Page login(Browser b) {
    Browser.Page done = b.click(scene.start(b, "s"), "Approve");
    assertThat(done.status()).isEqualTo(200);
    return done;
  }

  @Test
  void theDefaultFinishUrlCarriesOnlyTheKeyAndTheState() {
    Browser.Page done = login(victim);

    assertThat(done.query()).containsOnlyKeys("auth_entity", "state");
    Key key = Key.fromUrlsafe(done.query().get("auth_entity"));
    String token = ((AccessToken.Bearer) scene.store.get(key).orElseThrow().token()).value();
    List<URI> urls = new ArrayList<>(done.redirects());
    urls.add(done.url());
    assertThat(urls).noneMatch(u -> u.toString().contains(token));
  }

  @Test
  void verifyTrustsAKeyOnlyFromTheBrowserThatLoggedIn() {
    String authEntity = login(victim).query().get("auth_entity");
    URI finish = scene.app.url("/after?auth_entity=" + authEntity);
    Logins logins = scene.app.logins();

    assertThat(logins.verify(victim.requestTo(finish), authEntity))
        .contains(Key.fromUrlsafe(authEntity));
    // The attacker has a logins cookie of their own, for another login, and types the key.
    mallory();
    login(attacker);
    String typed = new Key("GitHubAuth", "someone-else").urlsafe();
    assertThat(logins.verify(attacker.requestTo(finish), typed)).isEmpty();
    assertThat(logins.verify(new Browser().requestTo(finish), authEntity)).isEmpty();
  }

  /** The sealed bytes of a logins cookie ({@code <key id>.<base64url>}). */
  private static byte[] sealed(String cookie) {
    return Base64.getUrlDecoder().decode(cookie.substring(cookie.indexOf('.') + 1));
  }

  /** The cookie with other sealed bytes under the same key id. */
  private static String withSealed(String cookie, byte[] sealed) {
    return cookie.substring(0, cookie.indexOf('.') + 1)
        + Base64.getUrlEncoder().withoutPadding().encodeToString(sealed);
  }

  @Test
  void aLoginsCookieWithAChangedPayloadByteIsNoList() {
    String authEntity = login(victim).query().get("auth_entity");
    Map<String, String> cookies = new java.util.HashMap<>(victim.cookiesFor(scene.app.url()));
    String value = cookies.get(Logins.COOKIE);
    // One bit of the sealed list changed (AES-GCM is a stream cipher: it would flip one bit of the
    // list, were it not for the tag).
    byte[] bytes = sealed(value);
    bytes[bytes.length / 2] ^= 1;
    cookies.put(Logins.COOKIE, withSealed(value, bytes));

    WebRequest tampered = Browser.request(scene.app.url(), cookies);
    assertThat(scene.app.logins().get(tampered)).isEmpty();
    assertThat(scene.app.logins().verify(tampered, authEntity)).isEmpty();
    assertThat(
            scene
                .app
                .logins()
                .verify(Browser.request(scene.app.url(), Map.of(Logins.COOKIE, value)), authEntity))
        .isPresent();
  }

  @Test
  void aLoginsCookieWithAnotherCookiesTagIsNoList() {
    String victimsKey = login(victim).query().get("auth_entity");
    mallory();
    login(attacker);
    String victims = new java.util.HashMap<>(victim.cookiesFor(scene.app.url())).get(Logins.COOKIE);
    Map<String, String> cookies = new java.util.HashMap<>(attacker.cookiesFor(scene.app.url()));
    String attackers = cookies.get(Logins.COOKIE);
    // The victim's nonce and ciphertext under the tag (last 16 bytes) of the attacker's own cookie.
    byte[] v = sealed(victims);
    byte[] a = sealed(attackers);
    System.arraycopy(a, a.length - 16, v, v.length - 16, 16);
    String forged = withSealed(victims, v);
    cookies.put(Logins.COOKIE, forged);

    assertThat(forged).isNotEqualTo(victims);
    assertThat(scene.app.logins().verify(Browser.request(scene.app.url(), cookies), victimsKey))
        .isEmpty();
  }

  @Test
  void aLoginsCookieWithAnAddedLoginIsNoList() {
    login(attacker);
    Map<String, String> cookies = new java.util.HashMap<>(attacker.cookiesFor(scene.app.url()));
    String value = cookies.get(Logins.COOKIE);
    String victimsKey = new Key("GitHubAuth", "victim").urlsafe();
    // The attacker cannot open the list to add to it; the best they can do is seal a list of
    // their own, of the right shape and age, under a key of theirs with the app's key id.
    String keyId = value.substring(0, value.indexOf('.'));
    KeyRing own = KeyRing.parse(keyId + ":" + Base64.getEncoder().encodeToString(new byte[32]));
    String list =
        "{\"iat\":"
            + java.time.Instant.now().getEpochSecond()
            + ",\"max\":2592000,\"l\":[[\"github\",\"Victim\",\"GitHubAuth\",\"victim\"]]}";
    String forged = own.seal(list, "logins cookie");
    cookies.put(Logins.COOKIE, keyId + "." + forged.substring(forged.indexOf('}') + 1));

    WebRequest forgedRequest = Browser.request(scene.app.url(), cookies);
    assertThat(scene.app.logins().get(forgedRequest)).isEmpty();
    assertThat(scene.app.logins().verify(forgedRequest, victimsKey)).isEmpty();
  }

  @Test
  void theOptInCarriesTheAccessTokenButNoRefreshTokenUnlessAsked() {
    try (FakeDropbox dropbox = new FakeDropbox()) {
      Map<Boolean, Map<String, String>> finishes = new HashMap<>();
      for (boolean withRefresh : new boolean[] {false, true}) {
        try (TestApp app =
            TestApp.withFinish(new MemoryStore(), Finish.redirectWithTokens("/after", withRefresh))
                .mount(Dropbox.create(dropbox.options()), dropbox)) {
          Browser b = new Browser();
          Browser.Page done = b.click(b.post(app.url("/dropbox/start"), Map.of()), "Approve");
          finishes.put(withRefresh, done.query());
        }
      }
      assertThat(finishes.get(false))
          .containsKey("access_token")
          .doesNotContainKey("refresh_token");
      assertThat(finishes.get(true)).containsKeys("access_token", "refresh_token");
    }
  }
}
