package org.oauthdropins.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.oauthdropins.Site;
import org.oauthdropins.engine.oauth2.OAuth2Site;
import org.oauthdropins.http.HttpCall;
import org.oauthdropins.http.HttpResult;
import org.oauthdropins.http.JdkTransport;
import org.oauthdropins.sites.blogger.Blogger;
import org.oauthdropins.sites.blogger.BloggerV2Auth;
import org.oauthdropins.sites.google.Google;
import org.oauthdropins.store.Key;
import org.oauthdropins.store.memory.MemoryStore;

/** Blogger over loopback HTTP: Google sign-in plus the user's blogs, against the fake Blogger. */
class BloggerFlowTest {

  private static final Key ADA = new Key("BloggerV2Auth", "110169484474386276334");

  private FakeBlogger blogger;
  private TestApp app;
  private OAuth2Site<BloggerV2Auth> site;
  private final Browser browser = new Browser();

  @BeforeEach
  void setUp() {
    blogger = new FakeBlogger();
    site = Blogger.create(blogger.options());
    app = TestApp.withTokensInFinish(new MemoryStore()).mount(site, blogger);
  }

  @AfterEach
  void tearDown() {
    app.close();
    blogger.close();
  }

  private Browser.Page approve(String state) {
    Browser.Page consent = browser.post(app.url("/blogger/start"), Map.of("state", state));
    return browser.click(consent, "Approve");
  }

  private BloggerV2Auth stored() {
    return site.load(app.store(), ADA).orElseThrow();
  }

  @Test
  void approveStoresTheGoogleUserAndTheirBlogs() {
    Browser.Page consent = browser.post(app.url("/blogger/start"), Map.of("state", "s"));
    assertThat(consent.query())
        .containsEntry("scope", "openid profile https://www.googleapis.com/auth/blogger")
        .containsEntry("access_type", "offline")
        .containsKey("nonce");
    Browser.Page done = browser.click(consent, "Approve");

    assertThat(Key.fromUrlsafe(done.query().get("auth_entity"))).isEqualTo(ADA);
    assertThat(done.query()).containsKey("refresh_token");
    BloggerV2Auth auth = stored();
    assertThat(auth.userDisplayName()).isEqualTo("Ada Lovelace");
    assertThat(auth.blogs())
        .containsExactly(
            new BloggerV2Auth.Blog(
                "2399953", "Blogger Buzz", "buzz.blogger.com", "http://buzz.blogger.com/"),
            new BloggerV2Auth.Blog(
                "8070105920543249955",
                "Ada's notes",
                "ada-notes.blogspot.com",
                "https://ada-notes.blogspot.com/"));
    assertThat(auth.blogIds()).containsExactly("2399953", "8070105920543249955");
    assertThat(auth.blogTitles()).containsExactly("Blogger Buzz", "Ada's notes");
    assertThat(auth.blogHostnames()).containsExactly("buzz.blogger.com", "ada-notes.blogspot.com");
    // The stored token reaches the Blogger API.
    assertThat(auth.get(blogger.url() + "/blogger/v3/users/self/blogs").status()).isEqualTo(200);
  }

  @Test
  void noBlogsIsASuccessfulLoginWithAnEmptyBlogList() {
    blogger.blogs(List.of());
    Browser.Page done = approve("s");
    assertThat(done.query()).containsKey("auth_entity").doesNotContainKey("declined");
    assertThat(stored().blogs()).isEmpty();
  }

  @Test
  void accountThatNeverUsedBloggerIsASuccessfulLoginWithNoBlogs() {
    blogger.noBloggerProfile();
    Browser.Page done = approve("s");
    assertThat(done.query()).containsKey("auth_entity");
    assertThat(stored().blogs()).isEmpty();
  }

  @Test
  void fakeRefusesATokenWithoutTheBloggerScope() throws Exception {
    // Google sign-in alone asks for no Blogger scope; its token must not list blogs.
    Site<?> google = Google.create(blogger.options());
    try (TestApp other = TestApp.withTokensInFinish(new MemoryStore()).mount(google, blogger)) {
      Browser.Page consent = browser.post(other.url("/google_signin/start"), Map.of());
      String token = browser.click(consent, "Approve").query().get("access_token");
      HttpResult r =
          JdkTransport.shared()
              .send(
                  HttpCall.get(URI.create(blogger.url() + "/blogger/v3/users/self/blogs"))
                      .header("Authorization", "Bearer " + token));
      assertThat(r.status()).isEqualTo(403);
    }
  }

  @Test
  void bloggerRefusingToListBlogsIsA502AndStoresNothing() {
    blogger.failNextBlogs(
        FakeResponse.json(
            403,
            Map.of(
                "error",
                Map.of(
                    "code",
                    403,
                    "message",
                    "insufficient scopes",
                    "status",
                    "PERMISSION_DENIED"))));
    Browser.Page done = approve("s");
    assertThat(done.status()).isEqualTo(502);
    assertThat(done.body()).contains("blogger refused to list the user's blogs (HTTP 403)");
    assertThat(app.store().get(ADA)).isEmpty();
  }

  @Test
  void bloggerServerErrorIsA502() {
    blogger.failNextBlogs(FakeResponse.text(500, "backend error"));
    Browser.Page done = approve("s");
    assertThat(done.status()).isEqualTo(502);
    assertThat(done.body()).contains("HTTP 500");
    assertThat(app.store().get(ADA)).isEmpty();
  }

  @Test
  void badIdTokenIsA502AndStoresNothing() {
    blogger.attackNext(FakeOidc.Attack.WRONG_NONCE);
    Browser.Page done = approve("s");
    assertThat(done.status()).isEqualTo(502);
    assertThat(done.body()).contains("nonce");
    assertThat(app.store().get(ADA)).isEmpty();
  }
}
