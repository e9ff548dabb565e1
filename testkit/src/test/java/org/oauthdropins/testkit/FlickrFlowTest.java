package org.oauthdropins.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.oauthdropins.engine.oauth1.OAuth1Site;
import org.oauthdropins.errors.ProviderException;
import org.oauthdropins.sites.flickr.Flickr;
import org.oauthdropins.sites.flickr.FlickrAuth;
import org.oauthdropins.store.Key;
import org.oauthdropins.store.memory.MemoryStore;

/** The whole Flickr OAuth 1.0a login over loopback HTTP, against the fake Flickr. */
class FlickrFlowTest {

  private FakeFlickr flickr;
  private TestApp app;
  private OAuth1Site<FlickrAuth> site;
  private final Browser browser = new Browser();

  @BeforeEach
  void setUp() {
    flickr = new FakeFlickr();
    site = Flickr.create(flickr.options());
    app = TestApp.withTokensInFinish(new MemoryStore()).mount(site, flickr);
  }

  @AfterEach
  void tearDown() {
    app.close();
    flickr.close();
  }

  private Browser.Page start(Map<String, String> form) {
    return browser.post(app.url("/flickr/start"), form);
  }

  private FlickrAuth login(Map<String, String> form) {
    Map<String, String> q = browser.click(start(form), "Approve").query();
    assertThat(q).containsKeys("access_token_key", "access_token_secret");
    return site.load(app.store(), Key.fromUrlsafe(q.get("auth_entity"))).orElseThrow();
  }

  @Test
  void approveWithoutScopeAuthenticatesAndStoresTheUser() {
    Browser.Page consent = start(Map.of("state", "s1"));
    assertThat(consent.url().getPath()).isEqualTo("/services/oauth/authenticate");
    assertThat(consent.query()).doesNotContainKey("perms");

    Map<String, String> q = browser.click(consent, "Approve").query();

    assertThat(q).containsEntry("state", "s1");
    assertThat(q.get("access_token_key")).startsWith("72157626318069415-");
    Key key = Key.fromUrlsafe(q.get("auth_entity"));
    assertThat(key).isEqualTo(new Key("FlickrAuth", "21207597@N07"));
    FlickrAuth auth = site.load(app.store(), key).orElseThrow();
    assertThat(auth.userDisplayName()).isEqualTo("jamalfanaian");
    assertThat(auth.imageUrl())
        .isEqualTo("https://farm6.staticflickr.com/5604/buddyicons/21207597@N07.jpg");
    assertThat(auth.userJson().path("stat").asText()).isEqualTo("ok");
    assertThat(auth.extra().path("fullname").asText()).isEqualTo("Jamal Fanaian");
    assertThat(auth.callApiMethod("flickr.test.login", Map.of()).path("user").path("id").asText())
        .isEqualTo("21207597@N07");
    assertThatThrownBy(() -> auth.callApiMethod("flickr.nope", Map.of()))
        .isInstanceOf(ProviderException.class)
        .hasMessageContaining("flickr API error 112");
  }

  @Test
  void scopeIsPassedAsPermsAndTheStrongestWins() {
    Browser.Page consent = start(Map.of("scope", "read,delete,write"));
    assertThat(consent.url().getPath()).isEqualTo("/services/oauth/authorize");
    assertThat(consent.query()).containsEntry("perms", "delete");
  }

  @Test
  void unknownScopeIs400() {
    Browser.Page done = start(Map.of("scope", "admin"));
    assertThat(done.status()).isEqualTo(400);
    assertThat(done.body()).contains("read, write or delete");
  }

  @Test
  void uploadWithWritePermsSignsTheArgumentsButNotThePhoto() {
    FlickrAuth auth = login(Map.of("scope", "write"));
    String id =
        auth.upload(
            "not really a jpeg".getBytes(StandardCharsets.UTF_8),
            "cat.jpg",
            Map.of("title", "My cat & me", "tags", "cat kitten"));
    assertThat(id).isEqualTo("52345678901");
    assertThat(flickr.lastUpload().args())
        .containsEntry("title", "My cat & me")
        .containsEntry("tags", "cat kitten");
  }

  @Test
  void uploadWithReadPermsIsRefused() {
    FlickrAuth auth = login(Map.of("scope", "read"));
    assertThatThrownBy(() -> auth.upload(new byte[] {1, 2, 3}, "x.jpg", Map.of()))
        .isInstanceOf(ProviderException.class)
        .hasMessageContaining("99 Insufficient permissions");
  }

  /**
   * Flickr's "No thanks" goes to Flickr's home page, never to the callback. A user who then comes
   * back to the app (the fake's home page has the link) ends as declined, with the app's state.
   */
  @Test
  void denyGoesToFlickrsHomePageAndTheReturnIsDeclined() {
    Browser.Page home = browser.click(start(Map.of("state", "xyz")), "Deny");
    assertThat(home.url().getPath()).isEqualTo("/");
    assertThat(home.url().getPort()).isEqualTo(flickr.url().getPort());
    assertThat(home.redirects()).noneMatch(u -> u.getPath().startsWith("/flickr/"));
    assertThat(home.body()).contains("Flickr sandbox home");

    String back = home.html().getElementById("back").absUrl("href");
    Browser.Page done = browser.get(URI.create(back));

    assertThat(done.url().getPath()).isEqualTo("/after");
    assertThat(done.query()).containsEntry("declined", "true").containsEntry("state", "xyz");
    assertThat(app.store().get(new Key("FlickrAuth", "21207597@N07"))).isEmpty();
  }

  @Test
  void accessTokenProblemIsA502() {
    Browser.Page consent = start(Map.of());
    flickr
        .oauth()
        .failNextToken(FakeOAuth1.problem(401, "signature_invalid&debug_sbs=GET&https..."));
    Browser.Page done = browser.click(consent, "Approve");
    assertThat(done.status()).isEqualTo(502);
    assertThat(done.body()).contains("flickr refused the access token request: HTTP 401");
  }

  @Test
  void accessTokenWithoutNsidIsA502() {
    Browser.Page consent = start(Map.of());
    flickr.oauth().failNextToken(FakeResponse.form("oauth_token=t&oauth_token_secret=s"));
    Browser.Page done = browser.click(consent, "Approve");
    assertThat(done.status()).isEqualTo(502);
    assertThat(done.body()).contains("has no user_nsid");
  }

  @Test
  void getInfoFailureInsideA200IsA502() {
    Browser.Page consent = start(Map.of());
    // The access-token response names a user the API does not know.
    flickr
        .oauth()
        .failNextToken(FakeResponse.form("oauth_token=t&oauth_token_secret=s&user_nsid=1%40N00"));
    Browser.Page done = browser.click(consent, "Approve");
    assertThat(done.status()).isEqualTo(502);
    assertThat(done.body()).contains("flickr API error 98");
  }
}
