package org.oauthdropins.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.oauthdropins.AuthEntity;
import org.oauthdropins.Site;
import org.oauthdropins.engine.oidc.Oidc;
import org.oauthdropins.engine.oidc.OidcAuth;
import org.oauthdropins.store.AccessToken;
import org.oauthdropins.store.Key;
import org.oauthdropins.store.memory.MemoryStore;

/**
 * A generic OpenID Connect provider configured by issuer URL alone, over loopback HTTP, against a
 * standalone {@link FakeOidc} with a Keycloak-like issuer path and ES256 keys.
 */
class OidcFlowTest {

  private static final Key GRACE = new Key("SandboxAuth", "f1b2c3d4-0000-4000-8000-00000000abcd");

  private FakeOidc provider;
  private TestApp app;
  private Site<OidcAuth> site;
  private final Browser browser = new Browser();

  @BeforeEach
  void setUp() {
    provider = FakeOidc.standalone(true);
    site = Oidc.create("sandbox", provider.issuer(), provider.options());
    app = TestApp.withTokensInFinish(new MemoryStore()).mount(site, provider);
  }

  @AfterEach
  void tearDown() {
    app.close();
    provider.close();
  }

  private Browser.Page start(String state) {
    return browser.post(app.url("/sandbox/start"), Map.of("state", state));
  }

  @Test
  void approveDiscoversTheProviderAndStoresTheUser() {
    Browser.Page consent = start("s");
    assertThat(consent.url().getPath()).isEqualTo("/realms/sandbox/protocol/openid-connect/auth");
    assertThat(consent.query())
        .containsEntry("scope", "openid profile email")
        .containsEntry("code_challenge_method", "S256")
        .containsKey("nonce");

    Browser.Page done = browser.click(consent, "Approve");

    assertThat(Key.fromUrlsafe(done.query().get("auth_entity"))).isEqualTo(GRACE);
    assertThat(done.query()).containsKey("refresh_token");
    OidcAuth auth = site.load(app.store(), GRACE).orElseThrow();
    assertThat(auth).isInstanceOf(OidcAuth.class);
    assertThat(auth.siteName()).isEqualTo("sandbox");
    assertThat(auth.userDisplayName()).isEqualTo("Grace Hopper");
    assertThat(auth.imageUrl()).isEqualTo("https://example.org/grace.png");
    assertThat(auth.email()).isEqualTo("grace@example.org");
    assertThat(auth.idTokenClaims().path("iss").asText()).isEqualTo(provider.issuer());
  }

  @Test
  void revokedTokenIsRefreshedThroughTheDiscoveredEndpoints() {
    browser.click(start("s"), "Approve");
    AccessToken old = app.store().get(GRACE).orElseThrow().token();
    provider.oauth().expireAccessTokens();
    // A fresh site object, as after a restart: loading and refreshing need no login first.
    Site<?> restarted = Oidc.create("sandbox", provider.issuer(), provider.options());
    AuthEntity auth = restarted.load(app.store(), GRACE).orElseThrow();
    assertThat(
            auth.get(provider.url() + "/realms/sandbox/protocol/openid-connect/userinfo").status())
        .isEqualTo(200);
    assertThat(app.store().get(GRACE).orElseThrow().token()).isNotEqualTo(old);
  }

  @Test
  void askingForOfflineAccessAsksForConsentToo() {
    Browser.Page consent =
        browser.post(app.url("/sandbox/start"), Map.of("state", "s", "scope", "offline_access"));
    assertThat(consent.query())
        .containsEntry("scope", "openid profile email offline_access")
        .containsEntry("prompt", "consent");
    assertThat(start("s").query()).doesNotContainKey("prompt");
  }

  @Test
  void denyIsDeclined() {
    Browser.Page done = browser.click(start("xyz"), "Deny");
    assertThat(done.query()).containsEntry("declined", "true").containsEntry("state", "xyz");
  }

  @Test
  void providerErrorIs502AndMissingCodeIs400() {
    String state = start("s").query().get("state");
    assertThat(
            browser
                .get(app.url("/sandbox/oauth_callback?error=login_required&state=" + state))
                .status())
        .isEqualTo(502);
    String other = start("t").query().get("state");
    Browser.Page noCode = browser.get(app.url("/sandbox/oauth_callback?state=" + other));
    assertThat(noCode.status()).isEqualTo(400);
  }

  @Test
  void forgedEcSignatureIsA502AndStoresNothing() {
    provider.attackNext(FakeOidc.Attack.WRONG_SIGNATURE);
    Browser.Page done = browser.click(start("s"), "Approve");
    assertThat(done.status()).isEqualTo(502);
    assertThat(done.body()).contains("invalid signature");
    assertThat(app.store().get(GRACE)).isEmpty();
  }

  @Test
  void discoveryDocumentForAnotherIssuerIsRefused() {
    Site<?> impostor = Oidc.create("sandbox", provider.issuer() + "/", provider.options());
    try (TestApp other = TestApp.withTokensInFinish(new MemoryStore()).mount(impostor, provider)) {
      Browser.Page page = browser.post(other.url("/sandbox/start"), Map.of());
      assertThat(page.status()).isEqualTo(502);
      assertThat(page.body()).contains("names another issuer");
    }
  }

  @Test
  void unreachableProviderFailsTheLoginNotTheApp() {
    // Creating the site does not contact the provider; the login reports it, and a later one
    // retries.
    Site<?> down = Oidc.create("sandbox", provider.url() + "/realms/missing", provider.options());
    try (TestApp other = TestApp.withTokensInFinish(new MemoryStore()).mount(down, provider)) {
      Browser.Page page = browser.post(other.url("/sandbox/start"), Map.of());
      assertThat(page.status()).isEqualTo(502);
      assertThat(page.body()).contains("discovery").contains("HTTP 404");
    }
  }
}
