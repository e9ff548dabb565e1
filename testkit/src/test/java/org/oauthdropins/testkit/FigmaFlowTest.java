package org.oauthdropins.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.oauthdropins.AuthEntity;
import org.oauthdropins.http.HttpResult;
import org.oauthdropins.sites.figma.Figma;
import org.oauthdropins.sites.figma.FigmaAuth;
import org.oauthdropins.store.AuthRecord;

/**
 * Figma's own side of the login against the fake Figma: the one {@code current_user:read} scope,
 * the key (the Figma id, not the handle), and the refresh at Figma's separate refresh endpoint,
 * which keeps the refresh token. What every site does is {@link SiteContractTest}'s.
 */
class FigmaFlowTest extends AbstractOAuth2FlowTest<FakeFigma, FigmaAuth> {

  FigmaFlowTest() {
    super(FakeFigma::new, Figma::create, FakeFigma.USER_ID);
  }

  @Override
  HttpResult callApi(AuthEntity auth) {
    return auth.get(auth.apiUrl("/me"));
  }

  @Test
  void approveAsksForTheCurrentUserScopeAndKeysTheLoginByTheFigmaId() {
    Map<String, String> authorize = authorizeParams(start("s", null));
    assertThat(authorize)
        .containsEntry("client_id", "fake-figma-client")
        .containsEntry("response_type", "code")
        .containsEntry("scope", "current_user:read")
        .containsKeys("state", "redirect_uri");

    FigmaAuth auth = approve("my-state");

    assertThat(auth.keyId()).isEqualTo(FakeFigma.USER_ID);
    assertThat(auth.userDisplayName()).isEqualTo("Ada Frame");
    assertThat(auth.imageUrl()).isEqualTo("https://s3-alpha.figma.com/profile/ada.png");
    assertThat(auth.email()).isEqualTo("ada@example.com");
    assertThat(auth.apiUrl("/me").toString()).isEqualTo(fake.url() + "/v1/me");
  }

  @Test
  void aDueTokenIsRenewedAtTheRefreshEndpointAndKeepsItsRefreshToken() {
    FigmaAuth auth = approve("s");
    AuthRecord before = store.get(auth.key()).orElseThrow();
    store.put(
        before.withTokens(before.token(), before.refreshToken(), Instant.now().minusSeconds(1)));
    FigmaAuth due = site.load(store, auth.key()).orElseThrow();

    assertThat(callApi(due).status()).isEqualTo(200);

    AuthRecord after = store.get(auth.key()).orElseThrow();
    assertThat(after.token()).isNotEqualTo(before.token());
    assertThat(after.refreshToken()).isEqualTo(before.refreshToken());
    assertThat(oauth().refreshCount()).isEqualTo(1);
  }
}
