package org.oauthdropins.samples.javalin;

import static org.assertj.core.api.Assertions.assertThat;

import io.javalin.Javalin;
import java.net.URI;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.oauthdropins.BaseUrl;
import org.oauthdropins.sites.github.GitHub;
import org.oauthdropins.store.jdbc.JdbcStore;
import org.oauthdropins.testkit.Browser;
import org.oauthdropins.testkit.FakeGitHub;

/** The sample, pointed at the testkit's fake GitHub, through a login as a person makes one. */
class JavalinSampleTest {

  @Test
  void aVisitorSignsInWithGitHubFromTheHomePage() {
    try (FakeGitHub fake = new FakeGitHub();
        JdbcStore store = JdbcStore.h2("jdbc:h2:mem:javalin-sample")) {
      Javalin app =
          JavalinSample.create(BaseUrl.loopback(), List.of(GitHub.create(fake.options())), store)
              .start("127.0.0.1", 0);
      try {
        URI home = URI.create("http://127.0.0.1:" + app.port() + "/");
        fake.registerRedirectUri(home.resolve("/github/oauth_callback"));
        Browser browser = new Browser();
        Browser.Page page = browser.get(home);
        String image = page.html().selectFirst("input[type=image]").absUrl("src");
        assertThat(browser.get(URI.create(image)).body()).startsWith("<svg");
        Browser.Page consent = browser.submitForm(page, "/github/start", Map.of());
        Browser.Page after = browser.click(consent, "Approve");
        assertThat(after.url().getPath()).isEqualTo("/after");
        assertThat(after.body()).contains("Signed in as The Octocat");

        Browser.Page stranger = new Browser().get(after.url());
        assertThat(stranger.body())
            .as("the same finish URL in another browser proves nothing")
            .contains("Not signed in");
      } finally {
        app.stop();
      }
    }
  }

  @Test
  void aPageOfAnotherSiteCannotStartALogin() {
    try (FakeGitHub fake = new FakeGitHub();
        JdbcStore store = JdbcStore.h2("jdbc:h2:mem:javalin-sample-csrf")) {
      Javalin app =
          JavalinSample.create(BaseUrl.loopback(), List.of(GitHub.create(fake.options())), store)
              .start("127.0.0.1", 0);
      try {
        URI start = URI.create("http://127.0.0.1:" + app.port() + "/github/start");

        Browser.Page refused =
            new Browser().postFrom(URI.create("https://evil.example/"), start, Map.of());

        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.body()).contains("started from a page of this site");
      } finally {
        app.stop();
      }
    }
  }
}
