package org.oauthdropins.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.oauthdropins.AuthEntity;
import org.oauthdropins.http.HttpResult;
import org.oauthdropins.sites.zoom.Zoom;
import org.oauthdropins.sites.zoom.ZoomAuth;

/**
 * Zoom's own side of the login against the fake Zoom: no scope (the app's configured scopes), PKCE
 * beside HTTP Basic, the key (the Zoom user id), and refresh tokens replaced at each refresh. What
 * every site does is {@link SiteContractTest}'s.
 */
class ZoomFlowTest extends AbstractRefreshingFlowTest<FakeZoom, ZoomAuth> {

  ZoomFlowTest() {
    super(FakeZoom::new, Zoom::create, FakeZoom.JCHILL_ID);
  }

  @Override
  HttpResult callApi(AuthEntity auth) {
    return auth.get(auth.apiUrl("/users/me"));
  }

  @Test
  void approveAsksForNoScopeWithPkceAndKeysTheLoginByTheZoomUserId() {
    Map<String, String> authorize = authorizeParams(start("s", null));
    assertThat(authorize)
        .containsEntry("client_id", "fake-zoom-client")
        .containsEntry("response_type", "code")
        .containsEntry("code_challenge_method", "S256")
        .containsKeys("code_challenge", "state", "redirect_uri")
        .doesNotContainKey("scope");

    ZoomAuth auth = approve("my-state");

    assertThat(auth.keyId()).isEqualTo(FakeZoom.JCHILL_ID);
    assertThat(auth.userDisplayName()).isEqualTo("Jill Chill");
    assertThat(auth.imageUrl()).isEqualTo("https://example.com/photo.jpg");
    assertThat(auth.accountId()).isEqualTo("q6gBJVO5TzexKYTb_I2rpg");
    assertThat(auth.email()).isEqualTo("jchill@example.com");
    assertThat(auth.apiUrl("/users/me").toString()).isEqualTo(fake.url() + "/v2/users/me");
  }

  @Test
  void aRefreshReplacesTheRefreshToken() {
    ZoomAuth auth = approve("s");
    String refresh = auth.refreshToken();
    oauth().expireAccessTokens();

    assertThat(callApi(auth).status()).isEqualTo(200);

    assertThat(store.get(auth.key()).orElseThrow().refreshToken()).isNotEqualTo(refresh);
  }
}
