package org.oauthdropins.javalin;

import static org.assertj.core.api.Assertions.assertThat;

import io.javalin.Javalin;
import java.net.URI;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.oauthdropins.BaseUrl;
import org.oauthdropins.Finish;
import org.oauthdropins.Logins;
import org.oauthdropins.Site;
import org.oauthdropins.engine.oidc.Oidc;
import org.oauthdropins.sites.bluesky.Bluesky;
import org.oauthdropins.sites.github.GitHub;
import org.oauthdropins.store.Key;
import org.oauthdropins.store.jdbc.JdbcStore;
import org.oauthdropins.testkit.Browser;
import org.oauthdropins.testkit.FakeBluesky;
import org.oauthdropins.testkit.FakeGitHub;
import org.oauthdropins.testkit.FakeOidc;

/** The Javalin adapter through whole GitHub logins, at the root and on a context path. */
class JavalinLoginTest {

  /**
   * An app with one site mounted, finishing at {@code /after}, which says whether {@code
   * Logins.verify} accepts the login there; started on a free port.
   */
  private static Javalin app(String contextPath, Site<?> site, JdbcStore store) {
    Logins logins = Logins.forStore(store);
    Javalin app =
        Javalin.create(
            config -> {
              config.router.contextPath = contextPath;
              JavalinDropins.mount(
                  config, BaseUrl.loopback(), site, store, Finish.redirectTo("/after"), logins);
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
    return app.start("127.0.0.1", 0);
  }

  private static void login(String contextPath) {
    try (FakeGitHub fake = new FakeGitHub();
        JdbcStore store = JdbcStore.h2("jdbc:h2:mem:javalin" + contextPath.length())) {
      Javalin app = app(contextPath, GitHub.create(fake.options()), store);
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

        // Disconnect, mounted beside start and callback: GitHub revokes, the store forgets.
        Browser.Page gone =
            browser.post(
                URI.create(root + "/github/disconnect"),
                Map.of("auth_entity", done.query().get("auth_entity")));
        assertThat(gone.url().getPath()).as(gone.body()).isEqualTo(contextPath + "/after");
        assertThat(gone.query()).containsEntry("disconnected", "true");
        assertThat(store.get(Key.fromUrlsafe(done.query().get("auth_entity")))).isEmpty();
        assertThat(fake.oauth().revocationCount()).isEqualTo(1);
      } finally {
        app.stop();
      }
    }
  }

  /** Bluesky's app-password form, mounted beside its start and callback, signs the browser in. */
  @Test
  void blueskysAppPasswordFormSignsTheBrowserIn() {
    try (FakeBluesky fake = new FakeBluesky();
        JdbcStore store = JdbcStore.h2("jdbc:h2:mem:javalin-bluesky")) {
      Javalin app = app("", Bluesky.create(fake.options()), store);
      try {
        URI form = URI.create("http://127.0.0.1:" + app.port() + "/bluesky/password");
        Browser.Page done = new Browser().post(form, FakeBluesky.passwordForm("s"));
        assertThat(done.url().getPath()).isEqualTo("/after");
        assertThat(done.query()).containsEntry("state", "s");
        assertThat(done.body()).isEqualTo("verified=true");
      } finally {
        app.stop();
      }
    }
  }

  /**
   * An OpenID Connect site's logout routes, mounted beside its start and callback: RP-initiated
   * logout through the provider and back, and a back-channel logout token that ends the login.
   */
  @Test
  void anOpenIdConnectLoginEndsThroughTheMountedLogoutRoutes() {
    try (FakeOidc fake = FakeOidc.standalone(true);
        JdbcStore store = JdbcStore.h2("jdbc:h2:mem:javalin-oidc")) {
      Javalin app = app("", Oidc.create("sandbox", fake.issuer(), fake.options()), store);
      try {
        String root = "http://127.0.0.1:" + app.port();
        fake.registerRedirectUri(URI.create(root + "/sandbox/oauth_callback"));
        fake.registerPostLogoutRedirectUri(URI.create(root + "/sandbox/logout/return"));
        Browser browser = new Browser();
        Browser.Page done =
            browser.click(browser.post(URI.create(root + "/sandbox/start"), Map.of()), "Approve");
        assertThat(done.body()).isEqualTo("verified=true");
        String authEntity = done.query().get("auth_entity");

        Browser.Page home =
            browser.post(URI.create(root + "/sandbox/logout"), Map.of("auth_entity", authEntity));

        assertThat(home.redirects())
            .anyMatch(u -> u.getPath().equals("/sandbox/logout/return") && u.getQuery() != null);
        assertThat(fake.oauth().sessions()).isEmpty();
        Key key = Key.fromUrlsafe(authEntity);
        URI receiver = URI.create(root + "/sandbox/backchannel-logout");
        // Javalin mounts the route for POST only: a GET finds nothing there.
        assertThat(browser.get(receiver).status()).isIn(404, 405);
        assertThat(fake.sendLogoutToken(receiver, fake.logoutToken(key.id(), null, null)))
            .isEqualTo(200);
        assertThat(store.get(key)).isEmpty();
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
