package org.oauthdropins.docs;

// readme:start testkit-test
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
import org.oauthdropins.store.memory.MemoryStore;
import org.oauthdropins.testkit.Browser;
import org.oauthdropins.testkit.FakeGitHub;

class AppLoginTest {

  @Test
  void aVisitorSignsInWithGitHub() throws Exception {
    try (FakeGitHub fake = new FakeGitHub();
        MemoryStore store = new MemoryStore()) {
      // The app as in production, with the real GitHub code pointed at the fake.
      Server app =
          ServletApp.start(
              new InetSocketAddress("127.0.0.1", 0),
              BaseUrl.loopback(),
              List.of(GitHub.create(fake.options())),
              store);
      try {
        int port = ((ServerConnector) app.getConnectors()[0]).getLocalPort();
        URI url = URI.create("http://127.0.0.1:" + port + "/");
        fake.registerRedirectUri(url.resolve("/github/oauth_callback"));

        Browser browser = new Browser(); // cookies, redirects, plain HTML forms
        Browser.Page home = browser.get(url);
        Browser.Page consent = browser.submitForm(home, "/github/start", Map.of());
        Browser.Page after = browser.click(consent, "Approve"); // or "Deny"

        assertThat(after.body()).startsWith("Signed in as The Octocat");
      } finally {
        app.stop();
      }
    }
  }
}
// readme:end
