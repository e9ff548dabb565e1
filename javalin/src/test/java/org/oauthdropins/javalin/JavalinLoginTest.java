package org.oauthdropins.javalin;

import static org.assertj.core.api.Assertions.assertThat;

import io.javalin.Javalin;
import java.net.URI;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.oauthdropins.BaseUrl;
import org.oauthdropins.Finish;
import org.oauthdropins.Logins;
import org.oauthdropins.github.GitHub;
import org.oauthdropins.store.JdbcStore;
import org.oauthdropins.testkit.Browser;
import org.oauthdropins.testkit.FakeGitHub;

/** The Javalin adapter through whole GitHub logins, at the root and on a context path. */
class JavalinLoginTest {

  private static void login(String contextPath) {
    try (FakeGitHub fake = new FakeGitHub();
        JdbcStore store = JdbcStore.h2("jdbc:h2:mem:javalin" + contextPath.length())) {
      Logins logins = Logins.forStore(store);
      Javalin app =
          Javalin.create(
              config -> {
                config.router.contextPath = contextPath;
                JavalinDropins.mount(
                    config,
                    BaseUrl.loopback(),
                    GitHub.create(fake.options()),
                    store,
                    Finish.redirectTo("/after"),
                    logins);
                config.routes.get(
                    "/after",
                    ctx ->
                        ctx.result(
                            "verified="
                                + logins
                                    .verify(
                                        JavalinDropins.request(ctx), ctx.queryParam("auth_entity"))
                                    .isPresent()));
              });
      app.start("127.0.0.1", 0);
      try {
        String root = "http://127.0.0.1:" + app.port() + contextPath;
        fake.registerRedirectUri(URI.create(root + "/github/oauth_callback"));
        Browser browser = new Browser();
        Browser.Page consent =
            browser.post(URI.create(root + "/github/start"), Map.of("state", "s1"));
        assertThat(consent.query().get("redirect_uri")).isEqualTo(root + "/github/oauth_callback");
        Browser.Page done = browser.click(consent, "Approve");
        assertThat(done.url().getPath()).isEqualTo(contextPath + "/after");
        assertThat(done.query()).containsEntry("state", "s1");
        assertThat(done.body()).isEqualTo("verified=true");

        Browser.Page link = browser.get(URI.create(root + "/github/start"));
        assertThat(link.status()).isEqualTo(400);
        Browser.Page forged =
            browser.get(URI.create(root + "/github/oauth_callback?state=nope&code=x"));
        assertThat(forged.status()).isEqualTo(400);
        assertThat(forged.body()).doesNotContain("Exception");
      } finally {
        app.stop();
      }
    }
  }

  @Test
  void aLoginCompletesAtTheRoot() {
    login("");
  }

  @Test
  void aLoginCompletesUnderTheRoutersContextPath() {
    login("/app");
  }
}
