package org.oauthdropins.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.oauthdropins.AuthEntity;
import org.oauthdropins.http.HttpResult;
import org.oauthdropins.sites.wordpress.WordPress;
import org.oauthdropins.sites.wordpress.WordPressAuth;
import org.oauthdropins.store.Key;

/** The whole WordPress.com login over loopback HTTP, against the fake WordPress.com. */
class WordPressFlowTest extends AbstractOAuth2FlowTest<FakeWordPress, WordPressAuth> {

  /** Keyed by the blog's id, which stays when the blog moves to another address. */
  private static final Key SNARFED = new Key("WordPressAuth", "12345678");

  WordPressFlowTest() {
    super(FakeWordPress::new, WordPress::create, "12345678");
  }

  @Override
  HttpResult callApi(AuthEntity auth) {
    return auth.get(fake.url() + "/rest/v1/me");
  }

  @Test
  void approveStoresTheChosenBlog() {
    Map<String, String> authorize = authorizeParams(start("s", null));
    assertThat(authorize)
        .containsEntry("client_id", "fake-wordpress_rest-client")
        .doesNotContainKeys("scope", "code_challenge");

    WordPressAuth wp = approve("my-state");

    assertThat(wp).isInstanceOf(WordPressAuth.class);
    assertThat(wp.blogId()).isEqualTo("12345678");
    assertThat(wp.blogUrl()).isEqualTo("https://www.snarfed.example/");
    assertThat(wp.key()).isEqualTo(SNARFED);
    assertThat(wp.userName()).isEqualTo("snarfed.example");
    assertThat(wp.userId()).isEqualTo("7654321");
    assertThat(wp.userDisplayName()).isEqualTo("Ryan Barrett");
    assertThat(wp.imageUrl()).startsWith("https://0.gravatar.com/avatar/");
    assertThat(wp.refreshToken()).isNull();
  }

  @Test
  void eachBlogIsItsOwnLogin() {
    approve("a");
    fake.chooseBlog("999", "https://m.other-blog.example");
    Browser.Page done = browser.click(start("b", null), "Approve");
    Key key = Key.fromUrlsafe(done.query().get("auth_entity"));
    assertThat(key).isEqualTo(new Key("WordPressAuth", "999"));
    assertThat(store.get(SNARFED)).isPresent();
  }

  @Test
  void noBlogIs502WithAClearMessageAndStoresNothing() {
    fake.chooseBlog("12345678", null);
    assertRefusedBlog();
  }

  @Test
  void blogWithoutAValidUrlIs502() {
    fake.chooseBlog("12345678", "not a url");
    assertRefusedBlog();
    fake.chooseBlog("12345678", "");
    assertRefusedBlog();
    fake.chooseBlog("12345678", "javascript:alert(1)");
    assertRefusedBlog();
  }

  private void assertRefusedBlog() {
    Browser.Page done = browser.click(start("s", null), "Approve");
    assertThat(done.status()).isEqualTo(502);
    assertThat(done.body()).contains("choose a blog with a valid URL");
    assertThat(store.get(SNARFED)).isEmpty();
  }
}
