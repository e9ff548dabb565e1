package org.oauthdropins.testkit.attacks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.oauthdropins.BaseUrl;
import org.oauthdropins.Callback;
import org.oauthdropins.Finish;
import org.oauthdropins.Site;
import org.oauthdropins.Start;
import org.oauthdropins.sites.indieauth.IndieAuthSite;
import org.oauthdropins.store.memory.MemoryStore;
import org.oauthdropins.testkit.Browser;
import org.oauthdropins.testkit.FakeIndieAuth;
import org.oauthdropins.testkit.TestApp;

/**
 * The library is never an open redirector: finish and callback paths are root-relative paths of the
 * app, and a start that names a user's server (IndieAuth {@code me}, a Mastodon instance) redirects
 * there only for a POST from the app's own page, never for a link.
 */
class OpenRedirectAttackTest {

  @ParameterizedTest
  @ValueSource(
      strings = {
        "https://evil.example/after",
        "//evil.example/after",
        "/\\evil.example/after",
        "after",
        "/after\r\nLocation: https://evil.example",
        ""
      })
  void aFinishOrCallbackPathMustBeALocalPath(String path) {
    assertThatThrownBy(() -> Finish.redirectTo(path)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> Finish.redirectWithTokens(path, false))
        .isInstanceOf(IllegalArgumentException.class);
    try (FakeIndieAuth indie = new FakeIndieAuth()) {
      Site<?> site = IndieAuthSite.create(indie.options());
      assertThatThrownBy(
              () ->
                  Start.builder(site, new MemoryStore())
                      .baseUrl(BaseUrl.loopback())
                      .callbackPath(path)
                      .build())
          .isInstanceOf(IllegalArgumentException.class);
      assertThatThrownBy(
              () ->
                  Callback.builder(site, new MemoryStore())
                      .baseUrl(BaseUrl.loopback())
                      .finishPath(path)
                      .build())
          .isInstanceOf(IllegalArgumentException.class);
    }
  }

  @Test
  void aLinkToAStartWithAUserUrlIsRefusedWithoutRedirecting() {
    try (FakeIndieAuth indie = new FakeIndieAuth();
        TestApp app = new TestApp(new MemoryStore())) {
      app.mount(IndieAuthSite.create(indie.options()), indie);
      Browser browser = new Browser();

      Browser.Page page = browser.get(app.url("/indieauth/start?me=https%3A%2F%2Fevil.example%2F"));

      assertThat(page.status()).isEqualTo(400);
      assertThat(page.redirects()).isEmpty();
      assertThat(page.url().getPath()).isEqualTo("/indieauth/start");
    }
  }

  @Test
  void aPostFromAnotherSiteWithAUserUrlIsRefusedWithoutRedirecting() {
    try (FakeIndieAuth indie = new FakeIndieAuth();
        TestApp app = new TestApp(new MemoryStore())) {
      app.mount(IndieAuthSite.create(indie.options()), indie);
      Browser browser = new Browser();

      Browser.Page page =
          browser.postFrom(
              java.net.URI.create("https://evil.example/"),
              app.url("/indieauth/start"),
              Map.of("me", "https://evil.example/"));

      assertThat(page.status()).isEqualTo(400);
      assertThat(page.redirects()).isEmpty();
    }
  }
}
