package org.oauthdropins.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.oauthdropins.AuthEntity;
import org.oauthdropins.http.HttpResult;
import org.oauthdropins.sites.yandex.Yandex;
import org.oauthdropins.sites.yandex.YandexAuth;

/**
 * Yandex's own side of the login against the fake Yandex ID: no scope (the app's registered
 * accesses), PKCE, Yandex's {@code OAuth} authorization scheme on the profile and on API calls, the
 * key (the Yandex id, not the display name or login), the picture built from its id, and a refresh
 * that replaces the refresh token. What every site does is {@link SiteContractTest}'s.
 */
class YandexFlowTest extends AbstractRefreshingFlowTest<FakeYandex, YandexAuth> {

  YandexFlowTest() {
    super(FakeYandex::new, Yandex::create, FakeYandex.ALICE_ID);
  }

  @Override
  HttpResult callApi(AuthEntity auth) {
    return auth.get(auth.apiUrl("/info?format=json"));
  }

  @Test
  void approveAsksForNoScopeWithPkceAndKeysTheLoginByTheYandexId() {
    Map<String, String> authorize = authorizeParams(start("s", null));
    assertThat(authorize)
        .containsEntry("client_id", "fake-yandex-client")
        .containsEntry("response_type", "code")
        .containsEntry("code_challenge_method", "S256")
        .containsKeys("code_challenge", "state", "redirect_uri")
        .doesNotContainKey("scope");

    YandexAuth auth = approve("my-state");

    assertThat(auth.keyId()).isEqualTo(FakeYandex.ALICE_ID);
    assertThat(auth.userId()).isEqualTo(FakeYandex.ALICE_ID);
    assertThat(auth.userDisplayName()).isEqualTo("Alice");
    assertThat(auth.userName()).isEqualTo("alice.test");
    assertThat(auth.imageUrl())
        .isEqualTo("https://avatars.yandex.net/get-yapic/131652443/islands-200");
    assertThat(auth.email()).isNull();
    assertThat(auth.apiUrl("/info").toString()).isEqualTo(fake.url() + "/info");
  }

  @Test
  void apiCallsAreSignedWithYandexsOAuthScheme() {
    YandexAuth auth = approve("s");

    assertThat(callApi(auth).status()).isEqualTo(200);
    assertThat(callApi(auth).json().path("id").asText()).isEqualTo(FakeYandex.ALICE_ID);
  }

  @Test
  void theEmailScopeAddsTheAddress() {
    browser.click(start("s", Yandex.LOGIN_EMAIL), "Approve");

    assertThat(site.load(store, expectedKey()).orElseThrow().email())
        .isEqualTo("alice.test@yandex.ru");
  }

  @Test
  void aRenamedUserWithoutAPictureKeepsTheirLoginAndHasNoImage() {
    approve("s");
    ObjectNode renamed = ((ObjectNode) oauth().user()).deepCopy();
    renamed.put("display_name", "Alisa");
    renamed.put("is_avatar_empty", true);
    oauth().user(renamed);

    YandexAuth auth = approve("again");

    assertThat(auth.keyId()).isEqualTo(FakeYandex.ALICE_ID);
    assertThat(auth.userDisplayName()).isEqualTo("Alisa");
    assertThat(auth.imageUrl()).isNull();
  }

  @Test
  void aRefreshReplacesTheRefreshToken() {
    YandexAuth auth = approve("s");
    String refresh = auth.refreshToken();
    oauth().expireAccessTokens();

    assertThat(callApi(auth).status()).isEqualTo(200);

    assertThat(oauth().refreshCount()).isEqualTo(1);
    assertThat(store.get(auth.key()).orElseThrow().refreshToken()).isNotEqualTo(refresh);
  }
}
