package org.oauthdropins.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.oauthdropins.engine.oauth2.OAuth2Site;
import org.oauthdropins.sites.microsoft.Microsoft;
import org.oauthdropins.sites.microsoft.MicrosoftAuth;
import org.oauthdropins.store.Key;
import org.oauthdropins.store.memory.MemoryStore;

/**
 * Microsoft's quirks over loopback HTTP, against the fake Microsoft identity platform: the tenant
 * the app chooses, issuers checked against each token's own {@code tid}, and {@code oid@tid} as
 * key. Approve, deny and the general ID token checks run in the site contract.
 */
class MicrosoftFlowTest {

  private static final String FABRIKAM = "2d4f1a6e-5b8c-4e0f-9a7d-3c1b6e8f0a92";
  private static final String OID = "00000000-0000-0000-66f3-3332eca7ea81";
  private static final Key KATHERINE = new Key("MicrosoftAuth", OID + "@" + FakeMicrosoft.CONTOSO);

  private FakeMicrosoft microsoft;
  private TestApp app;
  private OAuth2Site<MicrosoftAuth> site;
  private final Browser browser = new Browser();

  private void start(String tenant) {
    microsoft = new FakeMicrosoft(tenant);
    site = Microsoft.create(tenant, microsoft.options());
    app = TestApp.withTokensInFinish(new MemoryStore()).mount(site, microsoft);
  }

  @AfterEach
  void tearDown() {
    app.close();
    microsoft.close();
  }

  private Browser.Page login() {
    Browser.Page consent = browser.post(app.url("/microsoft/start"), Map.of("state", "s"));
    return browser.click(consent, "Approve");
  }

  private void userOf(String tenant) {
    ObjectNode user = FakeMicrosoft.worker(tenant);
    user.put("oid", "11111111-0000-0000-0000-" + tenant.substring(tenant.length() - 12));
    microsoft.oauth().user(user);
  }

  @Test
  void logoutSendsTheBrowserToTheTenantsSignOutWithTheIdTokenAndBack() {
    start(Microsoft.COMMON);
    microsoft.registerPostLogoutRedirectUri(app.url("/microsoft/logout/return"));
    app.page("/", r -> org.oauthdropins.web.WebResponse.Page.text(200, "home"));
    String authEntity = login().query().get("auth_entity");

    Browser.Page home =
        browser.post(app.url("/microsoft/logout"), Map.of("auth_entity", authEntity));

    assertThat(home.body()).isEqualTo("home");
    assertThat(home.redirects())
        .anyMatch(
            u ->
                u.getPath().equals("/common/oauth2/v2.0/logout")
                    && u.getRawQuery().contains("id_token_hint="))
        .anyMatch(u -> u.getPath().equals("/microsoft/logout/return"));
    assertThat(app.logins().verify(browser.requestTo(app.url("/")), authEntity)).isEmpty();
  }

  @Test
  void aCommonLoginSendsPkceAndANonceAndIsKeyedByObjectIdAndTenant() {
    start(Microsoft.COMMON);
    Browser.Page consent = browser.post(app.url("/microsoft/start"), Map.of("state", "s"));
    assertThat(consent.url().getPath()).isEqualTo("/common/oauth2/v2.0/authorize");
    assertThat(consent.query())
        .containsEntry("scope", "openid profile email")
        .containsEntry("code_challenge_method", "S256")
        .containsKey("nonce");

    Browser.Page done = browser.click(consent, "Approve");

    assertThat(Key.fromUrlsafe(done.query().get("auth_entity"))).isEqualTo(KATHERINE);
    assertThat(done.query()).doesNotContainKey("refresh_token");
    MicrosoftAuth auth = site.load(app.store(), KATHERINE).orElseThrow();
    assertThat(auth.userId()).isEqualTo(OID);
    assertThat(auth.tenantId()).isEqualTo(FakeMicrosoft.CONTOSO);
    assertThat(auth.personalAccount()).isFalse();
    assertThat(auth.userName()).isEqualTo("katherine@contoso.example");
    assertThat(auth.userDisplayName()).isEqualTo("Katherine Johnson");
    assertThat(auth.idTokenClaims().path("iss").asText())
        .isEqualTo(microsoft.url() + "/" + FakeMicrosoft.CONTOSO + "/v2.0");
  }

  @Test
  void throughCommonEachTenantsUsersSignInUnderTheirOwnTenantsIssuer() {
    start(Microsoft.COMMON);
    userOf(FABRIKAM);
    Key fabrikam = Key.fromUrlsafe(login().query().get("auth_entity"));
    userOf(Microsoft.CONSUMERS_TENANT);
    Key personal = Key.fromUrlsafe(login().query().get("auth_entity"));

    assertThat(fabrikam.id()).endsWith("@" + FABRIKAM);
    assertThat(personal.id()).endsWith("@" + Microsoft.CONSUMERS_TENANT);
    assertThat(site.load(app.store(), personal).orElseThrow().personalAccount()).isTrue();
  }

  @Test
  void aMultiTenantTokenWhoseIssuerNamesAnotherTenantThanItsTidIsRefused() {
    start(Microsoft.COMMON);
    // Signed with the provider's real key: only the issuer/tid disagreement gives it away.
    microsoft.forgeIssuerTenantNext(FABRIKAM);
    Browser.Page done = login();
    assertThat(done.status()).isEqualTo(502);
    assertThat(done.body()).contains("microsoft ID token comes from another issuer");
    assertThat(app.store().get(KATHERINE)).isEmpty();
  }

  @Test
  void anOrganizationsLoginChecksTheIssuerAgainstTidToo() {
    start(Microsoft.ORGANIZATIONS);
    assertThat(login().query()).containsKey("auth_entity");
    microsoft.forgeIssuerTenantNext(FABRIKAM);
    assertThat(login().status()).isEqualTo(502);
  }

  @Test
  void aNamedTenantAcceptsOnlyItsOwnIssuer() {
    start(FakeMicrosoft.CONTOSO);
    assertThat(Key.fromUrlsafe(login().query().get("auth_entity"))).isEqualTo(KATHERINE);

    // Another tenant's token, its issuer and tid in agreement, is still not this tenant's.
    userOf(FABRIKAM);
    Browser.Page other = login();
    assertThat(other.status()).isEqualTo(502);
    assertThat(other.body()).contains("ID token comes from another issuer");

    // This tenant's issuer on a token whose tid names another tenant.
    microsoft.oauth().user(FakeMicrosoft.worker(FABRIKAM));
    microsoft.forgeIssuerTenantNext(FakeMicrosoft.CONTOSO);
    assertThat(login().status()).isEqualTo(502);
  }

  @Test
  void consumersAcceptsOnlyPersonalAccounts() {
    start(Microsoft.CONSUMERS);
    userOf(Microsoft.CONSUMERS_TENANT);
    assertThat(login().query()).containsKey("auth_entity");
    userOf(FABRIKAM);
    assertThat(login().status()).isEqualTo(502);
  }

  @Test
  void aTokenWithoutAnObjectIdFailsTheLoginRatherThanFallingBackToThePairwiseSub() {
    start(Microsoft.COMMON);
    ObjectNode user = FakeMicrosoft.worker(FakeMicrosoft.CONTOSO);
    user.remove("oid");
    microsoft.oauth().user(user);
    assertThat(login().status()).isEqualTo(502);
    assertThat(app.store().get(KATHERINE)).isEmpty();
  }

  @Test
  void offlineAccessBringsARefreshToken() {
    start(Microsoft.COMMON);
    Browser.Page consent =
        browser.post(app.url("/microsoft/start"), Map.of("state", "s", "scope", "offline_access"));
    assertThat(consent.query().get("scope")).contains("offline_access");
    assertThat(browser.click(consent, "Approve").query().get("refresh_token")).isNotBlank();
  }

  @Test
  void aTenantGivenByDomainNameIsRefusedAtStartUp() {
    microsoft = new FakeMicrosoft();
    app = new TestApp(new MemoryStore());
    assertThatThrownBy(() -> Microsoft.create("contoso.onmicrosoft.com", microsoft.options()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("tenant id (GUID)");
  }
}
