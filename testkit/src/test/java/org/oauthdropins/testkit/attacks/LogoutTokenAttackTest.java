package org.oauthdropins.testkit.attacks;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.oauthdropins.LoginEvent;
import org.oauthdropins.engine.oidc.Oidc;
import org.oauthdropins.store.Key;
import org.oauthdropins.testkit.Browser;
import org.oauthdropins.testkit.FakeOidc;
import org.oauthdropins.testkit.MutableClock;
import org.oauthdropins.testkit.TestApp;

/**
 * The logout routes of an OpenID Connect site under attack. A back-channel logout takes no cookie
 * and no same-origin check (the provider calls it), so its token is all that stands between anyone
 * on the network and the app's users' logins: a forged, unsigned, replayed, wrong-audience,
 * wrong-issuer, expired, nonce-bearing or event-less logout token is refused with 400 and ends
 * nothing (OpenID Connect Back-Channel Logout 1.0 §2.6, §2.8). And no other page can log the app's
 * visitors out (a cross-site POST to the logout route is refused, as start refuses one).
 */
class LogoutTokenAttackTest {

  private static final String SUB = "f1b2c3d4-0000-4000-8000-00000000abcd";
  private static final Key GRACE = new Key("SandboxAuth", SUB);

  private final MutableClock clock = new MutableClock();
  private final WitnessStore store = new WitnessStore(clock);
  private final List<LoginEvent> events = new CopyOnWriteArrayList<>();
  private final Browser victim = new Browser();
  private FakeOidc provider;
  private TestApp app;
  private String authEntity;

  @BeforeEach
  void setUp() {
    provider = FakeOidc.standalone(false);
    app =
        new TestApp(store)
            .listener(events::add)
            .mount(Oidc.create("sandbox", provider.issuer(), provider.options()), provider);
    Browser.Page done = victim.click(victim.post(app.url("/sandbox/start"), Map.of()), "Approve");
    authEntity = done.query().get("auth_entity");
    assertThat(store.get(GRACE)).isPresent();
  }

  @AfterEach
  void tearDown() {
    app.close();
    provider.close();
  }

  private URI receiver() {
    return app.url("/sandbox/backchannel-logout");
  }

  private String session() {
    return provider.oauth().sessions().keySet().iterator().next();
  }

  @ParameterizedTest
  @EnumSource(FakeOidc.LogoutAttack.class)
  void aBadLogoutTokenIsRefusedAndEndsNothing(FakeOidc.LogoutAttack attack) {
    int before = store.touches();
    int status = provider.sendLogoutToken(receiver(), provider.logoutToken(SUB, session(), attack));
    assertThat(status).isEqualTo(400);
    assertThat(store.get(GRACE)).isPresent();
    assertThat(store.touches()).isEqualTo(before);
    assertThat(events).noneMatch(e -> e instanceof LoginEvent.LoggedOut);
  }

  @Test
  void aReplayedLogoutTokenIsRefused() {
    String token = provider.logoutToken(SUB, session(), null);
    assertThat(provider.sendLogoutToken(receiver(), token)).isEqualTo(200);
    assertThat(store.get(GRACE)).isEmpty();
    // The user signs in again; a copy of the old token must not end the new login.
    victim.post(app.url("/sandbox/start"), Map.of());
    assertThat(store.get(GRACE)).isPresent();
    assertThat(provider.sendLogoutToken(receiver(), token)).isEqualTo(400);
    assertThat(store.get(GRACE)).isPresent();
  }

  @Test
  void aLogoutTokenAboutNobodyOrGarbageIsRefused() {
    int before = store.touches();
    assertThat(provider.sendLogoutToken(receiver(), provider.logoutToken(null, null, null)))
        .isEqualTo(400);
    assertThat(provider.sendLogoutToken(receiver(), "not.a.jwt")).isEqualTo(400);
    assertThat(provider.sendLogoutToken(receiver(), "")).isEqualTo(400);
    assertThat(store.touches()).isEqualTo(before);
    assertThat(store.get(GRACE)).isPresent();
  }

  @Test
  void aCrossSiteLogoutPostIsRefusedAndChangesNothing() {
    Browser.Page page =
        victim.postFrom(
            URI.create("https://evil.example/page"),
            app.url("/sandbox/logout"),
            Map.of("auth_entity", authEntity));
    assertThat(page.status()).isEqualTo(400);
    assertThat(page.body()).contains("a logout is a POST from a page of this site");
    assertThat(page.url().getPath()).isEqualTo("/sandbox/logout");
    assertThat(app.logins().verify(victim.requestTo(app.url("/")), authEntity)).isPresent();
    assertThat(provider.oauth().sessions()).hasSize(1);
    assertThat(store.get(GRACE)).isPresent();
  }

  @Test
  void aGetLogoutIsRefused() {
    Browser.Page page = victim.get(app.url("/sandbox/logout?auth_entity=" + authEntity));
    assertThat(page.status()).isIn(400, 405);
    assertThat(app.logins().verify(victim.requestTo(app.url("/")), authEntity)).isPresent();
  }
}
