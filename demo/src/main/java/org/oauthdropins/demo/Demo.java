package org.oauthdropins.demo;

import jakarta.servlet.ServletContainerInitializer;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.eclipse.jetty.ee10.servlet.ServletContainerInitializerHolder;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.oauthdropins.BaseUrl;
import org.oauthdropins.Finish;
import org.oauthdropins.Logins;
import org.oauthdropins.Site;
import org.oauthdropins.SiteFactory;
import org.oauthdropins.SiteOptions;
import org.oauthdropins.errors.BadRequestException;
import org.oauthdropins.servlet.ButtonServlet;
import org.oauthdropins.servlet.DropinServlets;
import org.oauthdropins.servlet.ServletWeb;
import org.oauthdropins.sites.Sites;
import org.oauthdropins.sites.fediverse.Fediverse;
import org.oauthdropins.sites.indieauth.IndieAuthSite;
import org.oauthdropins.sites.mastodon.Mastodon;
import org.oauthdropins.sites.pixelfed.Pixelfed;
import org.oauthdropins.store.AuthStore;
import org.oauthdropins.store.Key;
import org.oauthdropins.testkit.Fake;
import org.oauthdropins.testkit.FakeIndieAuth;
import org.oauthdropins.testkit.FakeOidc;
import org.oauthdropins.testkit.Fakes;
import org.oauthdropins.web.WebResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The demo app: every site with its button, each against the real provider where the app's
 * credentials are configured and against its fake otherwise. Routes as in the Python demo: {@code
 * POST /<site>/start}, {@code GET /<site>/oauth_callback}, finishing at {@code /}.
 */
public final class Demo implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(Demo.class);

  private final Server server;
  private final AuthStore store;
  private final List<DemoSite> sites;

  private Demo(Server server, AuthStore store, List<DemoSite> sites) {
    this.server = server;
    this.store = store;
    this.sites = sites;
  }

  /** Starts the demo and returns once it serves. */
  public static Demo start(String... args) throws Exception {
    return start(DemoOptions.parse(args));
  }

  static Demo start(DemoOptions options) throws Exception {
    // The store and the sites are independent; opening them side by side halves the wait for the
    // first page on a two-core machine.
    CompletableFuture<AuthStore> opening =
        CompletableFuture.supplyAsync(() -> Stores.open(options.db(), options.data()));
    List<DemoSite> sites =
        Sites.ALL.parallelStream()
            .map(factory -> site(factory, options))
            .flatMap(Optional::stream)
            .toList();
    AuthStore store;
    try {
      store = opening.join();
    } catch (CompletionException e) {
      sites.forEach(DemoSite::close);
      throw e.getCause() instanceof RuntimeException r ? r : e;
    }
    Logins logins = Logins.forStore(store);
    HomePage home = new HomePage(sites, store, logins, options.base());

    Server server = new Server(new InetSocketAddress(options.bind(), options.port()));
    BaseUrl baseUrl = options.base();
    ServletContextHandler ctx = new ServletContextHandler();
    ServletContainerInitializer init =
        (classes, sc) -> {
          sc.addFilter("request-guard", new RequestGuard())
              .addMappingForUrlPatterns(null, false, "/*");
          for (DemoSite s : sites) {
            DropinServlets.mount(sc, baseUrl, s.site(), store, Finish.redirectTo("/"), logins);
          }
          sc.addServlet("buttons", new ButtonServlet(sites.stream().map(DemoSite::site).toList()))
              .addMapping("/oauth_dropins/*");
          sc.addServlet("marks", new Marks(sites)).addMapping("/demo/marks/*");
          sc.addServlet("logout", new Logout(logins)).addMapping("/logout");
          sc.addServlet("home", home).addMapping("");
        };
    ctx.addServletContainerInitializer(new ServletContainerInitializerHolder(init));
    server.setHandler(ctx);
    server.start();
    Demo demo = new Demo(server, store, sites);
    demo.registerCallbacks(baseUrl);
    LOG.info(
        "serving {} sites ({} in the sandbox) on port {}",
        sites.size(),
        sites.stream().filter(DemoSite::sandboxed).count(),
        demo.port());
    return demo;
  }

  /** One site, real or against its fake, or empty if it has neither credentials nor a fake. */
  private static Optional<DemoSite> site(SiteFactory factory, DemoOptions options) {
    // Sites with app credentials are real when those are configured; sites where the user names
    // the server need none, and are real only with --live so the default demo works offline.
    boolean real =
        !options.sandbox() && (factory.idName() == null ? options.live() : factory.configured());
    if (real) {
      return Optional.of(
          new DemoSite(factory, create(factory, SiteOptions.defaults(), options), null));
    }
    Optional<Fake> fake = Fakes.start(factory.name());
    if (fake.isEmpty()) {
      LOG.warn("{}: no credentials and no fake; left out", factory.name());
      return Optional.empty();
    }
    Site<?> site =
        fake.get() instanceof FakeIndieAuth indie && factory == IndieAuthSite.FACTORY
            // The sandbox shows the opt-in fallback too: a site that declares no IndieAuth server
            // signs in through the fake's hosted service, as a real app could through one.
            ? IndieAuthSite.builder(indie.options()).fallbackService(indie.hostedService()).build()
            : create(factory, fake.get().options(), options);
    return Optional.of(new DemoSite(factory, site, fake.get()));
  }

  /** The site, with the demo's registration setting where the site registers per instance. */
  private static Site<?> create(SiteFactory factory, SiteOptions o, DemoOptions options) {
    Instant after = options.registrationsValidAfter();
    if (after == null) {
      return factory.create(o);
    }
    return switch (factory.name()) {
      case "mastodon" -> Mastodon.builder(o).registrationsValidAfter(after).build();
      case "pixelfed" -> Pixelfed.builder(o).registrationsValidAfter(after).build();
      case Fediverse.NAME -> Fediverse.builder(o).registrationsValidAfter(after).build();
      default -> factory.create(o);
    };
  }

  /**
   * Registers each sandboxed site's callback URL with its fake, as an app's settings page at the
   * real site does: the fakes refuse any other. In loopback mode the browser may call the demo
   * localhost or 127.0.0.1, so both are registered.
   */
  private void registerCallbacks(BaseUrl baseUrl) {
    List<String> origins =
        baseUrl
            .configured()
            .map(u -> List.of(u.toString()))
            .orElse(List.of("http://localhost:" + port(), "http://127.0.0.1:" + port()));
    for (DemoSite s : sites) {
      if (s.sandboxed()) {
        for (String origin : origins) {
          s.fake()
              .registerRedirectUri(URI.create(origin + "/" + s.site().name() + "/oauth_callback"));
          if (s.fake() instanceof FakeOidc oidc) {
            oidc.registerPostLogoutRedirectUri(
                URI.create(origin + "/" + s.site().name() + "/logout/return"));
          }
        }
        if (s.fake() instanceof FakeOidc oidc) {
          // One receiver: the provider's logout token ends the login on the first origin.
          oidc.registerBackchannelLogoutUri(
              URI.create(origins.get(0) + "/" + s.site().name() + "/backchannel-logout"));
        }
      }
    }
  }

  /** The store it keeps logins in. */
  AuthStore store() {
    return store;
  }

  /** The port it listens on. */
  public int port() {
    return ((ServerConnector) server.getConnectors()[0]).getLocalPort();
  }

  /** The names of the sites it shows, in order. */
  public List<String> siteNames() {
    return sites.stream().map(s -> s.site().name()).toList();
  }

  void join() throws InterruptedException {
    server.join();
  }

  @Override
  public void close() {
    try {
      server.stop();
    } catch (Exception e) {
      LOG.warn("stopping the server failed: {}", e.toString());
    }
    sites.forEach(DemoSite::close);
    store.close();
  }

  /**
   * {@code GET /demo/marks/<site>.svg}: a site's mark alone, the other image of the page's
   * icon-only button ({@code ButtonHtml.imageFile}).
   */
  private static final class Marks extends HttpServlet {
    private static final long serialVersionUID = 1L;
    private final transient java.util.Map<String, String> marks;

    Marks(List<DemoSite> sites) {
      this.marks =
          sites.stream()
              .filter(s -> s.site().button().mark() != null)
              .collect(
                  java.util.stream.Collectors.toUnmodifiableMap(
                      s -> "/" + s.site().name() + ".svg", s -> s.site().button().mark()));
    }

    @Override
    protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
      String svg = marks.get(String.valueOf(req.getPathInfo()));
      if (svg == null) {
        resp.sendError(404);
        return;
      }
      resp.setContentType("image/svg+xml");
      resp.getWriter().write(svg);
    }
  }

  /** {@code POST /logout} with {@code key}: forgets one login in this browser. */
  private static final class Logout extends HttpServlet {
    private static final long serialVersionUID = 1L;
    private final transient Logins logins;

    Logout(Logins logins) {
      this.logins = logins;
    }

    @Override
    protected void doPost(HttpServletRequest req, HttpServletResponse resp) throws IOException {
      var web = ServletWeb.request(req);
      String key = req.getParameter("key");
      try {
        var cookie = key == null ? logins.logoutAll(web) : logins.logout(web, Key.fromUrlsafe(key));
        ServletWeb.send(new WebResponse.Redirect("/", List.of(cookie)), resp);
      } catch (BadRequestException e) {
        ServletWeb.send(WebResponse.Page.text(400, e.getMessage() + "\n"), resp);
      }
    }
  }
}
