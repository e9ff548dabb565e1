package org.oauthdropins.docs;

// readme:start servlet-app
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.eclipse.jetty.ee10.servlet.ServletContainerInitializerHolder;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.server.Server;
import org.oauthdropins.AuthEntity;
import org.oauthdropins.BaseUrl;
import org.oauthdropins.ButtonHtml;
import org.oauthdropins.Finish;
import org.oauthdropins.Html;
import org.oauthdropins.Logins;
import org.oauthdropins.Site;
import org.oauthdropins.SiteOptions;
import org.oauthdropins.servlet.ButtonServlet;
import org.oauthdropins.servlet.DropinServlets;
import org.oauthdropins.servlet.ServletWeb;
import org.oauthdropins.sites.github.GitHub;
import org.oauthdropins.sites.mastodon.Mastodon;
import org.oauthdropins.store.AuthStore;
import org.oauthdropins.store.jdbc.JdbcStore;
import org.oauthdropins.web.Cookie;
import org.oauthdropins.web.WebResponse;

/** A Jetty 12 app whose users sign in with GitHub or Mastodon. */
public final class ServletApp {

  public static void main(String[] args) throws Exception {
    AuthStore store = JdbcStore.embedded(Path.of("data")); // needs com.h2database:h2
    List<Site<?>> sites =
        List.of(
            GitHub.create(SiteOptions.defaults()), // GITHUB_CLIENT_ID, GITHUB_CLIENT_SECRET
            Mastodon.create(SiteOptions.defaults(), "My App", null)); // registers per instance
    Server server =
        start(new InetSocketAddress("127.0.0.1", 8080), BaseUrl.fromEnvironment(), sites, store);
    server.join();
  }

  /** Starts the app: a home page with the buttons, each site's login, and the after page. */
  public static Server start(
      InetSocketAddress address, BaseUrl baseUrl, List<Site<?>> sites, AuthStore store)
      throws Exception {
    Logins logins = Logins.forStore(store);
    ServletContextHandler context = new ServletContextHandler();
    context.addServletContainerInitializer(
        new ServletContainerInitializerHolder(
            (classes, ctx) -> {
              for (Site<?> site : sites) {
                // POST /<site>/start and GET /<site>/oauth_callback
                DropinServlets.mount(
                    ctx, baseUrl, site, store, Finish.redirectTo("/after"), logins);
              }
              // The button images that ButtonHtml links to: /oauth_dropins/<site>.svg
              ctx.addServlet("buttons", new ButtonServlet(sites)).addMapping("/oauth_dropins/*");
              ctx.addServlet("home", new Home(sites)).addMapping("");
              ctx.addServlet("after", new After(sites, store, logins)).addMapping("/after");
              ctx.addServlet("logout", new Logout(logins)).addMapping("/logout");
            }));
    Server server = new Server(address);
    server.setHandler(context);
    server.start();
    return server;
  }

  /** One "Sign in with ..." form per site, posting to the site's start path. */
  static final class Home extends HttpServlet {
    private final transient List<Site<?>> sites;

    Home(List<Site<?>> sites) {
      this.sites = sites;
    }

    @Override
    protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
      StringBuilder html = new StringBuilder("<!doctype html><title>My App</title>");
      for (Site<?> site : sites) {
        String prefix = req.getContextPath();
        html.append(
            ButtonHtml.of(prefix + "/" + site.name() + "/start", prefix + "/oauth_dropins/")
                .render(site));
      }
      resp.setContentType("text/html;charset=utf-8");
      resp.getWriter().write(html.toString());
    }
  }

  /** Where a login ends: {@code ?auth_entity=...&state=...}, or {@code ?declined=true}. */
  static final class After extends HttpServlet {
    private final transient List<Site<?>> sites;
    private final transient AuthStore store;
    private final transient Logins logins;

    After(List<Site<?>> sites, AuthStore store, Logins logins) {
      this.sites = sites;
      this.store = store;
      this.logins = logins;
    }

    @Override
    protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
      // auth_entity is only a claim: trust it if this browser made that login, then load it.
      Optional<AuthEntity> user =
          logins
              .verify(ServletWeb.request(req), req.getParameter("auth_entity"))
              .flatMap(
                  key ->
                      sites.stream()
                          .filter(site -> site.kind().equals(key.kind()))
                          .findFirst()
                          .flatMap(site -> site.load(store, key)));
      resp.setContentType("text/html;charset=utf-8");
      resp.getWriter()
          .write(
              user.map(
                      u ->
                          "Signed in as "
                              + Html.escape(u.userDisplayName())
                              + "<form method=post action=logout><button>Log out</button></form>")
                  .orElse("Not signed in"));
    }
  }

  /** Logs this browser out of every login at once, then goes home. */
  static final class Logout extends HttpServlet {
    private final transient Logins logins;

    Logout(Logins logins) {
      this.logins = logins;
    }

    @Override
    protected void doPost(HttpServletRequest req, HttpServletResponse resp) throws IOException {
      // One cookie that empties the browser's list: no auth_entity of it verifies any more.
      Cookie emptied = logins.logoutAll(ServletWeb.request(req));
      ServletWeb.send(new WebResponse.Redirect(req.getContextPath() + "/", List.of(emptied)), resp);
    }
  }
}
// readme:end
