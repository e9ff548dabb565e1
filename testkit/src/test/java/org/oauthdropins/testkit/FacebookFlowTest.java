package org.oauthdropins.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.oauthdropins.Credentials;
import org.oauthdropins.http.HttpCall;
import org.oauthdropins.http.HttpResult;
import org.oauthdropins.http.HttpTransport;
import org.oauthdropins.http.JdkTransport;
import org.oauthdropins.internal.http.Form;
import org.oauthdropins.sites.facebook.Facebook;
import org.oauthdropins.sites.facebook.FacebookAuth;
import org.oauthdropins.store.AccessToken;
import org.oauthdropins.store.Key;
import org.oauthdropins.store.memory.MemoryStore;

/** The whole Facebook login over loopback HTTP, against the fake Facebook. */
class FacebookFlowTest {

  private final FakeFacebook facebook = new FakeFacebook();
  private final SiteFlow<FacebookAuth> flow = new SiteFlow<>(facebook, Facebook::create);

  @AfterEach
  void tearDown() {
    flow.close();
  }

  @Test
  void approveStoresTheUserWithTheirPages() {
    Browser.Page consent = flow.start("app-state");
    assertThat(consent.url().getPath()).isEqualTo("/" + Facebook.VERSION + "/dialog/oauth");
    Map<String, String> authorize = consent.query();
    assertThat(authorize)
        .containsEntry("client_id", "fake-facebook-app")
        .containsEntry("code_challenge_method", "S256");

    Browser.Page done = flow.browser.click(consent, "Approve");

    assertThat(done.query()).containsEntry("state", "app-state");
    assertThat(done.query().get("access_token")).startsWith("EAAB");
    FacebookAuth auth = flow.entity(done);
    assertThat(auth.key()).isEqualTo(new Key("FacebookAuth", "10160000000000001"));
    assertThat(auth.userDisplayName()).isEqualTo("Ada Lovelace");
    assertThat(auth.imageUrl()).startsWith("https://platform-lookaside.fbsbx.com/");
    assertThat(auth.userJson().path("email").asText()).isEqualTo("ada@example.com");
    assertThat(auth.type()).isEqualTo("user");
    assertThat(auth.accessToken())
        .isEqualTo(new AccessToken.Bearer(done.query().get("access_token")));

    assertThat(auth.pages()).hasSize(1);
    FacebookAuth.Page page = auth.pages().get(0);
    assertThat(page.id()).isEqualTo("104000000000002");
    assertThat(page.name()).isEqualTo("Analytical Engines");
    assertThat(page.toString()).doesNotContain(page.accessToken());
    assertThat(auth.isAuthorityFor(new Key("FacebookAuth", page.id()))).isTrue();
    assertThat(auth.isAuthorityFor(auth.key())).isTrue();
    assertThat(auth.isAuthorityFor(new Key("FacebookAuth", "999"))).isFalse();
    assertThat(auth.isAuthorityFor(new Key("GitHubAuth", page.id()))).isFalse();

    // The stored token signs Graph calls.
    HttpResult me = auth.get(facebook.url() + "/" + Facebook.VERSION + "/me?fields=name");
    assertThat(me.json().path("name").asText()).isEqualTo("Ada Lovelace");
  }

  @Test
  void tokenRequestIsAGetWithTheAppCredentialsInTheQuery() {
    List<HttpCall> calls = new CopyOnWriteArrayList<>();
    HttpTransport recording =
        call -> {
          calls.add(call);
          return JdkTransport.shared().send(call);
        };
    try (TestApp other =
        TestApp.withTokensInFinish(new MemoryStore())
            .mount(Facebook.create(facebook.options().withTransport(recording)), facebook)) {
      Browser.Page consent = flow.browser.post(other.url("/facebook/start"), Map.of());
      assertThat(flow.browser.click(consent, "Approve").query()).containsKey("auth_entity");
    }
    HttpCall token = calls.get(0);
    assertThat(token.method()).isEqualTo("GET");
    assertThat(token.uri().getPath()).isEqualTo("/" + Facebook.VERSION + "/oauth/access_token");
    assertThat(Form.decode(token.uri().getRawQuery()))
        .containsEntry("client_id", "fake-facebook-app")
        .containsEntry("client_secret", "fake-facebook-secret")
        .containsKeys("code", "redirect_uri", "code_verifier");
    assertThat(token.body()).isEmpty();
  }

  @Test
  void forPageActsWithThePageToken() {
    FacebookAuth auth = flow.entity(flow.approve("s"));
    FacebookAuth page = auth.forPage("104000000000002").orElseThrow();
    assertThat(page.type()).isEqualTo("page");
    assertThat(page.key()).isEqualTo(new Key("FacebookAuth", "104000000000002"));
    assertThat(page.userDisplayName()).isEqualTo("Analytical Engines");
    assertThat(page.accessToken())
        .isEqualTo(new AccessToken.Bearer(auth.pages().get(0).accessToken()));
    HttpResult me = page.get(facebook.url() + "/" + Facebook.VERSION + "/me?fields=id,name");
    assertThat(me.json().path("id").asText()).isEqualTo("104000000000002");
    assertThat(auth.forPage("999")).isEmpty();
  }

  @Test
  void denyWithErrorReasonUserDeniedRedirectsDeclined() {
    Browser.Page consent = flow.start("xyz");
    Browser.Page done = flow.browser.click(consent, "Deny");
    assertThat(done.redirects().get(done.redirects().size() - 1).getRawQuery())
        .contains("error_reason=user_denied")
        .contains("error=access_denied");
    SiteFlow.assertDeclined(done, "xyz");
  }

  @Test
  void wrongAppSecretIsRefusedAtTheGetTokenEndpoint() {
    try (TestApp other =
        TestApp.withTokensInFinish(new MemoryStore())
            .mount(
                Facebook.create(
                    facebook
                        .options()
                        .withCredentials(new Credentials("fake-facebook-app", "wrong"))),
                facebook)) {
      Browser.Page consent = flow.browser.post(other.url("/facebook/start"), Map.of());
      SiteFlow.assertProviderFailure(flow.browser.click(consent, "Approve"), "invalid_client");
    }
  }
}
