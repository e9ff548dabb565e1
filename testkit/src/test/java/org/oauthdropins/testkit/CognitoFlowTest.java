package org.oauthdropins.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.oauthdropins.sites.cognito.Cognito;
import org.oauthdropins.sites.cognito.CognitoAuth;

/**
 * Cognito's quirks against the fake user pool: the issuer that names the pool while the browser
 * goes to the pool's domain (both from discovery), the {@code sub} qualified by the pool as key,
 * the groups from the ID token, and a refresh token with every login that a refresh does not
 * replace. What every tenant site does is {@link AbstractTenantFlowTest}'s, what every site does
 * {@link SiteContractTest}'s.
 */
class CognitoFlowTest extends AbstractTenantFlowTest<FakeCognito, CognitoAuth> {

  CognitoFlowTest() {
    super(FakeCognito::new, Cognito::create, "cognito", "issuer");
  }

  @Override
  String expectedKeyId(FakeCognito pool) {
    return FakeCognito.MARY_ID + "@" + pool.url().getRawAuthority() + "/" + FakeCognito.POOL;
  }

  @Override
  String kind() {
    return "CognitoAuth";
  }

  @Test
  void aLoginGoesToThePoolsDomainAndIsKeyedBySubAtThePool() {
    Browser.Page consent = start("cognito", null);
    assertThat(consent.url().getPath()).isEqualTo("/oauth2/authorize");
    assertThat(consent.query())
        .containsEntry("client_id", "1example23456789fakecognito")
        .containsEntry("response_type", "code")
        .containsEntry("scope", "openid profile email")
        .containsEntry("code_challenge_method", "S256")
        .containsKeys("code_challenge", "nonce");

    Browser.Page done = browser.click(consent, "Approve");

    assertThat(key(done)).isEqualTo(expectedKey(fake));
    CognitoAuth auth = loaded();
    assertThat(auth.userId()).isEqualTo(FakeCognito.MARY_ID);
    assertThat(auth.userName()).isEqualTo("mary");
    assertThat(auth.email()).isEqualTo("mary@example.org");
    assertThat(auth.groups()).containsExactly("editors");
    assertThat(auth.issuer()).isEqualTo(fake.issuer());
    assertThat(auth.refreshToken()).isNotBlank();
    assertThat(site.button().label()).isEqualTo("Sign in with Amazon Cognito");
  }

  @Test
  void aRefreshKeepsTheRefreshTokenTheLoginHas() {
    login("cognito");
    CognitoAuth auth = loaded();
    String refresh = auth.refreshToken();
    fake.oauth().expireAccessTokens();

    assertThat(auth.get(fake.domain() + "/oauth2/userInfo").status()).isEqualTo(200);

    assertThat(fake.oauth().refreshCount()).isEqualTo(1);
    assertThat(app.store().get(expectedKey(fake)).orElseThrow().refreshToken()).isEqualTo(refresh);
  }
}
