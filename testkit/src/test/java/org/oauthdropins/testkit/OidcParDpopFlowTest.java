package org.oauthdropins.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.oauthdropins.AccessToken;
import org.oauthdropins.Button;
import org.oauthdropins.Key;
import org.oauthdropins.http.JdkTransport;
import org.oauthdropins.internal.dpop.DpopKey;
import org.oauthdropins.internal.http.Json;
import org.oauthdropins.oauth2.OAuth2Site;
import org.oauthdropins.oauth2.Steps;
import org.oauthdropins.oidc.Oidc;
import org.oauthdropins.oidc.OidcAuth;
import org.oauthdropins.store.AuthRecord;
import org.oauthdropins.store.MemoryStore;

/**
 * The pipeline's PAR (RFC 9126) and DPoP (RFC 9449) steps on the generic OpenID Connect site,
 * against a {@link FakeOidc} that checks pushed requests and proofs as real servers do: PAR when
 * discovery requires it, DPoP when the app asks, the stored login's API calls and refresh proving
 * the login's key, and a login that fails when the server requires a step the site leaves out.
 */
class OidcParDpopFlowTest {

  private static final Key GRACE = new Key("SandboxAuth", "f1b2c3d4-0000-4000-8000-00000000abcd");
  private static final String USERINFO = "/realms/sandbox/protocol/openid-connect/userinfo";

  private final FakeOidc provider = FakeOidc.standalone(true);
  private final Browser browser = new Browser();
  private TestApp app;

  @AfterEach
  void tearDown() {
    if (app != null) {
      app.close();
    }
    provider.close();
  }

  private OAuth2Site.Builder<OidcAuth> site() {
    return Oidc.builder(
            "sandbox",
            "SandboxAuth",
            provider.issuer(),
            provider.credentials(),
            JdkTransport.shared())
        .button(Button.of("Sandbox", "#000", "#fff"));
  }

  private Browser.Page start(OAuth2Site<OidcAuth> site) {
    app = TestApp.withTokensInFinish(new MemoryStore()).mount(site, provider);
    return browser.post(app.url("/sandbox/start"), Map.of("state", "s"));
  }

  @Test
  void aProviderThatRequiresParGetsThePushedRequestAndTheBrowserOnlyItsUri() {
    provider.pushedAuthorizationRequests(true);
    Browser.Page consent = start(site().build());

    assertThat(consent.query()).containsOnlyKeys("client_id", "request_uri");
    Browser.Page done = browser.click(consent, "Approve");
    assertThat(Key.fromUrlsafe(done.query().get("auth_entity"))).isEqualTo(GRACE);
    assertThat(provider.oauth().pushedRequests()).isEqualTo(1);
  }

  @Test
  void parTurnedOffAtAProviderThatRequiresItFailsTheStart() {
    provider.pushedAuthorizationRequests(true);
    Browser.Page page = start(site().par(Steps.When.NEVER).build());

    assertThat(page.status()).isEqualTo(502);
    assertThat(provider.oauth().pushedRequests()).isZero();
  }

  @Test
  void dpopBindsTheTokensToTheLoginsKeyForApiCallsAndRefresh() {
    provider.pushedAuthorizationRequests(true).dpop(true);
    OAuth2Site<OidcAuth> site = site().dpop(Steps.When.ALWAYS).build();
    Browser.Page done = browser.click(start(site), "Approve");

    assertThat(Key.fromUrlsafe(done.query().get("auth_entity"))).isEqualTo(GRACE);
    AuthRecord stored = app.store().get(GRACE).orElseThrow();
    String jwk = Json.text(Json.parse(stored.extraJson()), "dpop_key");
    assertThat(jwk).isNotNull();
    String thumbprint = DpopKey.fromJson(jwk).thumbprint();
    AccessToken.Bearer first = (AccessToken.Bearer) stored.token();
    assertThat(provider.oauth().boundKey(first.value())).isEqualTo(thumbprint);

    OidcAuth auth = site.load(app.store(), GRACE).orElseThrow();
    assertThat(auth.get(provider.url() + USERINFO).status()).isEqualTo(200);

    provider.oauth().expireAccessTokens();
    assertThat(auth.get(provider.url() + USERINFO).status()).isEqualTo(200);
    AccessToken.Bearer renewed = (AccessToken.Bearer) app.store().get(GRACE).orElseThrow().token();
    assertThat(renewed).isNotEqualTo(first);
    assertThat(provider.oauth().boundKey(renewed.value())).isEqualTo(thumbprint);
  }

  @Test
  void aProviderThatRequiresDpopGetsItWithoutTheAppAsking() {
    provider.dpop(true);
    OAuth2Site<OidcAuth> site = site().build();
    Browser.Page done = browser.click(start(site), "Approve");

    assertThat(Key.fromUrlsafe(done.query().get("auth_entity"))).isEqualTo(GRACE);
    AuthRecord stored = app.store().get(GRACE).orElseThrow();
    String jwk = Json.text(Json.parse(stored.extraJson()), "dpop_key");
    assertThat(provider.oauth().boundKey(((AccessToken.Bearer) stored.token()).value()))
        .isEqualTo(DpopKey.fromJson(jwk).thumbprint());
    assertThat(site.load(app.store(), GRACE).orElseThrow().get(provider.url() + USERINFO).status())
        .isEqualTo(200);
  }

  @Test
  void aProviderThatDoesNotRequireDpopGetsPlainBearerTokens() {
    provider.dpop(false);
    browser.click(start(site().build()), "Approve");

    AuthRecord stored = app.store().get(GRACE).orElseThrow();
    assertThat(Json.text(Json.parse(stored.extraJson()), "dpop_key")).isNull();
    assertThat(provider.oauth().boundKey(((AccessToken.Bearer) stored.token()).value())).isNull();
  }

  @Test
  void dpopTurnedOffAtAProviderThatRequiresItFailsTheLogin() {
    provider.dpop(true);
    Browser.Page done = browser.click(start(site().dpop(Steps.When.NEVER).build()), "Approve");

    assertThat(done.status()).isEqualTo(502);
    assertThat(app.store().get(GRACE)).isEmpty();
  }
}
