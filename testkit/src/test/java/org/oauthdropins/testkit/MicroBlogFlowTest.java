package org.oauthdropins.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.oauthdropins.engine.oauth2.OAuth2Site;
import org.oauthdropins.sites.indieauth.IndieAuth;
import org.oauthdropins.sites.microblog.MicroBlog;
import org.oauthdropins.store.Key;
import org.oauthdropins.store.memory.MemoryStore;

/**
 * micro.blog's button over IndieAuth, against the fake IndieAuth server: its own name, paths and
 * button, a bare username standing for the user's micro.blog site, and a login that is an IndieAuth
 * login (keyed by the verified site) of its own kind. IndieAuth itself is {@link
 * IndieAuthFlowTest}'s and the site contract's.
 */
class MicroBlogFlowTest {

  private FakeIndieAuth indie;
  private TestApp app;
  private OAuth2Site<IndieAuth> site;
  private final Browser browser = new Browser();

  @BeforeEach
  void setUp() {
    indie = FakeIndieAuth.microBlog();
    site = MicroBlog.create(indie.options());
    app = TestApp.withTokensInFinish(new MemoryStore()).mount(site);
  }

  @AfterEach
  void tearDown() {
    app.close();
    indie.close();
  }

  @Test
  void theButtonSignsInAMicroBlogSiteAsAnIndieAuthLogin() {
    assertThat(site.name()).isEqualTo("microblog");
    assertThat(site.button().label()).isEqualTo("Sign in with Micro.blog");
    assertThat(site.button().input()).isEqualTo("me");

    Browser.Page consent =
        browser.post(app.url("/microblog/start"), Map.of("me", indie.alice(), "state", "s"));
    assertThat(consent.query())
        .containsEntry("me", indie.alice())
        .containsEntry("code_challenge_method", "S256");
    Browser.Page done = browser.click(consent, "Approve");

    assertThat(done.url().getPath()).isEqualTo("/after");
    Key key = Key.fromUrlsafe(done.query().get("auth_entity"));
    assertThat(key).isEqualTo(new Key("MicroBlogAuth", indie.alice()));
    IndieAuth auth = site.load(app.store(), key).orElseThrow();
    assertThat(auth.me()).isEqualTo(indie.alice());
    assertThat(auth.userDisplayName()).isEqualTo("Alice Example");
  }

  @Test
  void aBareUsernameIsTheUsersMicroBlogSite() {
    assertThat(MicroBlog.siteOf("manton")).isEqualTo("https://manton.micro.blog/");
    assertThat(MicroBlog.siteOf(" @Manton ")).isEqualTo("https://manton.micro.blog/");
    assertThat(MicroBlog.siteOf("manton.micro.blog")).isEqualTo("manton.micro.blog");
    assertThat(MicroBlog.siteOf("https://www.manton.org/")).isEqualTo("https://www.manton.org/");
  }
}
