package org.oauthdropins.docs;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetSocketAddress;
import java.net.URI;
import java.util.List;
import java.util.Map;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.junit.jupiter.api.Test;
import org.oauthdropins.BaseUrl;
import org.oauthdropins.sites.github.GitHub;
import org.oauthdropins.sites.mastodon.Mastodon;
import org.oauthdropins.store.jdbc.JdbcStore;
import org.oauthdropins.testkit.Browser;
import org.oauthdropins.testkit.FakeGitHub;
import org.oauthdropins.testkit.FakeMastodon;

/** The README's servlet app, pointed at the testkit's fakes, through a login per site. */
class ServletAppTest {

  @Test
  void theReadmeServletAppSignsInWithGitHubAndWithMastodon() throws Exception {
    try (FakeGitHub github = new FakeGitHub();
        FakeMastodon mastodon = new FakeMastodon();
        JdbcStore store = JdbcStore.h2("jdbc:h2:mem:readme-servlet;DB_CLOSE_DELAY=-1")) {
      Server server =
          ServletApp.start(
              new InetSocketAddress("127.0.0.1", 0),
              BaseUrl.loopback(),
              List.of(
                  GitHub.create(github.options()),
                  Mastodon.create(mastodon.options(), "My App", null)),
              store);
      try {
        URI home =
            URI.create(
                "http://127.0.0.1:"
                    + ((ServerConnector) server.getConnectors()[0]).getLocalPort()
                    + "/");
        github.registerRedirectUri(home.resolve("/github/oauth_callback"));
        Browser browser = new Browser();
        Browser.Page page = browser.get(home);
        String image = page.html().selectFirst("input[type=image]").absUrl("src");
        assertThat(browser.get(URI.create(image)).body()).startsWith("<svg");

        Browser.Page after =
            browser.click(browser.submitForm(page, "/github/start", Map.of()), "Approve");
        assertThat(after.url().getPath()).isEqualTo("/after");
        assertThat(after.html().body().ownText()).isEqualTo("Signed in as The Octocat");

        Browser.Page viaMastodon =
            browser.click(
                browser.submitForm(page, "/mastodon/start", mastodon.startParams()), "Approve");
        assertThat(viaMastodon.body()).startsWith("Signed in as @");
        assertThat(mastodon.registeredWebsites()).isNotEmpty();

        assertThat(new Browser().get(after.url()).body())
            .as("the finish URL proves nothing in another browser")
            .isEqualTo("Not signed in");

        // Log out: both logins of this browser end at once.
        Browser.Page loggedOut = browser.submitForm(viaMastodon, "/logout", Map.of());
        assertThat(loggedOut.url().getPath()).isEqualTo("/");
        assertThat(browser.get(after.url()).body()).isEqualTo("Not signed in");
        assertThat(browser.get(viaMastodon.url()).body()).isEqualTo("Not signed in");
      } finally {
        server.stop();
      }
    }
  }
}
