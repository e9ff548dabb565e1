package org.oauthdropins.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jwt.SignedJWT;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.oauthdropins.LoginEvent;
import org.oauthdropins.Site;
import org.oauthdropins.engine.oidc.Oidc;
import org.oauthdropins.engine.oidc.OidcAuth;
import org.oauthdropins.internal.http.Form;
import org.oauthdropins.internal.http.Json;
import org.oauthdropins.store.Key;
import org.oauthdropins.store.jdbc.JdbcStore;
import org.oauthdropins.web.WebResponse;

/**
 * The end of an OpenID Connect login over loopback HTTP against a {@link FakeOidc} that remembers
 * sign-ins: RP-initiated logout (the browser's login removed, the provider's session ended so a new
 * authorize asks again, the return's state checked) and back-channel logout (a logout token the
 * provider posts deletes the stored login and tells the app's listener).
 */
class OidcLogoutFlowTest {

  private static final String SUB = "f1b2c3d4-0000-4000-8000-00000000abcd";
  private static final Key GRACE = new Key("SandboxAuth", SUB);

  private FakeOidc provider;
  private TestApp app;
  private Site<OidcAuth> site;
  private final Browser browser = new Browser();
  private final List<LoginEvent> events = new CopyOnWriteArrayList<>();

  @BeforeEach
  void setUp() {
    provider = FakeOidc.standalone(true);
    site = Oidc.create("sandbox", provider.issuer(), provider.options());
    app =
        // A JDBC store: it keys spent states by state and expiry, so a replayed return must come
        // with the expiry its first use spent (the memory store keys by state alone).
        TestApp.withTokensInFinish(
                JdbcStore.h2("jdbc:h2:mem:logout-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1"))
            .listener(events::add)
            .mount(site, provider)
            .page("/", r -> WebResponse.Page.text(200, "home"));
    provider.registerPostLogoutRedirectUri(app.url("/sandbox/logout/return"));
  }

  @AfterEach
  void tearDown() {
    app.close();
    provider.close();
  }

  private String login() {
    Browser.Page done = browser.click(browser.post(app.url("/sandbox/start"), Map.of()), "Approve");
    assertThat(done.url().getPath()).isEqualTo("/after");
    return done.query().get("auth_entity");
  }

  private Browser.Page logout(String authEntity) {
    return browser.post(app.url("/sandbox/logout"), Map.of("auth_entity", authEntity));
  }

  private boolean browserHolds(Key key) {
    return app.logins().get(browser.requestTo(app.url("/"))).stream()
        .anyMatch(l -> l.key().equals(key));
  }

  @Test
  void aLoginKeepsItsIdTokenAndTheProvidersSession() throws Exception {
    login();
    OidcAuth auth = site.load(app.store(), GRACE).orElseThrow();
    String session = provider.oauth().sessions().keySet().iterator().next();
    assertThat(auth.sessionId()).isEqualTo(session);
    String jwt = Json.text(auth.extra(), Oidc.ID_TOKEN_JWT);
    assertThat(SignedJWT.parse(jwt).getJWTClaimsSet().getSubject()).isEqualTo(SUB);
  }

  @Test
  void rpInitiatedLogoutEndsTheProvidersSessionAndThisBrowsersLogin() {
    String authEntity = login();
    // Signed in at the provider: a second login comes straight back, without the consent page.
    assertThat(browser.post(app.url("/sandbox/start"), Map.of()).url().getPath())
        .isEqualTo("/after");
    assertThat(browserHolds(GRACE)).isTrue();

    Browser.Page home = logout(authEntity);

    assertThat(home.status()).isEqualTo(200);
    assertThat(home.body()).isEqualTo("home");
    URI end =
        home.redirects().stream()
            .filter(u -> u.getPath().endsWith("/protocol/openid-connect/logout"))
            .findFirst()
            .orElseThrow();
    Map<String, String> q = Form.decode(end.getRawQuery());
    assertThat(q.get("post_logout_redirect_uri"))
        .isEqualTo(app.url("/sandbox/logout/return").toString());
    assertThat(q.get("client_id")).isEqualTo("sandbox-client");
    assertThat(q.get("state")).hasSizeGreaterThan(30);
    assertThat(q.get("id_token_hint"))
        .isEqualTo(Json.text(site.load(app.store(), GRACE).orElseThrow().extra(), "id_token_jwt"));
    assertThat(browserHolds(GRACE)).isFalse();
    assertThat(provider.oauth().sessions()).isEmpty();
    // The stored login stays: logging out is not disconnecting.
    assertThat(app.store().get(GRACE)).isPresent();
    // The provider asks again.
    Browser.Page again = browser.post(app.url("/sandbox/start"), Map.of());
    assertThat(again.url().getPath()).isEqualTo("/realms/sandbox/protocol/openid-connect/auth");
    assertThat(again.body()).contains("Approve");
  }

  @Test
  void theReturnChecksItsStateOnce() {
    String authEntity = login();
    Browser.Page home = logout(authEntity);
    URI returned =
        home.redirects().stream()
            .filter(u -> u.getPath().equals("/sandbox/logout/return"))
            .findFirst()
            .orElseThrow();
    Browser.Page replay = browser.get(returned);
    assertThat(replay.status()).isEqualTo(400);
    assertThat(replay.body()).contains("state");
    Browser.Page forged = browser.get(app.url("/sandbox/logout/return?state=forged"));
    assertThat(forged.status()).isEqualTo(400);
    assertThat(browser.get(app.url("/sandbox/logout/return")).status()).isEqualTo(400);
  }

  @Test
  void aReturnWhoseStateWasSpentIsRefusedEvenWithItsCookie() {
    String authEntity = login();
    // Stop at the provider's redirect back, so the state cookie is still there for a replay.
    Browser.Page home = logout(authEntity);
    URI returned =
        home.redirects().stream()
            .filter(u -> u.getPath().equals("/sandbox/logout/return"))
            .findFirst()
            .orElseThrow();
    String state = Form.decode(returned.getRawQuery()).get("state");
    // Another browser carrying the same state and cookie, as a copied request would.
    Browser thief = new Browser();
    thief.cookies().getCookieStore().add(app.url("/"), cookie(state));
    Browser.Page replay = thief.get(returned);
    assertThat(replay.status()).isEqualTo(400);
    assertThat(replay.body()).contains("returned already");
  }

  /**
   * A browser may send any state with a matching cookie; one claiming to last longer than the app's
   * ten minutes is refused before the store is asked to spend it (the refusal's own message), so no
   * stranger's row outlives the sweep.
   */
  @Test
  void aReturnWhoseStateClaimsALongerLifeIsRefused() {
    long farFuture = java.time.Instant.now().plus(java.time.Duration.ofDays(365)).getEpochSecond();
    String state = "forged." + farFuture;
    Browser stranger = new Browser();
    stranger.cookies().getCookieStore().add(app.url("/"), cookie(state));
    Browser.Page page = stranger.get(app.url("/sandbox/logout/return?state=" + state));
    assertThat(page.status()).isEqualTo(400);
    assertThat(page.body()).contains("expired or is not this app's");
  }

  private static java.net.HttpCookie cookie(String state) {
    java.net.HttpCookie c = new java.net.HttpCookie("oauthdropins_logout", state);
    c.setPath("/");
    c.setVersion(0);
    return c;
  }

  @Test
  void logoutOfALoginThisBrowserDoesNotHoldIs400() {
    login();
    Browser other = new Browser();
    Browser.Page page =
        other.post(app.url("/sandbox/logout"), Map.of("auth_entity", GRACE.urlsafe()));
    assertThat(page.status()).isEqualTo(400);
    assertThat(page.body()).contains("no such login");
    assertThat(provider.oauth().sessions()).hasSize(1);
  }

  @Test
  void aBackchannelLogoutDeletesTheStoredLoginAndTellsTheApp() {
    login();
    String session = provider.oauth().sessions().keySet().iterator().next();
    String token = provider.logoutToken(SUB, session, null);

    int status = provider.sendLogoutToken(app.url("/sandbox/backchannel-logout"), token);

    assertThat(status).isEqualTo(200);
    assertThat(app.store().get(GRACE)).isEmpty();
    assertThat(events)
        .filteredOn(e -> e instanceof LoginEvent.LoggedOut)
        .singleElement()
        .satisfies(
            e -> {
              assertThat(((LoginEvent.LoggedOut) e).keys()).containsExactly(GRACE);
              assertThat(e.outcome()).isEqualTo("loggedout");
            });
    // Once only.
    assertThat(provider.sendLogoutToken(app.url("/sandbox/backchannel-logout"), token))
        .isEqualTo(400);
  }

  @Test
  void aLogoutTokenForAnotherSessionLeavesTheLogin() {
    login();
    int status =
        provider.sendLogoutToken(
            app.url("/sandbox/backchannel-logout"),
            provider.logoutToken(SUB, "another-session", null));
    assertThat(status).isEqualTo(200);
    assertThat(app.store().get(GRACE)).isPresent();
  }

  @Test
  void endingTheSessionAtTheProviderSendsABackchannelLogout() {
    provider.registerBackchannelLogoutUri(app.url("/sandbox/backchannel-logout"));
    login();
    URI end = URI.create(provider.issuer() + "/protocol/openid-connect/logout");
    Browser.Page confirm = browser.get(end);
    Browser.Page done = browser.click(confirm, "Log out");
    assertThat(done.status()).isEqualTo(200);
    assertThat(provider.backchannelAnswers()).containsExactly(200);
    assertThat(app.store().get(GRACE)).isEmpty();
  }
}
