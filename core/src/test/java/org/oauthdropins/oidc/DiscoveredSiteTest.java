package org.oauthdropins.oidc;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.oauthdropins.Authorization;
import org.oauthdropins.http.Form;

/**
 * The generic site's authorization request asks for consent when it asks for {@code
 * offline_access}, as OpenID Connect Core 1.0 §11 requires; found against oidc-provider, which
 * otherwise drops the scope and gives no refresh token (interop's RealOidcTest).
 */
class DiscoveredSiteTest {

  private static final String CALLBACK = "http://127.0.0.1:8080/op/oauth_callback";

  private static Authorization request(String query) {
    return new Authorization(
        URI.create("https://op.example/auth?" + query), CALLBACK, Map.of("nonce", "n"));
  }

  @Test
  void aRequestForOfflineAccessAsksForConsent() {
    Authorization a =
        request("response_type=code&scope=openid+profile+offline_access&state=s&nonce=n");
    Authorization out = DiscoveredSite.consentForOfflineAccess(a);
    Map<String, String> q = Form.decode(out.location().getRawQuery());
    assertThat(q)
        .containsEntry("prompt", "consent")
        .containsEntry("scope", "openid profile offline_access")
        .containsEntry("state", "s")
        .containsEntry("nonce", "n");
    assertThat(out.redirectUri()).isEqualTo(CALLBACK);
    assertThat(out.data()).isEqualTo(a.data());
  }

  @Test
  void aRequestWithoutOfflineAccessIsLeftAsItIs() {
    Authorization a = request("response_type=code&scope=openid+profile+email&state=s");
    assertThat(DiscoveredSite.consentForOfflineAccess(a)).isSameAs(a);
  }

  @Test
  void aScopeThatOnlyContainsTheWordIsNotOfflineAccess() {
    Authorization a = request("scope=openid+offline_access_extra&state=s");
    assertThat(DiscoveredSite.consentForOfflineAccess(a)).isSameAs(a);
  }

  @Test
  void aPromptTheRequestAlreadyHasIsKept() {
    Authorization a = request("scope=openid+offline_access&prompt=login&state=s");
    assertThat(DiscoveredSite.consentForOfflineAccess(a)).isSameAs(a);
  }
}
