package org.oauthdropins.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.oauthdropins.AuthEntity;
import org.oauthdropins.http.HttpResult;
import org.oauthdropins.sites.box.Box;
import org.oauthdropins.sites.box.BoxAuth;

/**
 * Box's own side of the login against the fake Box: the client in the form body, no PKCE and no
 * scope, the key (the numeric Box id, not the login address), and a refresh that replaces the
 * single-use refresh token. What every site does is {@link SiteContractTest}'s.
 */
class BoxFlowTest extends AbstractRefreshingFlowTest<FakeBox, BoxAuth> {

  BoxFlowTest() {
    super(FakeBox::new, Box::create, FakeBox.USER_ID);
  }

  @Override
  HttpResult callApi(AuthEntity auth) {
    return auth.get(auth.apiUrl("/users/me"));
  }

  @Test
  void approveSendsBoxsDocumentedParametersAndKeysTheLoginByTheBoxId() {
    Map<String, String> authorize = authorizeParams(start("s", null));
    assertThat(authorize)
        .containsEntry("client_id", "fake-box-client")
        .containsEntry("response_type", "code")
        .containsKeys("state", "redirect_uri")
        .doesNotContainKeys("scope", "code_challenge");

    BoxAuth auth = approve("my-state");

    assertThat(auth.keyId()).isEqualTo(FakeBox.USER_ID);
    assertThat(auth.userDisplayName()).isEqualTo("Aaron Levie");
    assertThat(auth.imageUrl()).isEqualTo("https://www.box.com/api/avatar/large/181216415");
    assertThat(auth.login()).isEqualTo("ceo@example.com");
    assertThat(auth.apiUrl("/users/me").toString()).isEqualTo(fake.url() + "/2.0/users/me");
  }

  @Test
  void aUserWhoChangesTheirLoginAddressKeepsTheirLogin() {
    approve("s");
    ObjectNode moved = ((ObjectNode) oauth().user()).deepCopy();
    moved.put("login", "aaron@example.org");
    oauth().user(moved);

    BoxAuth auth = approve("again");

    assertThat(auth.keyId()).isEqualTo(FakeBox.USER_ID);
    assertThat(auth.login()).isEqualTo("aaron@example.org");
  }

  @Test
  void aRefreshStoresTheNewSingleUseRefreshToken() {
    BoxAuth auth = approve("s");
    String spent = auth.refreshToken();
    oauth().expireAccessTokens();

    assertThat(callApi(auth).status()).isEqualTo(200);

    String stored = store.get(auth.key()).orElseThrow().refreshToken();
    assertThat(stored).isNotNull().isNotEqualTo(spent);
    assertThat(oauth().refreshCount()).isEqualTo(1);
  }
}
