package org.oauthdropins.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.oauthdropins.AuthEntity;
import org.oauthdropins.http.HttpResult;
import org.oauthdropins.sites.amazon.Amazon;
import org.oauthdropins.sites.amazon.AmazonAuth;

/**
 * Login with Amazon's own side of the login against the fake: the {@code profile} scope with PKCE,
 * the client in the form, the customer's {@code user_id} as key, and the refresh. What every site
 * does is {@link SiteContractTest}'s.
 */
class AmazonFlowTest extends AbstractRefreshingFlowTest<FakeAmazon, AmazonAuth> {

  AmazonFlowTest() {
    super(FakeAmazon::new, Amazon::create, FakeAmazon.KAY_ID);
  }

  @Override
  HttpResult callApi(AuthEntity auth) {
    return auth.get(auth.apiUrl("/user/profile"));
  }

  @Test
  void approveAsksForTheProfileWithPkceAndKeysTheLoginByTheUserId() {
    Map<String, String> authorize = authorizeParams(start("s", null));
    assertThat(authorize)
        .containsEntry("client_id", "fake-amazon-client")
        .containsEntry("response_type", "code")
        .containsEntry("scope", "profile")
        .containsEntry("code_challenge_method", "S256")
        .containsKeys("code_challenge", "state", "redirect_uri");

    AmazonAuth auth = approve("my-state");

    assertThat(auth.keyId()).isEqualTo(FakeAmazon.KAY_ID);
    assertThat(auth.userDisplayName()).isEqualTo("Kay McNulty");
    assertThat(auth.email()).isEqualTo("kay@example.org");
    assertThat(auth.postalCode()).isNull();
    assertThat(auth.imageUrl()).isNull();
    assertThat(auth.refreshToken()).isNotBlank();
  }

  @Test
  void thePostalCodeScopeAddsThePostalCode() {
    browser.click(start("s", "postal_code"), "Approve");

    assertThat(site.load(store, expectedKey()).orElseThrow().postalCode()).isEqualTo("98101");
  }
}
