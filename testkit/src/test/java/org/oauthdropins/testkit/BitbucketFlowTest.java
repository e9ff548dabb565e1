package org.oauthdropins.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.oauthdropins.AuthEntity;
import org.oauthdropins.http.HttpResult;
import org.oauthdropins.sites.bitbucket.Bitbucket;
import org.oauthdropins.sites.bitbucket.BitbucketAuth;

/**
 * Bitbucket Cloud's own side of the login against the fake: no scope (the consumer's permissions
 * decide), HTTP Basic, the uuid as key whatever the username, and a refresh that keeps the refresh
 * token. What every site does is {@link SiteContractTest}'s.
 */
class BitbucketFlowTest extends AbstractRefreshingFlowTest<FakeBitbucket, BitbucketAuth> {

  BitbucketFlowTest() {
    super(FakeBitbucket::new, Bitbucket::create, FakeBitbucket.EVELYN_ID);
  }

  @Override
  HttpResult callApi(AuthEntity auth) {
    return auth.get(auth.apiUrl("/user"));
  }

  @Test
  void approveSendsNoScopeAndKeysTheLoginByTheUuid() {
    Map<String, String> authorize = authorizeParams(start("s", null));
    assertThat(authorize)
        .containsEntry("client_id", "fake-bitbucket-client")
        .containsEntry("response_type", "code")
        .doesNotContainKeys("scope", "code_challenge");

    BitbucketAuth auth = approve("my-state");

    assertThat(auth.keyId()).isEqualTo(FakeBitbucket.EVELYN_ID);
    assertThat(auth.userName()).isEqualTo("evelyn");
    assertThat(auth.userDisplayName()).isEqualTo("Evelyn Boyd Granville");
    assertThat(auth.imageUrl()).startsWith("https://secure.gravatar.com/avatar/");
    assertThat(auth.accountId()).isEqualTo("557058:fake-4a1b-9c2d");
    assertThat(auth.apiUrl("/user").toString()).isEqualTo(fake.url() + "/2.0/user");
  }

  @Test
  void aRenamedUserKeepsTheirLogin() {
    approve("s");
    var renamed = oauth().user().deepCopy();
    ((com.fasterxml.jackson.databind.node.ObjectNode) renamed).put("username", "evelyn-g");
    oauth().user(renamed);

    BitbucketAuth auth = approve("again");

    assertThat(auth.keyId()).isEqualTo(FakeBitbucket.EVELYN_ID);
    assertThat(auth.userName()).isEqualTo("evelyn-g");
  }
}
