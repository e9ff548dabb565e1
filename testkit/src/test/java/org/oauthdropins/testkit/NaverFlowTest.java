package org.oauthdropins.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.oauthdropins.AuthEntity;
import org.oauthdropins.Disconnect;
import org.oauthdropins.errors.ProviderException;
import org.oauthdropins.http.HttpResult;
import org.oauthdropins.sites.naver.Naver;
import org.oauthdropins.sites.naver.NaverAuth;

/**
 * Naver's own side of the login against the fake Naver: no scope, the user inside {@code response},
 * the key (the app-scoped id, not the nickname), {@code expires_in} as a string, errors inside
 * 200s, and a refresh that brings no new refresh token. What every site does is {@link
 * SiteContractTest}'s.
 */
class NaverFlowTest extends AbstractRefreshingFlowTest<FakeNaver, NaverAuth> {

  NaverFlowTest() {
    super(FakeNaver::new, Naver::create, FakeNaver.NAVER_ID);
  }

  @Override
  HttpResult callApi(AuthEntity auth) {
    return auth.get(auth.apiUrl("/v1/nid/me"));
  }

  @Test
  void approveKeysTheLoginByTheNaverIdFromInsideTheResponse() {
    Map<String, String> authorize = authorizeParams(start("s", null));
    assertThat(authorize)
        .containsEntry("client_id", "fake-naver-client")
        .containsEntry("response_type", "code")
        .containsKeys("state", "redirect_uri")
        .doesNotContainKey("scope");

    NaverAuth auth = approve("my-state");

    assertThat(auth.keyId()).isEqualTo(FakeNaver.NAVER_ID);
    assertThat(auth.userId()).isEqualTo(FakeNaver.NAVER_ID);
    assertThat(auth.userDisplayName()).isEqualTo("Green");
    assertThat(auth.imageUrl())
        .isEqualTo("https://ssl.pstatic.net/static/pwe/address/img_profile.png");
    assertThat(auth.email()).isEqualTo("green@example.com");
    assertThat(auth.name()).isEqualTo("Kim Green");
    assertThat(auth.userJson().has("resultcode")).isFalse();
    assertThat(auth.apiUrl("/v1/nid/me").toString()).isEqualTo(fake.url() + "/v1/nid/me");
  }

  @Test
  void theStringExpiresInGivesTheTokenItsHour() {
    NaverAuth auth = approve("s");

    assertThat(store.get(auth.key()).orElseThrow().expiresAt())
        .isNotNull()
        .isBefore(Instant.now().plusSeconds(3601))
        .isAfter(Instant.now().plusSeconds(3500));
  }

  @Test
  void aTokenErrorInsideA200IsAProviderErrorAndStoresNothing() {
    oauth()
        .failNextToken(
            FakeResponse.json(
                200,
                Map.of(
                    "error", "invalid_request", "error_description", "no valid data in session")));

    Browser.Page page = browser.click(start("s", null), "Approve");

    assertThat(page.status()).isEqualTo(502);
    assertThat(page.body()).contains("invalid_request").doesNotContain("Exception");
    assertThat(store.get(expectedKey())).isEmpty();
  }

  @Test
  void aRenamedUserKeepsTheirLogin() {
    approve("s");
    ObjectNode renamed = ((ObjectNode) oauth().user()).deepCopy();
    renamed.put("nickname", "Blue");
    oauth().user(renamed);

    NaverAuth auth = approve("again");

    assertThat(auth.keyId()).isEqualTo(FakeNaver.NAVER_ID);
    assertThat(auth.userDisplayName()).isEqualTo("Blue");
  }

  @Test
  void aRefreshWithoutANewRefreshTokenKeepsTheOneTheLoginHas() {
    NaverAuth auth = approve("s");
    String refresh = auth.refreshToken();
    oauth().expireAccessTokens();

    assertThat(callApi(auth).status()).isEqualTo(200);

    assertThat(oauth().refreshCount()).isEqualTo(1);
    assertThat(store.get(auth.key()).orElseThrow().refreshToken()).isEqualTo(refresh);
  }

  @Test
  void aDeletionNaverRefusesWithA200AndAnErrorKeepsTheLogin() {
    NaverAuth auth = approve("s");
    // Naver answers a refused grant_type=delete (here: a token it no longer knows) with HTTP 200
    // and an error field, as it answers every token error.
    fake.oauth().expireAccessTokens();

    assertThatThrownBy(() -> Disconnect.of(site, store).signOutEverywhere(auth.key()))
        .isInstanceOf(ProviderException.class)
        .hasMessageContaining("naver did not revoke")
        .hasMessageContaining("invalid_request");
    assertThat(store.get(auth.key())).isPresent();
  }
}
