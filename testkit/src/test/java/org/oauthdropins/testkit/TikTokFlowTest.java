package org.oauthdropins.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.oauthdropins.AuthEntity;
import org.oauthdropins.http.HttpResult;
import org.oauthdropins.sites.tiktok.TikTok;
import org.oauthdropins.sites.tiktok.TikTokAuth;

/**
 * TikTok's own side of the login against the fake TikTok: the app named by {@code client_key} at
 * the authorization page, the token endpoint and the refresh, the {@code user.info.basic} scope,
 * the profile inside {@code data.user}, and the key (the open id). What every site does is {@link
 * SiteContractTest}'s.
 */
class TikTokFlowTest extends AbstractRefreshingFlowTest<FakeTikTok, TikTokAuth> {

  TikTokFlowTest() {
    super(FakeTikTok::new, TikTok::create, FakeTikTok.OPEN_ID);
  }

  @Override
  HttpResult callApi(AuthEntity auth) {
    return auth.get(auth.apiUrl("/user/info/?fields=open_id"));
  }

  @Test
  void approveNamesTheAppByClientKeyAndKeysTheLoginByTheOpenId() {
    Map<String, String> authorize = authorizeParams(start("s", null));
    assertThat(authorize)
        .containsEntry("client_key", "fake-tiktok-client")
        .containsEntry("response_type", "code")
        .containsEntry("scope", "user.info.basic")
        .containsKeys("state", "redirect_uri")
        .doesNotContainKey("code_challenge");

    TikTokAuth auth = approve("my-state");

    assertThat(auth.keyId()).isEqualTo(FakeTikTok.OPEN_ID);
    assertThat(auth.userDisplayName()).isEqualTo("Tik Toker");
    assertThat(auth.imageUrl()).endsWith("/tiktoker.jpeg");
    assertThat(auth.unionId()).isEqualTo("c9c60f44-a68e-4f5d-84dd-ce22faeb0ba1");
    assertThat(auth.userJson().has("bio_description")).isFalse();
  }

  @Test
  void aRefreshNamesTheAppByClientKeyToo() {
    TikTokAuth auth = approve("s");
    String spent = auth.refreshToken();
    oauth().expireAccessTokens();

    assertThat(callApi(auth).status()).isEqualTo(200);

    assertThat(oauth().refreshCount()).isEqualTo(1);
    assertThat(store.get(auth.key()).orElseThrow().refreshToken()).isNotEqualTo(spent);
  }
}
