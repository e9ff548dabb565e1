package org.oauthdropins.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.oauthdropins.engine.oidc.Oidc;
import org.oauthdropins.sites.okta.Okta;
import org.oauthdropins.sites.okta.OktaAuth;

/**
 * Okta's quirks against the fake org: the endpoints from the authorization server's discovery
 * document, the Okta id qualified by the org's host as key, and a refresh token only for {@code
 * offline_access}. What every tenant site does is {@link AbstractTenantFlowTest}'s, what every site
 * does {@link SiteContractTest}'s.
 */
class OktaFlowTest extends AbstractTenantFlowTest<FakeOkta, OktaAuth> {

  OktaFlowTest() {
    super(FakeOkta::new, Okta::create, "okta", "issuer");
  }

  @Override
  String expectedKeyId(FakeOkta org) {
    return FakeOkta.ALAN_ID + "@" + org.url().getRawAuthority();
  }

  @Override
  String kind() {
    return "OktaAuth";
  }

  @Test
  void aLoginGoesToTheDiscoveredEndpointWithPkceAndANonceAndIsKeyedByTheOktaIdAtTheOrg() {
    Browser.Page consent = start("okta", null);
    assertThat(consent.url().getPath()).isEqualTo("/oauth2/default/v1/authorize");
    assertThat(consent.query())
        .containsEntry("client_id", "0oafakeoktaclient")
        .containsEntry("response_type", "code")
        .containsEntry("scope", "openid profile email")
        .containsEntry("code_challenge_method", "S256")
        .containsKeys("code_challenge", "nonce", "state", "redirect_uri");

    Browser.Page done = browser.click(consent, "Approve");

    assertThat(key(done)).isEqualTo(expectedKey(fake));
    assertThat(done.query()).doesNotContainKey("refresh_token");
    OktaAuth auth = loaded();
    assertThat(auth.userId()).isEqualTo(FakeOkta.ALAN_ID);
    assertThat(auth.userName()).isEqualTo("alan@example.org");
    assertThat(auth.userDisplayName()).isEqualTo("Alan Turing");
    assertThat(auth.email()).isEqualTo("alan@example.org");
    assertThat(auth.emailVerified()).isTrue();
    assertThat(auth.issuer()).isEqualTo(fake.issuer());
    assertThat(auth.apiUrl("/v1/userinfo")).isEqualTo(fake.issuer() + "/v1/userinfo");
    assertThat(site.button().label()).isEqualTo("Sign in with Okta");
  }

  @Test
  void offlineAccessBringsARefreshTokenThatRenewsTheAccessToken() {
    Browser.Page consent = start("okta", Oidc.OFFLINE_ACCESS);
    assertThat(consent.query().get("scope")).contains("offline_access");

    Browser.Page done = browser.click(consent, "Approve");

    assertThat(done.query().get("refresh_token")).isNotBlank();
    OktaAuth auth = loaded();
    fake.oauth().expireAccessTokens();
    assertThat(auth.get(auth.apiUrl("/v1/userinfo")).status()).isEqualTo(200);
    assertThat(fake.oauth().refreshCount()).isEqualTo(1);
  }
}
