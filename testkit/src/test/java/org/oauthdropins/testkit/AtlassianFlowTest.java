package org.oauthdropins.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.oauthdropins.AuthEntity;
import org.oauthdropins.http.HttpResult;
import org.oauthdropins.sites.atlassian.Atlassian;
import org.oauthdropins.sites.atlassian.AtlassianAuth;

/**
 * Atlassian's own side of the login against the fake: the audience and consent prompt, {@code
 * read:me}, the account id as key, and rotating refresh tokens with {@code offline_access}. What
 * every site does is {@link SiteContractTest}'s.
 */
class AtlassianFlowTest extends AbstractOAuth2FlowTest<FakeAtlassian, AtlassianAuth> {

  AtlassianFlowTest() {
    super(FakeAtlassian::new, Atlassian::create, FakeAtlassian.RADIA_ID);
  }

  @Override
  HttpResult callApi(AuthEntity auth) {
    return auth.get(auth.apiUrl("/me"));
  }

  @Test
  void approveSendsTheAudienceAndConsentPromptAndKeysTheLoginByTheAccountId() {
    Map<String, String> authorize = authorizeParams(start("s", null));
    assertThat(authorize)
        .containsEntry("client_id", "fake-atlassian-client")
        .containsEntry("audience", "api.atlassian.com")
        .containsEntry("prompt", "consent")
        .containsEntry("scope", "read:me")
        .containsEntry("response_type", "code");

    AtlassianAuth auth = approve("my-state");

    assertThat(auth.keyId()).isEqualTo(FakeAtlassian.RADIA_ID);
    assertThat(auth.userName()).isEqualTo("radia");
    assertThat(auth.userDisplayName()).isEqualTo("Radia Perlman");
    assertThat(auth.email()).isEqualTo("radia@example.org");
    assertThat(auth.accountStatus()).isEqualTo("active");
    assertThat(auth.refreshToken()).isNull();
  }

  @Test
  void offlineAccessBringsARefreshTokenThatRotates() {
    browser.click(start("s", Atlassian.OFFLINE_ACCESS), "Approve");
    AtlassianAuth auth = site.load(store, expectedKey()).orElseThrow();
    String first = auth.refreshToken();
    assertThat(first).isNotBlank();
    oauth().expireAccessTokens();

    assertThat(callApi(auth).status()).isEqualTo(200);

    assertThat(oauth().refreshCount()).isEqualTo(1);
    assertThat(store.get(auth.key()).orElseThrow().refreshToken()).isNotBlank().isNotEqualTo(first);
  }
}
