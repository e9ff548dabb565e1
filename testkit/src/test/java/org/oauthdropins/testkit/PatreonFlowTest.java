package org.oauthdropins.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.oauthdropins.AuthEntity;
import org.oauthdropins.http.HttpResult;
import org.oauthdropins.sites.patreon.Patreon;
import org.oauthdropins.sites.patreon.PatreonAuth;

/**
 * Patreon's own side of the login against the fake Patreon: the scope {@code identity}, the
 * identity call's sparse fieldset (API v2 sends no attribute unasked), the key ({@code data.id}),
 * the email only with its scope. What every site does is {@link SiteContractTest}'s.
 */
class PatreonFlowTest extends AbstractRefreshingFlowTest<FakePatreon, PatreonAuth> {

  PatreonFlowTest() {
    super(FakePatreon::new, Patreon::create, FakePatreon.CORALIE_ID);
  }

  @Override
  HttpResult callApi(AuthEntity auth) {
    return auth.get(auth.apiUrl("/identity"));
  }

  @Test
  void approveAsksForIdentityAndKeysTheLoginByTheUserId() {
    Map<String, String> authorize = authorizeParams(start("s", null));
    assertThat(authorize)
        .containsEntry("client_id", "fake-patreon-client")
        .containsEntry("response_type", "code")
        .containsEntry("scope", "identity")
        .containsKeys("state", "redirect_uri");

    PatreonAuth auth = approve("my-state");

    assertThat(auth.keyId()).isEqualTo(FakePatreon.CORALIE_ID);
    assertThat(auth.userId()).isEqualTo(FakePatreon.CORALIE_ID);
    assertThat(auth.userDisplayName()).isEqualTo("Coralie Mercer");
    assertThat(auth.imageUrl()).isEqualTo("https://c8.patreon.com/3/200/32187552");
    assertThat(auth.profileUrl()).isEqualTo("https://www.patreon.com/coralie");
    assertThat(auth.email()).isNull();
    assertThat(auth.userJson().path("data").path("attributes").has("created")).isFalse();
    assertThat(auth.apiUrl("/identity").toString())
        .isEqualTo(fake.url() + "/api/oauth2/v2/identity");
  }

  @Test
  void theEmailScopeAddsTheAddress() {
    String scopes = Patreon.IDENTITY + " " + Patreon.IDENTITY_EMAIL;
    browser.click(start("s", scopes), "Approve");

    assertThat(site.load(store, expectedKey()).orElseThrow().email())
        .isEqualTo("coralie@example.com");
  }
}
