package org.oauthdropins.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.oauthdropins.AuthEntity;
import org.oauthdropins.http.HttpResult;
import org.oauthdropins.sites.orcid.Orcid;
import org.oauthdropins.sites.orcid.OrcidAuth;

/**
 * ORCID's own side of the login against the fake ORCID: the scope {@code /authenticate}, the user
 * named by the token answer (no profile call, and no token in the stored profile), the key (the
 * ORCID iD). What every site does is {@link SiteContractTest}'s.
 */
class OrcidFlowTest extends AbstractRefreshingFlowTest<FakeOrcid, OrcidAuth> {

  OrcidFlowTest() {
    super(FakeOrcid::new, Orcid::create, FakeOrcid.CARBERRY_ID);
  }

  @Override
  HttpResult callApi(AuthEntity auth) {
    return auth.get(auth.apiUrl("/" + FakeOrcid.CARBERRY_ID + "/person"));
  }

  @Test
  void approveAsksForAuthenticateAndKeysTheLoginByTheOrcidIdFromTheTokenAnswer() {
    Map<String, String> authorize = authorizeParams(start("s", null));
    assertThat(authorize)
        .containsEntry("client_id", "fake-orcid-client")
        .containsEntry("response_type", "code")
        .containsEntry("scope", "/authenticate")
        .containsKeys("state", "redirect_uri");

    OrcidAuth auth = approve("my-state");

    assertThat(auth.keyId()).isEqualTo(FakeOrcid.CARBERRY_ID);
    assertThat(auth.userId()).isEqualTo(FakeOrcid.CARBERRY_ID);
    assertThat(auth.userDisplayName()).isEqualTo("Josiah Carberry");
    assertThat(auth.imageUrl()).isNull();
    assertThat(auth.orcidUrl()).isEqualTo("https://orcid.org/" + FakeOrcid.CARBERRY_ID);
    assertThat(auth.apiUrl("/x").toString()).isEqualTo(fake.url() + "/v3.0/x");
    assertThat(auth.userJson().toString())
        .doesNotContain(auth.refreshToken())
        .doesNotContain("access_token");
  }

  @Test
  void aTokenAnswerWithoutAnOrcidIdIsAProviderErrorAndStoresNothing() {
    oauth()
        .failNextToken(
            FakeResponse.json(
                200, Map.of("access_token", "x", "token_type", "bearer", "expires_in", 60)));

    Browser.Page page = browser.click(start("s", null), "Approve");

    assertThat(page.status()).isEqualTo(502);
    assertThat(page.body()).contains("no orcid").doesNotContain("Exception");
    assertThat(store.get(expectedKey())).isEmpty();
  }
}
