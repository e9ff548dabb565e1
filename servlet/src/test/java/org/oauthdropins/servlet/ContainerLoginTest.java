package org.oauthdropins.servlet;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.servlet.ServletContainerInitializer;
import jakarta.servlet.ServletContext;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import org.apache.catalina.Context;
import org.apache.catalina.startup.Tomcat;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.junit.jupiter.api.Test;
import org.oauthdropins.Finish;
import org.oauthdropins.Logins;
import org.oauthdropins.Site;
import org.oauthdropins.sites.bluesky.Bluesky;
import org.oauthdropins.sites.github.GitHub;
import org.oauthdropins.store.AuthStore;
import org.oauthdropins.store.Key;
import org.oauthdropins.store.jdbc.JdbcStore;
import org.oauthdropins.testkit.Browser;
import org.oauthdropins.testkit.FakeBluesky;
import org.oauthdropins.testkit.FakeGitHub;

/** The servlet adapter, in Jetty 12 and Tomcat 11, through a whole GitHub login. */
class ContainerLoginTest {

  /** Echoes the finish parameters and the browser's logins. */
  static final class After extends HttpServlet {
    private static final long serialVersionUID = 1L;
    private final transient Logins logins;

    After(Logins logins) {
      this.logins = logins;
    }

    @Override
    protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
      resp.setContentType("text/plain");
      resp.getWriter()
          .write(req.getQueryString() + "\nlogins=" + logins.get(ServletWeb.request(req)));
    }
  }

  private static ServletContainerInitializer app(Site<?> site, AuthStore store) {
    Logins logins = Logins.forStore(store);
    return (Set<Class<?>> classes, ServletContext ctx) -> {
      DropinServlets.mount(
          ctx,
          org.oauthdropins.BaseUrl.loopback(),
          site,
          store,
          Finish.redirectTo("/after"),
          logins);
      ctx.addServlet("after", new After(logins)).addMapping("/after");
      ctx.addServlet("buttons", new ButtonServlet(java.util.List.of(site)))
          .addMapping("/oauth_dropins/*");
    };
  }

  private static void login(URI base, AuthStore store, FakeGitHub fake) throws Exception {
    fake.registerRedirectUri(base.resolve("/github/oauth_callback"));
    Browser browser = new Browser();
    Browser.Page consent = browser.post(base.resolve("/github/start"), Map.of("state", "s1"));
    assertThat(consent.body()).contains("Approve");
    Browser.Page done = browser.click(consent, "Approve");
    assertThat(done.status()).isEqualTo(200);
    assertThat(done.url().getPath()).isEqualTo("/after");
    assertThat(done.query()).containsEntry("state", "s1");
    assertThat(done.body()).contains("The Octocat");
    assertThat(store.get(new Key("GitHubAuth", FakeGitHub.OCTOCAT_ID))).isPresent();

    Browser.Page declined =
        browser.click(browser.post(base.resolve("/github/start"), Map.of()), "Deny");
    assertThat(declined.url().getRawQuery()).startsWith("declined=true");

    Browser.Page forged = browser.get(base.resolve("/github/oauth_callback?state=nope&code=x"));
    assertThat(forged.status()).isEqualTo(400);
    assertThat(forged.body()).doesNotContain("Exception").contains("state");

    // Login answers are never cached, leak no callback URL through Referer, and an error page
    // that echoes input is never sniffed into HTML.
    java.net.http.HttpResponse<String> raw =
        java.net.http.HttpClient.newHttpClient()
            .send(
                java.net.http.HttpRequest.newBuilder(
                        base.resolve("/github/oauth_callback?state=nope&code=x"))
                    .build(),
                java.net.http.HttpResponse.BodyHandlers.ofString());
    assertThat(raw.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
    assertThat(raw.headers().firstValue("Referrer-Policy")).hasValue("no-referrer");
    assertThat(raw.headers().firstValue("Cache-Control")).hasValue("no-store");
    // A link cannot start a login: GET is refused before anything is stored.
    Browser.Page linked = new Browser().get(base.resolve("/github/start"));
    assertThat(linked.status()).isEqualTo(400);

    Browser.Page svg = browser.get(base.resolve("/oauth_dropins/github.svg"));
    assertThat(svg.body()).startsWith("<svg").contains("Sign in with GitHub");

    // The disconnect route, mounted beside start and callback: GitHub revokes the grant, and the
    // store and the browser forget the login.
    Browser.Page gone =
        browser.post(
            base.resolve("/github/disconnect"),
            Map.of("auth_entity", done.query().get("auth_entity"), "state", "bye"));
    assertThat(gone.status()).as(gone.body()).isEqualTo(200);
    assertThat(gone.url().getPath()).isEqualTo("/after");
    assertThat(gone.query()).containsEntry("disconnected", "true").containsEntry("state", "bye");
    assertThat(gone.body()).contains("logins=[]");
    assertThat(store.get(new Key("GitHubAuth", FakeGitHub.OCTOCAT_ID))).isEmpty();
    assertThat(fake.oauth().revocationCount()).isEqualTo(1);
  }

  /** What a test does with an app served at this base URL. */
  interface Visit {
    void run(URI base) throws Exception;
  }

  /** Serves the app of one site in Jetty 12 on a free port for the visit. */
  private static void inJetty(Site<?> site, AuthStore store, Visit visit) throws Exception {
    Server server = new Server(new InetSocketAddress("127.0.0.1", 0));
    ServletContextHandler ctx = new ServletContextHandler();
    ctx.addServletContainerInitializer(
        new org.eclipse.jetty.ee10.servlet.ServletContainerInitializerHolder(app(site, store)));
    server.setHandler(ctx);
    server.start();
    try {
      int port = ((ServerConnector) server.getConnectors()[0]).getLocalPort();
      visit.run(URI.create("http://127.0.0.1:" + port));
    } finally {
      server.stop();
    }
  }

  @Test
  void jetty() throws Exception {
    try (FakeGitHub fake = new FakeGitHub();
        JdbcStore store = JdbcStore.h2("jdbc:h2:mem:jetty;DB_CLOSE_DELAY=-1")) {
      inJetty(GitHub.create(fake.options()), store, base -> login(base, store, fake));
    }
  }

  /**
   * Bluesky's app-password form, mounted beside its start and callback, signs the browser in: the
   * after page's logins (what {@code Logins.verify} trusts) hold the login.
   */
  @Test
  void blueskyAppPasswordFormInJetty() throws Exception {
    try (FakeBluesky fake = new FakeBluesky();
        JdbcStore store = JdbcStore.h2("jdbc:h2:mem:jetty-bluesky;DB_CLOSE_DELAY=-1")) {
      inJetty(
          Bluesky.create(fake.options()),
          store,
          base -> {
            Browser.Page done =
                new Browser()
                    .post(base.resolve("/bluesky/password"), FakeBluesky.passwordForm("s"));
            assertThat(done.status()).as(done.body()).isEqualTo(200);
            assertThat(done.url().getPath()).isEqualTo("/after");
            assertThat(done.query()).containsEntry("state", "s").containsKey("auth_entity");
            assertThat(done.body()).contains("Login[site=bluesky", FakeBluesky.DID);
            assertThat(new Browser().get(base.resolve("/bluesky/password")).status())
                .isEqualTo(400);
          });
    }
  }

  @Test
  void tomcat() throws Exception {
    Path dir = Files.createTempDirectory("tomcat");
    try (FakeGitHub fake = new FakeGitHub();
        JdbcStore store = JdbcStore.h2("jdbc:h2:mem:tomcat;DB_CLOSE_DELAY=-1")) {
      Tomcat tomcat = new Tomcat();
      tomcat.setBaseDir(dir.toString());
      tomcat.setPort(0);
      tomcat.getConnector().setProperty("address", "127.0.0.1");
      Context ctx = tomcat.addContext("", dir.toString());
      ctx.addServletContainerInitializer(app(GitHub.create(fake.options()), store), null);
      tomcat.start();
      try {
        login(URI.create("http://127.0.0.1:" + tomcat.getConnector().getLocalPort()), store, fake);
      } finally {
        tomcat.stop();
        tomcat.destroy();
      }
    }
  }
}
