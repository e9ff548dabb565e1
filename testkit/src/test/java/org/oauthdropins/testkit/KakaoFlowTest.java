package org.oauthdropins.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.oauthdropins.AuthEntity;
import org.oauthdropins.http.HttpResult;
import org.oauthdropins.sites.kakao.Kakao;
import org.oauthdropins.sites.kakao.KakaoAuth;

/**
 * Kakao's own side of the login against the fake Kakao: no scope for sign-in, PKCE beside the
 * secret in the body, the key (the member number, not the nickname), the email only with its scope
 * and only when verified, and a refresh that brings no new refresh token. What every site does is
 * {@link SiteContractTest}'s.
 */
class KakaoFlowTest extends AbstractRefreshingFlowTest<FakeKakao, KakaoAuth> {

  KakaoFlowTest() {
    super(FakeKakao::new, Kakao::create, FakeKakao.RYAN_ID);
  }

  @Override
  HttpResult callApi(AuthEntity auth) {
    return auth.get(auth.apiUrl("/v2/user/me"));
  }

  @Test
  void approveAsksForNoScopeWithPkceAndKeysTheLoginByTheMemberNumber() {
    Map<String, String> authorize = authorizeParams(start("s", null));
    assertThat(authorize)
        .containsEntry("client_id", "fake-kakao-client")
        .containsEntry("response_type", "code")
        .containsEntry("code_challenge_method", "S256")
        .containsKeys("code_challenge", "state", "redirect_uri")
        .doesNotContainKey("scope");

    KakaoAuth auth = approve("my-state");

    assertThat(auth.keyId()).isEqualTo(FakeKakao.RYAN_ID);
    assertThat(auth.userId()).isEqualTo(FakeKakao.RYAN_ID);
    assertThat(auth.userDisplayName()).isEqualTo("Ryan");
    assertThat(auth.imageUrl()).isEqualTo("https://k.kakaocdn.net/dn/ryan/img_640x640.jpg");
    assertThat(auth.apiUrl("/v2/user/me").toString()).isEqualTo(fake.url() + "/v2/user/me");
    assertThat(auth.refreshToken()).isNotNull();
    assertThat(auth.email()).isNull();
  }

  @Test
  void theEmailScopeAddsTheVerifiedAddressAndAnUnverifiedOneIsNotGiven() {
    assertThat(authorizeParams(start("s", Kakao.ACCOUNT_EMAIL)))
        .containsEntry("scope", "account_email");
    browser.click(start("s", Kakao.ACCOUNT_EMAIL), "Approve");
    assertThat(site.load(store, expectedKey()).orElseThrow().email()).isEqualTo("ryan@example.com");

    ObjectNode unverified = ((ObjectNode) oauth().user()).deepCopy();
    ((ObjectNode) unverified.path("kakao_account")).put("is_email_verified", false);
    oauth().user(unverified);
    browser.click(start("again", Kakao.ACCOUNT_EMAIL), "Approve");

    assertThat(site.load(store, expectedKey()).orElseThrow().email()).isNull();
  }

  @Test
  void aRenamedUserKeepsTheirLoginAndAUserWhoSharedNoProfileShowsTheNumber() {
    approve("s");
    ObjectNode renamed = ((ObjectNode) oauth().user()).deepCopy();
    ((ObjectNode) renamed.path("kakao_account")).remove("profile");
    oauth().user(renamed);

    KakaoAuth auth = approve("again");

    assertThat(auth.keyId()).isEqualTo(FakeKakao.RYAN_ID);
    assertThat(auth.userDisplayName()).isEqualTo(FakeKakao.RYAN_ID);
    assertThat(auth.imageUrl()).isNull();
  }

  @Test
  void aRefreshWithoutANewRefreshTokenKeepsTheOneTheLoginHas() {
    KakaoAuth auth = approve("s");
    String refresh = auth.refreshToken();
    oauth().expireAccessTokens();

    assertThat(callApi(auth).status()).isEqualTo(200);

    assertThat(oauth().refreshCount()).isEqualTo(1);
    assertThat(store.get(auth.key()).orElseThrow().refreshToken()).isEqualTo(refresh);
  }
}
