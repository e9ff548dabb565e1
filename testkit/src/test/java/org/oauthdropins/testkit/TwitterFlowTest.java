package org.oauthdropins.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.oauthdropins.Credentials;
import org.oauthdropins.Site;
import org.oauthdropins.engine.oauth1.OAuth1Site;
import org.oauthdropins.http.HttpResult;
import org.oauthdropins.sites.twitter.Twitter;
import org.oauthdropins.sites.twitter.TwitterAuth;
import org.oauthdropins.store.AccessToken;
import org.oauthdropins.store.Key;
import org.oauthdropins.store.memory.MemoryStore;

/** The whole Twitter OAuth 1.0a login over loopback HTTP, against the fake Twitter. */
class TwitterFlowTest {

  /** Keyed by the user's id_str, never by the screen name, which its owner can give up. */
  private static final Key XAPI = new Key("TwitterAuth", "6253282");

  private FakeTwitter twitter;
  private TestApp app;
  private OAuth1Site<TwitterAuth> site;
  private final Browser browser = new Browser();

  @BeforeEach
  void setUp() {
    twitter = new FakeTwitter();
    site = Twitter.create(twitter.options());
    app = TestApp.withTokensInFinish(new MemoryStore()).mount(site, twitter);
  }

  @AfterEach
  void tearDown() {
    app.close();
    twitter.close();
  }

  private Browser.Page start(Map<String, String> form) {
    return browser.post(app.url("/twitter/start"), form);
  }

  @Test
  void approveStoresTheUserAndRedirectsWithTheTokenPair() {
    Browser.Page consent = start(Map.of("state", "my-app-state"));
    // No access type: "Log in with X", which does not prompt again.
    assertThat(consent.url().getPath()).isEqualTo("/oauth/authenticate");
    assertThat(consent.query()).containsOnlyKeys("oauth_token");

    Browser.Page done = browser.click(consent, "Approve");

    assertThat(done.url().getPath()).isEqualTo("/after");
    Map<String, String> q = done.query();
    assertThat(q).containsEntry("state", "my-app-state").doesNotContainKey("access_token");
    assertThat(q.get("access_token_key")).startsWith("6253282-");
    assertThat(q.get("access_token_secret")).isNotBlank();
    Key key = Key.fromUrlsafe(q.get("auth_entity"));
    assertThat(key).isEqualTo(XAPI);
    URI callback = done.redirects().get(done.redirects().size() - 1);
    assertThat(callback.getPath()).isEqualTo("/twitter/oauth_callback");
    assertThat(callback.getQuery()).contains("state=", "oauth_token=", "oauth_verifier=");

    TwitterAuth auth = site.load(app.store(), key).orElseThrow();
    assertThat(auth.accessToken())
        .isEqualTo(new AccessToken.OAuth1(q.get("access_token_key"), q.get("access_token_secret")));
    assertThat(auth.userId()).isEqualTo("6253282");
    assertThat(auth.userName()).isEqualTo("xapi");
    assertThat(auth.userDisplayName()).isEqualTo("xapi");
    assertThat(auth.imageUrl()).isEqualTo("https://pbs.twimg.com/profile_images/1/xapi_normal.jpg");
    assertThat(auth.extra().path("screen_name").asText()).isEqualTo("xapi");
    assertThat(auth.toString() + auth.record())
        .doesNotContain(q.get("access_token_secret"))
        .doesNotContain(q.get("access_token_key"));

    // The stored token signs API calls, form bodies included.
    HttpResult me = auth.get(twitter.url() + "/1.1/account/verify_credentials.json");
    assertThat(me.status()).isEqualTo(200);
    assertThat(me.json().path("screen_name").asText()).isEqualTo("xapi");
    HttpResult tweet =
        auth.postForm(
            twitter.url() + "/1.1/statuses/update.json?include_entities=true",
            Map.of("status", "Hello Ladies + Gentlemen, a signed OAuth request!"));
    assertThat(tweet.status()).isEqualTo(200);
    assertThat(tweet.json().path("text").asText())
        .isEqualTo("Hello Ladies + Gentlemen, a signed OAuth request!");
  }

  @Test
  void accessTypeGoesToAuthorizeAsXAuthAccessType() {
    Site<?> write = Twitter.create(twitter.options(), "write");
    try (TestApp other = TestApp.withTokensInFinish(new MemoryStore()).mount(write, twitter)) {
      Browser.Page consent = browser.post(other.url("/twitter/start"), Map.of());
      assertThat(consent.url().getPath()).isEqualTo("/oauth/authorize");
      Map<String, String> q = browser.click(consent, "Approve").query();
      assertThat(twitter.oauth().grant(q.get("access_token_key")).orElseThrow().requestParams())
          .containsEntry("x_auth_access_type", "write");
    }
  }

  @Test
  void readScopeGivesAReadOnlyToken() {
    Browser.Page consent = start(Map.of("scope", "read"));
    assertThat(consent.url().getPath()).isEqualTo("/oauth/authorize");
    Map<String, String> q = browser.click(consent, "Approve").query();
    TwitterAuth auth = site.load(app.store(), Key.fromUrlsafe(q.get("auth_entity"))).orElseThrow();
    HttpResult tweet =
        auth.postForm(twitter.url() + "/1.1/statuses/update.json", Map.of("status", "hi"));
    assertThat(tweet.status()).isEqualTo(401);
    assertThat(tweet.text()).contains("Read-only");
  }

  @Test
  void unknownScopeIs400() {
    Browser.Page done = start(Map.of("scope", "tweet.write"));
    assertThat(done.status()).isEqualTo(400);
    assertThat(done.body()).contains("read or write");
  }

  @Test
  void denyRedirectsWithDeclinedAndTheAppState() {
    Browser.Page done = browser.click(start(Map.of("state", "xyz")), "Deny");
    assertThat(done.redirects().get(done.redirects().size() - 1).getQuery()).contains("denied=");
    assertThat(done.url().getPath()).isEqualTo("/after");
    assertThat(done.query()).containsEntry("declined", "true").containsEntry("state", "xyz");
    assertThat(done.query()).doesNotContainKeys("auth_entity", "access_token_key");
    assertThat(app.store().get(XAPI)).isEmpty();
  }

  @Test
  void wrongConsumerSecretIsRefusedAtTheRequestToken() {
    Site<?> wrong =
        Twitter.create(
            twitter.options().withCredentials(new Credentials("fake-twitter-key", "nope")));
    try (TestApp other = TestApp.withTokensInFinish(new MemoryStore()).mount(wrong, twitter)) {
      Browser.Page done = browser.post(other.url("/twitter/start"), Map.of());
      assertThat(done.status()).isEqualTo(502);
      assertThat(done.body())
          .contains("twitter refused the request token request: HTTP 401 (signature_invalid)")
          .doesNotContain("nope");
    }
  }

  @Test
  void unconfirmedCallbackIsA502() {
    twitter.oauth().failNextToken(FakeResponse.form("oauth_token=t&oauth_token_secret=s"));
    Browser.Page done = start(Map.of());
    assertThat(done.status()).isEqualTo(502);
    assertThat(done.body()).contains("oauth_callback_confirmed");
  }

  @Test
  void refusedAccessTokenIsA502AndStoresNothing() {
    Browser.Page consent = start(Map.of());
    twitter.oauth().failNextToken(FakeOAuth1.problem(401, "token_rejected"));
    Browser.Page done = browser.click(consent, "Approve");
    assertThat(done.status()).isEqualTo(502);
    assertThat(done.body()).contains("access token request: HTTP 401 (token_rejected)");
    assertThat(app.store().get(XAPI)).isEmpty();
  }

  @Test
  void profileWithoutIdStrIsA502() {
    twitter
        .oauth()
        .user(org.oauthdropins.internal.http.Json.parse("{\"id\":1,\"screen_name\":\"xapi\"}"));
    Browser.Page done = browser.click(start(Map.of()), "Approve");
    assertThat(done.status()).isEqualTo(502);
    assertThat(done.body()).contains("profile has no user id");
  }

  @Test
  void forgedTokenMissingVerifierAndForeignDenialAre400() {
    for (String tail :
        new String[] {
          "&oauth_token=forged&oauth_verifier=v", "&oauth_token=%s", "&denied=someone-elses-token"
        }) {
      Browser.Page consent = start(Map.of());
      String token = consent.query().get("oauth_token");
      String state = stateOf(consent);
      Browser.Page done =
          browser.get(
              app.url("/twitter/oauth_callback?state=" + state + String.format(tail, token)));
      assertThat(done.status()).as(tail).isEqualTo(400);
      assertThat(done.body()).as(tail).containsAnyOf("does not match", "missing", "another");
    }
  }

  /** The state nonce in the callback that the library registered for this consent page. */
  private String stateOf(Browser.Page consent) {
    String callback = twitter.oauth().callback(consent.query().get("oauth_token")).orElseThrow();
    return org.oauthdropins.internal.http.Form.decode(URI.create(callback).getRawQuery())
        .get("state");
  }
}
