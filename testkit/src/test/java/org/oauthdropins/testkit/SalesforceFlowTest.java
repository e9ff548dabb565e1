package org.oauthdropins.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.oauthdropins.engine.oauth2.OAuth2Site;
import org.oauthdropins.engine.oidc.OidcProvider;
import org.oauthdropins.sites.salesforce.Salesforce;
import org.oauthdropins.sites.salesforce.SalesforceAuth;
import org.oauthdropins.store.Key;
import org.oauthdropins.store.memory.MemoryStore;

/**
 * Salesforce's quirks against the fake login host: {@code client_secret_post}, the key {@code
 * ORG_ID/USER_ID} rather than the host-bound identity URL, a refresh token only for the scope
 * {@code refresh_token}, and the preset's endpoints against the host's discovery document.
 */
class SalesforceFlowTest {

  private FakeSalesforce salesforce;
  private TestApp app;
  private OAuth2Site<SalesforceAuth> site;
  private final Browser browser = new Browser();

  @BeforeEach
  void setUp() {
    salesforce = new FakeSalesforce();
    site = Salesforce.create(salesforce.options());
    app = TestApp.withTokensInFinish(new MemoryStore()).mount(site, salesforce);
  }

  @AfterEach
  void tearDown() {
    app.close();
    salesforce.close();
  }

  private static final Key ADA =
      new Key("SalesforceAuth", FakeSalesforce.ORG_ID + "/" + FakeSalesforce.USER_ID);

  @Test
  void aLoginIsKeyedByOrgAndUserIdAndShowsTheUsersOrg() {
    Browser.Page consent = browser.post(app.url("/salesforce/start"), Map.of("state", "s"));
    assertThat(consent.url().getPath()).isEqualTo("/services/oauth2/authorize");
    assertThat(consent.query())
        .containsEntry("scope", "openid profile email")
        .containsEntry("code_challenge_method", "S256")
        .containsKeys("nonce", "code_challenge");

    Browser.Page done = browser.click(consent, "Approve");

    assertThat(Key.fromUrlsafe(done.query().get("auth_entity"))).isEqualTo(ADA);
    assertThat(done.query()).doesNotContainKey("refresh_token");
    SalesforceAuth auth = site.load(app.store(), ADA).orElseThrow();
    assertThat(auth.userId()).isEqualTo(FakeSalesforce.USER_ID);
    assertThat(auth.organizationId()).isEqualTo(FakeSalesforce.ORG_ID);
    assertThat(auth.userName()).isEqualTo("ada@example.org.sandbox");
    assertThat(auth.userDisplayName()).isEqualTo("Ada Lovelace");
    assertThat(auth.restUrl()).isEqualTo(salesforce.url() + "/services/data/v{version}/");
    assertThat(auth.idTokenClaims().path("sub").asText())
        .isEqualTo(
            salesforce.url() + "/id/" + FakeSalesforce.ORG_ID + "/" + FakeSalesforce.USER_ID);
  }

  @Test
  void theRefreshTokenScopeBringsARefreshToken() {
    Browser.Page consent =
        browser.post(
            app.url("/salesforce/start"), Map.of("state", "s", "scope", Salesforce.REFRESH_TOKEN));
    assertThat(consent.query().get("scope")).contains("refresh_token");

    Browser.Page done = browser.click(consent, "Approve");

    assertThat(done.query().get("refresh_token")).isNotBlank();
    assertThat(site.load(app.store(), ADA).orElseThrow().refreshToken()).isNotBlank();
  }

  @Test
  void logoutSendsTheBrowserToTheHostsEndSessionEndpointWithTheIdTokenAndBack() {
    salesforce.registerPostLogoutRedirectUri(app.url("/salesforce/logout/return"));
    app.page("/", r -> org.oauthdropins.web.WebResponse.Page.text(200, "home"));
    Browser.Page consent = browser.post(app.url("/salesforce/start"), Map.of("state", "s"));
    String authEntity = browser.click(consent, "Approve").query().get("auth_entity");

    Browser.Page home =
        browser.post(app.url("/salesforce/logout"), Map.of("auth_entity", authEntity));

    assertThat(home.body()).isEqualTo("home");
    assertThat(home.redirects())
        .anyMatch(
            u ->
                u.getPath().equals("/services/auth/idp/oidc/logout")
                    && u.getRawQuery().contains("id_token_hint="))
        .anyMatch(u -> u.getPath().equals("/salesforce/logout/return"));
    assertThat(app.logins().verify(browser.requestTo(app.url("/")), authEntity)).isEmpty();
  }

  @Test
  void thePresetsEndpointsAreThoseTheHostsDiscoveryDocumentNames() {
    OidcProvider preset = Salesforce.provider(salesforce.options());
    PresetChecks.matchesDiscovery(preset, salesforce.issuer());
  }
}
