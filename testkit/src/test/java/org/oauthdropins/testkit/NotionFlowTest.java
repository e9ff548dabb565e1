package org.oauthdropins.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.oauthdropins.AuthEntity;
import org.oauthdropins.http.HttpResult;
import org.oauthdropins.sites.notion.Notion;
import org.oauthdropins.sites.notion.NotionAuth;
import org.oauthdropins.store.AccessToken;
import org.oauthdropins.store.Key;

/**
 * Notion's own side of the login against the fake Notion: {@code owner=user}, no scope or PKCE, the
 * person taken from the token answer (not the bot {@code /v1/users/me} names), the key holding the
 * workspace, the {@code Notion-Version} header on API calls, and a rotating refresh. What every
 * site does is {@link SiteContractTest}'s.
 */
class NotionFlowTest extends AbstractRefreshingFlowTest<FakeNotion, NotionAuth> {

  NotionFlowTest() {
    super(FakeNotion::new, Notion::create, FakeNotion.WORKSPACE_ID + ":" + FakeNotion.USER_ID);
  }

  @Override
  HttpResult callApi(AuthEntity auth) {
    return auth.get(auth.apiUrl("/users/me"));
  }

  @Test
  void approveAsksForTheUsersOwnConnectionAndKeysItByWorkspaceAndPerson() {
    Map<String, String> authorize = authorizeParams(start("s", null));
    assertThat(authorize)
        .containsEntry("client_id", "fake-notion-client")
        .containsEntry("response_type", "code")
        .containsEntry("owner", "user")
        .containsKeys("state", "redirect_uri")
        .doesNotContainKeys("scope", "code_challenge");

    NotionAuth auth = approve("my-state");

    assertThat(auth.keyId()).isEqualTo(FakeNotion.WORKSPACE_ID + ":" + FakeNotion.USER_ID);
    assertThat(auth.userId()).isEqualTo(FakeNotion.USER_ID);
    assertThat(auth.userDisplayName()).isEqualTo("Avery Quill");
    assertThat(auth.imageUrl()).endsWith("/avery.png");
    assertThat(auth.email()).isEqualTo("avery@example.com");
    assertThat(auth.workspaceId()).isEqualTo(FakeNotion.WORKSPACE_ID);
    assertThat(auth.workspaceName()).isEqualTo("Acme HQ");
    assertThat(auth.botId()).isEqualTo(FakeNotion.BOT_ID);
    assertThat(auth.userJson().has("access_token")).isFalse();
  }

  @Test
  void apiCallsNameTheNotionVersionWhichTheApiRequires() throws Exception {
    NotionAuth auth = approve("s");

    HttpResult me = callApi(auth);
    assertThat(me.status()).isEqualTo(200);
    assertThat(me.json().path("type").asText()).isEqualTo("bot");

    java.net.http.HttpResponse<String> bare =
        java.net.http.HttpClient.newHttpClient()
            .send(
                java.net.http.HttpRequest.newBuilder(java.net.URI.create(auth.apiUrl("/users/me")))
                    .header(
                        "Authorization",
                        "Bearer " + ((AccessToken.Bearer) auth.accessToken()).value())
                    .build(),
                java.net.http.HttpResponse.BodyHandlers.ofString());
    assertThat(bare.statusCode()).isEqualTo(400);
    assertThat(bare.body()).contains("missing_version");
  }

  @Test
  void theSamePersonInAnotherWorkspaceIsAnotherLogin() {
    NotionAuth first = approve("s");
    fake.oauth()
        .shapeTokens(
            (body, who, params) -> {
              body.put("workspace_id", "11111111-2222-3333-4444-555555555555");
              body.putObject("owner").put("type", "user").set("user", who.deepCopy());
              return body;
            });

    browser.click(start("s", null), "Approve");

    assertThat(store.get(first.key())).isPresent();
    assertThat(
            store.get(
                new Key(
                    "NotionAuth", "11111111-2222-3333-4444-555555555555:" + FakeNotion.USER_ID)))
        .isPresent();
  }
}
