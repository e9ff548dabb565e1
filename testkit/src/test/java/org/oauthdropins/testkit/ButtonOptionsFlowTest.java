package org.oauthdropins.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.oauthdropins.ButtonHtml;
import org.oauthdropins.Site;
import org.oauthdropins.sites.bluesky.Bluesky;
import org.oauthdropins.sites.bluesky.BlueskyAuth;
import org.oauthdropins.sites.github.GitHub;
import org.oauthdropins.store.Key;
import org.oauthdropins.store.memory.MemoryStore;
import org.oauthdropins.web.WebResponse;

/**
 * The button's options as a person uses them: the app's page renders a {@link ButtonHtml}, the
 * browser submits that form as it is, and what the options put in it reaches the fake provider over
 * loopback HTTP.
 */
class ButtonOptionsFlowTest {

  private static WebResponse page(String html) {
    return new WebResponse.Page(200, "text/html; charset=utf-8", html, java.util.List.of());
  }

  @Test
  void aScopeChosenOnTheButtonReachesTheProvidersAuthorizeRequestAndTheLoginCompletes() {
    try (FakeGitHub github = new FakeGitHub();
        TestApp app = new TestApp(new MemoryStore())) {
      Site<?> site = GitHub.create(github.options());
      app.mount(site, github)
          .page(
              "/",
              r ->
                  page(
                      ButtonHtml.of("/github/start", "/oauth_dropins/")
                          .scopes("repo,gist")
                          .formExtra("<input type=\"hidden\" name=\"state\" value=\"from-page\">")
                          .render(site)));
      Browser browser = new Browser();
      Browser.Page home = browser.get(app.url("/"));

      Browser.Page consent = browser.submitForm(home, "/github/start", Map.of());

      assertThat(consent.url().getPath()).isEqualTo("/login/oauth/authorize");
      assertThat(consent.query().get("scope").split(" ")).contains("repo", "gist");
      Browser.Page done = browser.click(consent, "Approve");
      assertThat(done.url().getPath()).isEqualTo("/after");
      assertThat(done.query()).containsEntry("state", "from-page").containsKey("auth_entity");
    }
  }

  @Test
  void aKnownBlueskyUserLogsInWithOneClickAndNothingTyped() {
    try (FakeBluesky bluesky = new FakeBluesky();
        TestApp app = new TestApp(new MemoryStore())) {
      Bluesky site = Bluesky.create(bluesky.options());
      app.mount(site)
          .page(
              "/",
              r ->
                  page(
                      ButtonHtml.of("/bluesky/start", "/oauth_dropins/")
                          .knownUser(FakeBluesky.HANDLE)
                          .render(site)));
      Browser browser = new Browser();
      Browser.Page home = browser.get(app.url("/"));
      assertThat(home.html().select("input[name=handle]").attr("type")).isEqualTo("hidden");

      Browser.Page consent = browser.submitForm(home, "/bluesky/start", Map.of());

      assertThat(consent.status()).as(consent.body()).isEqualTo(200);
      assertThat(consent.url().getPath()).isEqualTo("/oauth/authorize");
      Browser.Page done = browser.click(consent, "Approve");
      assertThat(done.query())
          .containsEntry("auth_entity", new Key("BlueskyAuth", FakeBluesky.DID).urlsafe());
      BlueskyAuth auth =
          site.load(app.store(), new Key("BlueskyAuth", FakeBluesky.DID)).orElseThrow();
      assertThat(auth.handle()).isEqualTo(FakeBluesky.HANDLE);
    }
  }
}
