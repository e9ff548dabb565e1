package org.oauthdropins.testkit.attacks;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.oauthdropins.AuthEntity;
import org.oauthdropins.Disconnect;
import org.oauthdropins.store.AccessToken;
import org.oauthdropins.store.Key;
import org.oauthdropins.testkit.Browser;
import org.oauthdropins.testkit.FakeResponse;

/**
 * No one but the browser that holds a login ends it: a disconnect posted from another site (CSRF),
 * one naming a login this browser does not hold, another site's login or a malformed key are each
 * refused with a plain 400 or 403, and a revocation the provider fails is a 502; in every case the
 * login stays stored, its token keeps working at GitHub and the browser keeps it.
 */
class DisconnectAttackTest {

  @RegisterExtension final Scene scene = new Scene();
  private final Browser victim = new Browser();

  /** The victim's login, made in the victim's browser: its {@code auth_entity}. */
  private String victimLogin() {
    Browser.Page done = victim.click(scene.start(victim, "s"), "Approve");
    assertThat(done.status()).isEqualTo(200);
    return done.query().get("auth_entity");
  }

  private URI disconnect() {
    return scene.app.url("/github/disconnect");
  }

  /** The login is stored, its token works at the fake GitHub, and the victim's browser lists it. */
  private void assertUntouched(String authEntity) {
    Key key = Key.fromUrlsafe(authEntity);
    AuthEntity auth = scene.site.load(scene.store, key).orElseThrow();
    String token = ((AccessToken.Bearer) auth.accessToken()).value();
    assertThat(scene.github.oauth().user(token)).isPresent();
    assertThat(scene.github.oauth().revocationCount()).isZero();
    assertThat(scene.app.logins().verify(victim.requestTo(scene.app.url("/after")), authEntity))
        .contains(key);
  }

  @Test
  void aDisconnectPostedFromAnotherSiteIsRefusedAndChangesNothing() {
    String login = victimLogin();

    Browser.Page page =
        victim.postFrom(
            URI.create("https://evil.example/page"), disconnect(), Map.of("auth_entity", login));

    assertThat(page.status()).isEqualTo(400);
    assertThat(page.body()).contains("a disconnect must come from a page of this site");
    assertUntouched(login);
  }

  @Test
  void aDisconnectOfALoginThisBrowserDoesNotHoldIsRefusedAndChangesNothing() {
    String login = victimLogin();
    Browser attacker = new Browser();
    // The attacker has a login of their own: holding one is not holding every one.
    scene.github.signInAs("9999", "mallory");
    attacker.click(scene.start(attacker, "a"), "Approve");

    Browser.Page page = attacker.post(disconnect(), Map.of("auth_entity", login));

    assertThat(page.status()).isEqualTo(403);
    assertThat(page.body()).isEqualTo("this browser holds no such login to disconnect\n");
    assertUntouched(login);
  }

  @Test
  void aMalformedOrMissingKeyIsRefusedAndChangesNothing() {
    String login = victimLogin();

    Browser.Page bad = victim.post(disconnect(), Map.of("auth_entity", "not a key!"));
    Browser.Page none = victim.post(disconnect(), Map.of());

    assertThat(bad.status()).isEqualTo(400);
    assertThat(bad.body()).isEqualTo("the login key is malformed\n");
    assertThat(none.status()).isEqualTo(400);
    assertThat(none.body()).contains("names no login");
    assertUntouched(login);
  }

  @Test
  void anotherSitesLoginIsRefusedAtThisSitesRouteAndChangesNothing() {
    String login = victimLogin();

    Browser.Page page =
        victim.post(disconnect(), Map.of("auth_entity", new Key("GoogleUser", "12345").urlsafe()));

    assertThat(page.status()).isEqualTo(400);
    assertThat(page.body()).isEqualTo("that login is not a github login\n");
    assertUntouched(login);
  }

  @Test
  void aRevocationTheProviderFailsIsA502AndKeepsTheLogin() {
    String login = victimLogin();
    scene.github.failGrantDeletes(FakeResponse.text(503, "Service Unavailable"));

    Browser.Page page = victim.post(disconnect(), Map.of("auth_entity", login));

    assertThat(page.status()).isEqualTo(502);
    assertThat(page.body()).isEqualTo("github did not revoke the login's token: HTTP 503\n");
    assertUntouched(login);
  }

  @Test
  void anAppThatAsksDeletesTheLoginEvenIfTheRevocationFails() {
    String login = victimLogin();
    scene.github.failGrantDeletes(FakeResponse.text(503, "Service Unavailable"));
    Key key = Key.fromUrlsafe(login);

    Disconnect.Outcome o =
        Disconnect.of(scene.site, scene.store)
            .deleteEvenIfRevocationFails(true)
            .signOutEverywhere(key);

    assertThat(o.found()).isTrue();
    assertThat(o.revoked()).isFalse();
    assertThat(scene.store.get(key)).isEmpty();
  }
}
