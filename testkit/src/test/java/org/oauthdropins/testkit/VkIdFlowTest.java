package org.oauthdropins.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.oauthdropins.AuthEntity;
import org.oauthdropins.Credentials;
import org.oauthdropins.errors.ProviderException;
import org.oauthdropins.http.HttpResult;
import org.oauthdropins.internal.http.Json;
import org.oauthdropins.sites.vkid.VkId;
import org.oauthdropins.sites.vkid.VkIdAuth;
import org.oauthdropins.store.AuthRecord;
import org.oauthdropins.store.Key;

/**
 * VK ID's own side of the login against the fake VK ID: the scope {@code vkid.personal_info} with
 * PKCE and no client secret, the {@code device_id} of the callback sent back with the code exchange
 * and with every refresh, the key (the VK user id), the profile from {@code POST
 * /oauth2/user_info}. What every site does is {@link SiteContractTest}'s.
 */
class VkIdFlowTest extends AbstractOAuth2FlowTest<FakeVkId, VkIdAuth> {

  VkIdFlowTest() {
    super(FakeVkId::new, VkId::create, FakeVkId.DUROV_ID);
  }

  @Override
  HttpResult callApi(AuthEntity auth) {
    return auth.get(auth.apiUrl("/users.get?v=5.199"));
  }

  @Test
  void approveAsksForPersonalInfoWithPkceAndKeysTheLoginByTheVkUserId() {
    Map<String, String> authorize = authorizeParams(start("s", null));
    assertThat(authorize)
        .containsEntry("client_id", "fake-vkid-client")
        .containsEntry("response_type", "code")
        .containsEntry("scope", "vkid.personal_info")
        .containsEntry("code_challenge_method", "S256")
        .containsKeys("code_challenge", "state", "redirect_uri");

    VkIdAuth auth = approve("my-state");

    assertThat(auth.keyId()).isEqualTo(FakeVkId.DUROV_ID);
    assertThat(auth.userId()).isEqualTo(FakeVkId.DUROV_ID);
    assertThat(auth.userDisplayName()).isEqualTo("Pavel");
    assertThat(auth.lastName()).isEqualTo("Durov");
    assertThat(auth.imageUrl()).isEqualTo("https://sun1-00.userapi.com/s/v1/ig2/avatar.jpg");
    assertThat(auth.email()).isNull();
    assertThat(auth.deviceId()).startsWith("dev-");
    assertThat(auth.apiUrl("/users.get").toString()).isEqualTo(fake.url() + "/method/users.get");
    assertThat(callApi(auth).json().path("response").path(0).path("id").asLong()).isEqualTo(1L);
  }

  @Test
  void theEmailComesOnlyWithTheEmailScope() {
    Browser.Page done = browser.click(start("s", "email"), "Approve");
    VkIdAuth auth =
        site.load(store, Key.fromUrlsafe(done.query().get("auth_entity"))).orElseThrow();
    assertThat(auth.email()).isEqualTo("durov@example.ru");
  }

  @Test
  void theCallbacksDeviceIdIsSentWithTheCodeExchangeAndEveryRefresh() {
    VkIdAuth auth = approve("s");
    String device = auth.deviceId();
    AuthRecord before = store.get(auth.key()).orElseThrow();
    store.put(
        before.withTokens(before.token(), before.refreshToken(), Instant.now().minusSeconds(1)));
    VkIdAuth due = site.load(store, auth.key()).orElseThrow();

    assertThat(callApi(due).status()).isEqualTo(200);

    assertThat(oauth().refreshCount()).isEqualTo(1);
    AuthRecord after = store.get(auth.key()).orElseThrow();
    assertThat(after.token()).isNotEqualTo(before.token());
    assertThat(site.load(store, auth.key()).orElseThrow().deviceId()).isEqualTo(device);
  }

  @Test
  void aRefreshWithAnotherDevicesIdIsRefusedByTheFake() {
    VkIdAuth auth = approve("s");
    AuthRecord stored = store.get(auth.key()).orElseThrow();
    ObjectNode extra = (ObjectNode) Json.parse(stored.extraJson());
    ((ObjectNode) extra.path("callback_params")).put("device_id", "dev-someone-else");
    AuthRecord forged =
        AuthRecord.of(
            stored.key(),
            stored.site(),
            stored.token(),
            stored.refreshToken(),
            stored.expiresAt(),
            stored.userJson(),
            extra.toString());

    assertThatThrownBy(() -> site.refresh(forged, store))
        .isInstanceOf(ProviderException.class)
        .hasMessageContaining("invalid_request");
  }

  @Test
  void aCallbackWithoutADeviceIdIsA400AndRedeemsNothing() {
    oauth().approvalFields((user, request) -> Map.of("type", "code_v2"));

    Browser.Page done = browser.click(start("s", null), "Approve");

    assertThat(done.status()).isEqualTo(400);
    assertThat(done.body()).contains("device_id");
    assertThat(store.get(expectedKey())).isEmpty();
  }

  /** VK ID's login is a public client held by PKCE: the secret is never sent, so none is wrong. */
  @Override
  @Test
  void wrongClientSecretIsRefusedByTheFake() {
    Credentials good = fake.credentials();
    Browser.Page done =
        loginWith(
            VkId.create(fake.options().withCredentials(new Credentials(good.clientId(), "nope"))));
    assertThat(done.status()).isEqualTo(200);
    assertThat(done.query()).containsKey("auth_entity");
  }
}
