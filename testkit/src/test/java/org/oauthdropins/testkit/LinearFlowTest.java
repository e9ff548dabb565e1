package org.oauthdropins.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.oauthdropins.AuthEntity;
import org.oauthdropins.http.HttpCall;
import org.oauthdropins.http.HttpResult;
import org.oauthdropins.sites.linear.Linear;
import org.oauthdropins.sites.linear.LinearAuth;

/**
 * Linear's own side of the login against the fake Linear: the comma-separated {@code read} scope
 * with PKCE, the client in the form body, the GraphQL viewer as profile and its id as key, and a
 * refresh that replaces the refresh token. What every site does is {@link SiteContractTest}'s.
 */
class LinearFlowTest extends AbstractRefreshingFlowTest<FakeLinear, LinearAuth> {

  LinearFlowTest() {
    super(FakeLinear::new, Linear::create, FakeLinear.USER_ID);
  }

  @Override
  HttpResult callApi(AuthEntity auth) {
    return auth.send(
        HttpCall.postJson(
            java.net.URI.create(auth.apiUrl("/graphql")),
            Map.of("query", "query { viewer { id } }")));
  }

  @Test
  void approveAsksForReadWithPkceAndKeysTheLoginByTheViewerId() {
    Map<String, String> authorize = authorizeParams(start("s", null));
    assertThat(authorize)
        .containsEntry("client_id", "fake-linear-client")
        .containsEntry("response_type", "code")
        .containsEntry("scope", "read")
        .containsEntry("code_challenge_method", "S256")
        .containsKeys("code_challenge", "state", "redirect_uri");

    LinearAuth auth = approve("my-state");

    assertThat(auth.keyId()).isEqualTo(FakeLinear.USER_ID);
    assertThat(auth.userDisplayName()).isEqualTo("Karri Example");
    assertThat(auth.imageUrl()).isEqualTo("https://public.linear.app/avatars/karri.png");
    assertThat(auth.email()).isEqualTo("karri@example.com");
    assertThat(auth.organizationUrlKey()).isEqualTo("acme");
    assertThat(auth.apiUrl("/graphql").toString()).isEqualTo(fake.url() + "/graphql");
  }

  @Test
  void moreScopesAreJoinedWithCommas() {
    assertThat(authorizeParams(start("s", "read,issues:create")))
        .containsEntry("scope", "read,issues:create");
  }

  @Test
  void aRefreshStoresTheNewRefreshToken() {
    LinearAuth auth = approve("s");
    String spent = auth.refreshToken();
    oauth().expireAccessTokens();

    assertThat(callApi(auth).status()).isEqualTo(200);

    assertThat(store.get(auth.key()).orElseThrow().refreshToken()).isNotEqualTo(spent);
  }
}
