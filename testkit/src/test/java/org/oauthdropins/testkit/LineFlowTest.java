package org.oauthdropins.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.oauthdropins.AuthEntity;
import org.oauthdropins.http.HttpResult;
import org.oauthdropins.sites.line.Line;
import org.oauthdropins.sites.line.LineAuth;

/**
 * LINE's own side of the login against the fake LINE: the scope {@code profile} with PKCE, the
 * channel secret in the body, the key (the LINE user id, not the display name), and a refresh that
 * replaces the refresh token. What every site does is {@link SiteContractTest}'s.
 */
class LineFlowTest extends AbstractRefreshingFlowTest<FakeLine, LineAuth> {

  LineFlowTest() {
    super(FakeLine::new, Line::create, FakeLine.BROWN_ID);
  }

  @Override
  HttpResult callApi(AuthEntity auth) {
    return auth.get(auth.apiUrl("/profile"));
  }

  @Test
  void approveAsksForTheProfileScopeWithPkceAndKeysTheLoginByTheLineUserId() {
    Map<String, String> authorize = authorizeParams(start("s", null));
    assertThat(authorize)
        .containsEntry("client_id", "fake-line-client")
        .containsEntry("response_type", "code")
        .containsEntry("scope", "profile")
        .containsEntry("code_challenge_method", "S256")
        .containsKeys("code_challenge", "state", "redirect_uri");

    LineAuth auth = approve("my-state");

    assertThat(auth.keyId()).isEqualTo(FakeLine.BROWN_ID);
    assertThat(auth.userId()).isEqualTo(FakeLine.BROWN_ID);
    assertThat(auth.userDisplayName()).isEqualTo("Brown");
    assertThat(auth.imageUrl()).isEqualTo("https://profile.line-scdn.net/abcdefghijklmn");
    assertThat(auth.statusMessage()).isEqualTo("Hello, LINE!");
    assertThat(auth.apiUrl("/profile").toString()).isEqualTo(fake.url() + "/v2/profile");
    assertThat(auth.refreshToken()).isNotNull();
  }

  @Test
  void aRenamedUserKeepsTheirLoginAndAUserWithoutAPictureHasNone() {
    approve("s");
    ObjectNode renamed = ((ObjectNode) oauth().user()).deepCopy();
    renamed.put("displayName", "Cony");
    renamed.remove("pictureUrl");
    renamed.remove("statusMessage");
    oauth().user(renamed);

    LineAuth auth = approve("again");

    assertThat(auth.keyId()).isEqualTo(FakeLine.BROWN_ID);
    assertThat(auth.userDisplayName()).isEqualTo("Cony");
    assertThat(auth.imageUrl()).isNull();
    assertThat(auth.statusMessage()).isNull();
  }

  @Test
  void aRefreshReplacesTheRefreshToken() {
    LineAuth auth = approve("s");
    String refresh = auth.refreshToken();
    oauth().expireAccessTokens();

    assertThat(callApi(auth).status()).isEqualTo(200);

    assertThat(oauth().refreshCount()).isEqualTo(1);
    assertThat(store.get(auth.key()).orElseThrow().refreshToken())
        .isNotNull()
        .isNotEqualTo(refresh);
  }
}
