package org.oauthdropins.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.oauthdropins.engine.oauth1.OAuth1Site;
import org.oauthdropins.http.HttpResult;
import org.oauthdropins.internal.http.Json;
import org.oauthdropins.sites.tumblr.Tumblr;
import org.oauthdropins.sites.tumblr.TumblrAuth;
import org.oauthdropins.store.AccessToken;
import org.oauthdropins.store.Key;
import org.oauthdropins.store.memory.MemoryStore;

/** The whole Tumblr OAuth 1.0a login over loopback HTTP, against the fake Tumblr. */
class TumblrFlowTest {

  /** Keyed by the primary blog's uuid, which survives renaming the blog (and so the user). */
  private static final Key DEREKG = new Key("TumblrAuth", FakeTumblr.PRIMARY_BLOG_UUID);

  private FakeTumblr tumblr;
  private TestApp app;
  private OAuth1Site<TumblrAuth> site;
  private final Browser browser = new Browser();

  @BeforeEach
  void setUp() {
    tumblr = new FakeTumblr();
    site = Tumblr.create(tumblr.options());
    app = TestApp.withTokensInFinish(new MemoryStore()).mount(site, tumblr);
  }

  @AfterEach
  void tearDown() {
    app.close();
    tumblr.close();
  }

  private Browser.Page start(String state) {
    return browser.post(app.url("/tumblr/start"), Map.of("state", state));
  }

  @Test
  void approveStoresTheUserAndRedirectsWithTheTokenPair() {
    Browser.Page consent = start("s1");
    assertThat(consent.url().getPath()).isEqualTo("/oauth/authorize");

    Map<String, String> q = browser.click(consent, "Approve").query();

    assertThat(q)
        .containsEntry("state", "s1")
        .containsKeys("access_token_key", "access_token_secret");
    Key key = Key.fromUrlsafe(q.get("auth_entity"));
    assertThat(key).isEqualTo(DEREKG);
    TumblrAuth auth = site.load(app.store(), key).orElseThrow();
    assertThat(auth.accessToken())
        .isEqualTo(new AccessToken.OAuth1(q.get("access_token_key"), q.get("access_token_secret")));
    assertThat(auth.userName()).isEqualTo("derekg");
    assertThat(auth.userDisplayName()).isEqualTo("derekg");
    assertThat(auth.imageUrl()).isEqualTo("https://64.media.tumblr.com/avatar_derekg_512.png");
    assertThat(auth.userJson().path("user").path("blogs").size()).isEqualTo(1);

    HttpResult info = auth.get(tumblr.url() + "/v2/user/info");
    assertThat(info.status()).isEqualTo(200);
    assertThat(info.json().path("response").path("user").path("name").asText()).isEqualTo("derekg");
  }

  @Test
  void denyCallsBackWithoutTokenAndEndsDeclined() {
    Browser.Page done = browser.click(start("xyz"), "Deny");
    assertThat(done.redirects().get(done.redirects().size() - 1).getQuery())
        .doesNotContain("oauth_token", "oauth_verifier");
    assertThat(done.url().getPath()).isEqualTo("/after");
    assertThat(done.query()).containsEntry("declined", "true").containsEntry("state", "xyz");
    assertThat(app.store().get(DEREKG)).isEmpty();
  }

  @Test
  void refusedRequestTokenIsA502() {
    tumblr.oauth().failNextToken(FakeOAuth1.problem(401, "consumer_key_unknown"));
    Browser.Page done = start("s");
    assertThat(done.status()).isEqualTo(502);
    assertThat(done.body()).contains("tumblr refused the request token request: HTTP 401");
  }

  @Test
  void theKeyIsTheBlogMarkedPrimaryNotTheFirstListed() {
    com.fasterxml.jackson.databind.node.ObjectNode user = tumblr.oauth().user().deepCopy();
    ((com.fasterxml.jackson.databind.node.ArrayNode) user.path("user").path("blogs"))
        .insert(
            0,
            Json.parse(
                "{\"name\":\"side-project\",\"uuid\":\"t:secondary00000\",\"primary\":false}"));
    tumblr.oauth().user(user);
    Map<String, String> q = browser.click(start("s"), "Approve").query();
    assertThat(Key.fromUrlsafe(q.get("auth_entity"))).isEqualTo(DEREKG);
  }

  @Test
  void profileWithoutAPrimaryBlogUuidIsA502() {
    tumblr
        .oauth()
        .user(Json.parse("{\"user\":{\"name\":\"derekg\",\"blogs\":[{\"name\":\"derekg\"}]}}"));
    Browser.Page done = browser.click(start("s"), "Approve");
    assertThat(done.status()).isEqualTo(502);
    assertThat(done.body()).contains("profile has no user id");
    assertThat(app.store().get(new Key("TumblrAuth", "derekg"))).isEmpty();
  }

  @Test
  void profileWithoutUserIsA502() {
    tumblr.oauth().user(Json.parse("{\"blogs\":[]}"));
    Browser.Page done = browser.click(start("s"), "Approve");
    assertThat(done.status()).isEqualTo(502);
    assertThat(done.body()).contains("user/info answer has no user");
  }

  @Test
  void forgedVerifierIsRefusedByTheFakeAndIsA502() {
    Browser.Page consent = start("s");
    String token = consent.query().get("oauth_token");
    String callback = tumblr.oauth().callback(token).orElseThrow();
    Browser.Page done =
        browser.get(
            java.net.URI.create(callback + "&oauth_token=" + token + "&oauth_verifier=forged"));
    assertThat(done.status()).isEqualTo(502);
    assertThat(done.body()).contains("permission_denied");
  }

  @Test
  void callbackForAnotherTokenIs400() {
    Browser.Page consent = start("s");
    String callback = tumblr.oauth().callback(consent.query().get("oauth_token")).orElseThrow();
    Browser.Page done = browser.get(java.net.URI.create(callback + "&oauth_token=other"));
    assertThat(done.status()).isEqualTo(400);
    assertThat(done.body()).contains("missing oauth_verifier");
  }
}
