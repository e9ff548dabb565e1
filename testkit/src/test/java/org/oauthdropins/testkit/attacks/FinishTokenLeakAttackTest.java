package org.oauthdropins.testkit.attacks;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.oauthdropins.Finish;
import org.oauthdropins.Logins;
import org.oauthdropins.internal.http.Json;
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
 * login: the signed logins cookie says which, and a cookie with a changed payload, a borrowed
 * signature or an added login is no list at all.
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

  private static String payloadJson(String cookie) {
    return new String(
        Base64.getUrlDecoder().decode(cookie.substring(0, cookie.indexOf('.'))),
        StandardCharsets.UTF_8);
  }

  /** The cookie with another payload and its old signature. */
  private static String withPayload(String cookie, String json) {
    return Base64.getUrlEncoder()
            .withoutPadding()
            .encodeToString(json.getBytes(StandardCharsets.UTF_8))
        + cookie.substring(cookie.indexOf('.'));
  }

  @Test
  void aLoginsCookieWithAChangedPayloadByteIsNoList() {
    String authEntity = login(victim).query().get("auth_entity");
    Map<String, String> cookies = new java.util.HashMap<>(victim.cookiesFor(scene.app.url()));
    String value = cookies.get(Logins.COOKIE);
    // One byte of the payload changed, still well-formed: the site name's last letter.
    String json = payloadJson(value);
    assertThat(json).contains("\"github\"");
    cookies.put(Logins.COOKIE, withPayload(value, json.replace("\"github\"", "\"githuB\"")));

    WebRequest tampered = Browser.request(scene.app.url(), cookies);
    assertThat(scene.app.logins().get(tampered)).isEmpty();
    assertThat(scene.app.logins().verify(tampered, authEntity)).isEmpty();
  }

  @Test
  void aLoginsCookieWithAnotherCookiesSignatureIsNoList() {
    String victimsKey = login(victim).query().get("auth_entity");
    mallory();
    login(attacker);
    String victims = new java.util.HashMap<>(victim.cookiesFor(scene.app.url())).get(Logins.COOKIE);
    Map<String, String> cookies = new java.util.HashMap<>(attacker.cookiesFor(scene.app.url()));
    String attackers = cookies.get(Logins.COOKIE);
    // The victim's payload under the signature of the attacker's own, valid cookie.
    String forged =
        victims.substring(0, victims.indexOf('.')) + attackers.substring(attackers.indexOf('.'));
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
    List<List<String>> rows =
        new ArrayList<>(Json.read(payloadJson(value), new TypeReference<List<List<String>>>() {}));
    String victimsKey = new Key("GitHubAuth", "victim").urlsafe();
    rows.add(List.of("github", "Victim", victimsKey));
    cookies.put(Logins.COOKIE, withPayload(value, Json.write(rows)));

    WebRequest forged = Browser.request(scene.app.url(), cookies);
    assertThat(scene.app.logins().get(forged)).isEmpty();
    assertThat(scene.app.logins().verify(forged, victimsKey)).isEmpty();
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
