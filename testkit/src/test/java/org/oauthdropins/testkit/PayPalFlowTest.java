package org.oauthdropins.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.oauthdropins.AuthEntity;
import org.oauthdropins.http.HttpResult;
import org.oauthdropins.sites.paypal.PayPal;
import org.oauthdropins.sites.paypal.PayPalAuth;

/**
 * Log in with PayPal's own side of the login against the fake: {@code flowEntry=static} and the
 * OpenID scopes without PKCE, the userinfo of schema {@code paypalv1.1}, {@code user_id} as key,
 * the primary address, and {@code payer_id} only with its scope. What every site does is {@link
 * SiteContractTest}'s.
 */
class PayPalFlowTest extends AbstractRefreshingFlowTest<FakePayPal, PayPalAuth> {

  PayPalFlowTest() {
    super(FakePayPal::new, PayPal::create, FakePayPal.ANNIE_ID);
  }

  @Override
  HttpResult callApi(AuthEntity auth) {
    return auth.get(auth.apiUrl("/identity/oauth2/userinfo?schema=paypalv1.1"));
  }

  @Test
  void approveSendsTheDocumentedRequestAndKeysTheLoginByTheUserId() {
    Map<String, String> authorize = authorizeParams(start("s", null));
    assertThat(authorize)
        .containsEntry("client_id", "fake-paypal-client")
        .containsEntry("response_type", "code")
        .containsEntry("flowEntry", "static")
        .containsEntry("scope", "openid profile email")
        .doesNotContainKeys("code_challenge", "nonce");

    PayPalAuth auth = approve("my-state");

    assertThat(auth.keyId()).isEqualTo(FakePayPal.ANNIE_ID);
    assertThat(auth.userDisplayName()).isEqualTo("Annie Easley");
    assertThat(auth.email()).isEqualTo("annie@example.org");
    assertThat(auth.payerId()).isNull();
    assertThat(auth.refreshToken()).isNotBlank();
  }

  @Test
  void thePayPalAttributesScopeAddsThePayerId() {
    browser.click(start("s", PayPal.PAYPAL_ATTRIBUTES), "Approve");

    assertThat(site.load(store, expectedKey()).orElseThrow().payerId()).isEqualTo("FAKEPAYER7Q9LE");
  }
}
