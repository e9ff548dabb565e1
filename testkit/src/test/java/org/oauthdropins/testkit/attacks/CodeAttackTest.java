package org.oauthdropins.testkit.attacks;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.oauthdropins.sites.twitter.Twitter;
import org.oauthdropins.testkit.Browser;
import org.oauthdropins.testkit.FakeTwitter;

/**
 * An authorization code is worth nothing outside the login it was issued for: a code injected into
 * another browser's login fails PKCE (its verifier stayed with the pending login of the browser
 * that started it), and a code is redeemed once.
 */
class CodeAttackTest {

  @RegisterExtension final Scene scene = new Scene();
  private final Browser victim = new Browser();
  private final Browser attacker = new Browser();

  @Test
  void aCodeInjectedIntoAnotherBrowsersLoginFailsPkceAndStoresNothing() {
    // A code issued for the attacker's login, e.g. stolen from a log, played into the victim's
    // login with the victim's own, valid state.
    String code = Scene.param(Scene.approveWithoutFollowing(scene.start(attacker, "a")), "code");
    String victimsState = scene.start(victim, "v").query().get("state");

    Browser.Page done = victim.get(scene.callback("code=" + code + "&state=" + victimsState));

    assertThat(done.status()).isEqualTo(502);
    assertThat(done.body()).contains("PKCE");
    assertThat(scene.store.put).isEmpty();
  }

  @Test
  void aCodeIsRedeemedOnlyOnce() {
    URI callback = Scene.approveWithoutFollowing(scene.start(victim, "s"));
    assertThat(victim.get(callback).status()).isEqualTo(200);
    int stored = scene.store.put.size();
    // The same code again, with a fresh state of the same browser.
    String freshState = scene.start(victim, "again").query().get("state");

    Browser.Page replay =
        victim.get(
            scene.callback("code=" + Scene.param(callback, "code") + "&state=" + freshState));

    assertThat(replay.status()).isEqualTo(502);
    assertThat(replay.body()).contains("invalid_grant");
    assertThat(scene.store.put).hasSize(stored);
  }

  @Test
  void anOAuth1CallbackWithAnotherLoginsRequestTokenIsRefused() {
    try (FakeTwitter twitter = new FakeTwitter()) {
      scene.app.mount(Twitter.create(twitter.options()), twitter);
      URI start = scene.app.url("/twitter/start");
      URI victims = Scene.approveWithoutFollowing(victim.post(start, Map.of()));
      URI attackers = Scene.approveWithoutFollowing(attacker.post(start, Map.of()));
      // The victim's own state, with the attacker's approved request token and verifier.
      URI injected =
          scene.app.url(
              "/twitter/oauth_callback?state="
                  + Scene.param(victims, "state")
                  + "&oauth_token="
                  + Scene.param(attackers, "oauth_token")
                  + "&oauth_verifier="
                  + Scene.param(attackers, "oauth_verifier"));

      Browser.Page done = victim.get(injected);

      assertThat(done.status()).isEqualTo(400);
      assertThat(done.body()).contains("oauth_token does not match this login");
      assertThat(scene.store.put).isEmpty();
    }
  }

  @Test
  void aCallbackWithoutACodeIsRefused() {
    String state = scene.start(victim, "s").query().get("state");
    Browser.Page done = victim.get(scene.callback("state=" + state));
    assertThat(done.status()).isEqualTo(400);
    assertThat(done.body()).contains("missing code");
    assertThat(scene.store.put).isEmpty();
  }
}
