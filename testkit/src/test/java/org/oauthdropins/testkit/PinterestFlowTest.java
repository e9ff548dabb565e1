package org.oauthdropins.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.oauthdropins.AuthEntity;
import org.oauthdropins.http.HttpResult;
import org.oauthdropins.sites.pinterest.Pinterest;
import org.oauthdropins.sites.pinterest.PinterestAuth;

/**
 * Pinterest's own side of the login against the fake Pinterest: the {@code user_accounts:read}
 * scope, HTTP Basic, no PKCE, the key (the account id, not the username), and continuous refresh.
 * What every site does is {@link SiteContractTest}'s.
 */
class PinterestFlowTest extends AbstractRefreshingFlowTest<FakePinterest, PinterestAuth> {

  PinterestFlowTest() {
    super(FakePinterest::new, Pinterest::create, FakePinterest.ACCOUNT_ID);
  }

  @Override
  HttpResult callApi(AuthEntity auth) {
    return auth.get(auth.apiUrl("/user_account"));
  }

  @Test
  void approveAsksForTheAccountScopeAndKeysTheLoginByTheAccountId() {
    Map<String, String> authorize = authorizeParams(start("s", null));
    assertThat(authorize)
        .containsEntry("client_id", "fake-pinterest-client")
        .containsEntry("response_type", "code")
        .containsEntry("scope", "user_accounts:read")
        .containsKeys("state", "redirect_uri")
        .doesNotContainKey("code_challenge");

    PinterestAuth auth = approve("my-state");

    assertThat(auth.keyId()).isEqualTo(FakePinterest.ACCOUNT_ID);
    assertThat(auth.userDisplayName()).isEqualTo("pinpal");
    assertThat(auth.imageUrl()).isEqualTo("https://i.pinimg.com/280x280_RS/pin.jpg");
    assertThat(auth.accountType()).isEqualTo("PINNER");
    assertThat(auth.apiUrl("/user_account").toString()).isEqualTo(fake.url() + "/v5/user_account");
  }

  @Test
  void aRenamedAccountKeepsItsLogin() {
    approve("s");
    ObjectNode renamed = ((ObjectNode) oauth().user()).deepCopy();
    renamed.put("username", "pinpal2");
    oauth().user(renamed);

    PinterestAuth auth = approve("again");

    assertThat(auth.keyId()).isEqualTo(FakePinterest.ACCOUNT_ID);
    assertThat(auth.userDisplayName()).isEqualTo("pinpal2");
  }
}
