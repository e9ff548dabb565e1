package org.oauthdropins.testkit.attacks;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.oauthdropins.internal.http.Form;
import org.oauthdropins.internal.oauth2.Pkce;
import org.oauthdropins.testkit.Browser;

/**
 * PKCE is S256 on every login and cannot be talked down: the authorization request always carries
 * an S256 challenge (never {@code plain}), the verifier never reaches the browser, and a code
 * obtained by stripping the challenge from the authorization request is never redeemed.
 */
class PkceDowngradeAttackTest {

  @RegisterExtension final Scene scene = new Scene();
  private final Browser browser = new Browser();

  @Test
  void everyAuthorizationRequestCarriesAnS256Challenge() {
    for (int i = 0; i < 3; i++) {
      Map<String, String> q = scene.start(browser, "s" + i).query();
      assertThat(q).containsEntry("code_challenge_method", "S256");
      assertThat(q.get("code_challenge")).matches("[A-Za-z0-9_-]{43}");
    }
  }

  @Test
  void theVerifierMatchesTheChallengeAndNeverReachesTheBrowser() {
    AtomicReference<String> verifier = new AtomicReference<>();
    scene
        .github
        .oauth()
        .tokenGuard(
            r -> {
              verifier.set(r.param("code_verifier").orElse(null));
              return null;
            });
    Browser.Page consent = scene.start(browser, "s");
    Browser.Page done = browser.click(consent, "Approve");

    assertThat(done.status()).isEqualTo(200);
    assertThat(verifier.get()).isNotNull();
    assertThat(Pkce.challenge(verifier.get())).isEqualTo(consent.query().get("code_challenge"));
    StringBuilder seen = new StringBuilder(consent.url() + " " + done.url() + " " + done.body());
    done.redirects().forEach(u -> seen.append(' ').append(u));
    browser.cookies().getCookieStore().getCookies().forEach(c -> seen.append(' ').append(c));
    assertThat(seen.toString()).doesNotContain(verifier.get());
  }

  @Test
  void aCodeObtainedWithoutTheChallengeIsNotRedeemed() {
    Browser.Page consent = scene.start(browser, "s");
    Map<String, String> stripped = consent.query();
    stripped.remove("code_challenge");
    stripped.remove("code_challenge_method");
    URI downgraded =
        URI.create(Form.appendQuery(consent.url().toString().replaceFirst("\\?.*$", ""), stripped));

    Browser.Page done = browser.click(browser.get(downgraded), "Approve");

    assertThat(done.status()).isEqualTo(502);
    assertThat(scene.store.put).isEmpty();
  }
}
