package org.oauthdropins.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.oauthdropins.engine.oidc.Oidc;
import org.oauthdropins.sites.auth0.Auth0;
import org.oauthdropins.sites.auth0.Auth0Auth;

/**
 * Auth0's quirks against the fake tenant: the issuer with its trailing slash, the endpoints from
 * discovery, Auth0's {@code CONNECTION|ID} user id qualified by the tenant as key, and a refresh
 * token only for {@code offline_access}. What every tenant site does is {@link
 * AbstractTenantFlowTest}'s, what every site does {@link SiteContractTest}'s.
 */
class Auth0FlowTest extends AbstractTenantFlowTest<FakeAuth0, Auth0Auth> {

  Auth0FlowTest() {
    super(FakeAuth0::new, Auth0::create, "auth0", "domain");
  }

  @Override
  String expectedKeyId(FakeAuth0 tenant) {
    return FakeAuth0.GRACE_ID + "@" + tenant.url().getRawAuthority();
  }

  @Override
  String kind() {
    return "Auth0Auth";
  }

  @Test
  void aLoginAtTheTenantIsCheckedAgainstTheIssuerWithItsSlashAndKeyedByTheAuth0Id() {
    Browser.Page consent = start("auth0", null);
    assertThat(consent.url().getPath()).isEqualTo("/authorize");
    assertThat(consent.query())
        .containsEntry("client_id", "fakeAuth0ClientId")
        .containsEntry("scope", "openid profile email")
        .containsEntry("code_challenge_method", "S256")
        .containsKeys("code_challenge", "nonce");

    Browser.Page done = browser.click(consent, "Approve");

    assertThat(key(done)).isEqualTo(expectedKey(fake));
    assertThat(done.query()).doesNotContainKey("refresh_token");
    Auth0Auth auth = loaded();
    assertThat(auth.idTokenClaims().path("iss").asText()).isEqualTo(fake.url() + "/").endsWith("/");
    assertThat(auth.userId()).isEqualTo(FakeAuth0.GRACE_ID);
    assertThat(auth.connection()).isEqualTo("auth0");
    assertThat(auth.userName()).isEqualTo("grace");
    assertThat(auth.userDisplayName()).isEqualTo("Grace Hopper");
    assertThat(auth.imageUrl()).startsWith("https://s.gravatar.com/avatar/");
    assertThat(auth.email()).isEqualTo("grace@example.org");
    assertThat(site.button().label()).isEqualTo("Sign in with Auth0");
  }

  @Test
  void aSocialConnectionsUserIsAnotherKeyAndOfflineAccessBringsARefreshToken() {
    var social = fake.oauth().user().deepCopy();
    ((com.fasterxml.jackson.databind.node.ObjectNode) social).put("sub", "google-oauth2|1092837");
    fake.oauth().user(social);

    Browser.Page done = browser.click(start("auth0", Oidc.OFFLINE_ACCESS), "Approve");

    assertThat(key(done).id()).isEqualTo("google-oauth2|1092837@" + fake.url().getRawAuthority());
    assertThat(done.query().get("refresh_token")).isNotBlank();
    Auth0Auth auth = site.load(app.store(), key(done)).orElseThrow();
    assertThat(auth.connection()).isEqualTo("google-oauth2");
    fake.oauth().expireAccessTokens();
    assertThat(auth.get(fake.url() + "/userinfo").status()).isEqualTo(200);
    assertThat(fake.oauth().refreshCount()).isEqualTo(1);
  }
}
