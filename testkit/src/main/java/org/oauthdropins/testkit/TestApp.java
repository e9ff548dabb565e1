package org.oauthdropins.testkit;

import java.net.URI;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.oauthdropins.BaseUrl;
import org.oauthdropins.Callback;
import org.oauthdropins.Disconnect;
import org.oauthdropins.Finish;
import org.oauthdropins.Logins;
import org.oauthdropins.PendingStorage;
import org.oauthdropins.Site;
import org.oauthdropins.SiteRoute;
import org.oauthdropins.Start;
import org.oauthdropins.store.AuthStore;
import org.oauthdropins.web.Cookie;
import org.oauthdropins.web.WebRequest;
import org.oauthdropins.web.WebResponse;

/**
 * A minimal app on loopback that mounts sites the way a real app does: {@code /<site>/start},
 * {@code /<site>/oauth_callback} (and Bluesky's app-password form at {@code /bluesky/password}),
 * finishing at {@code /after}, which echoes its query. Use it with a {@link Browser} to test whole
 * logins without a web framework.
 */
public final class TestApp implements AutoCloseable {

  private final FakeServer server = new FakeServer();
  private final AuthStore store;
  private final Logins logins;
  private final Finish finish;
  private BaseUrl baseUrl = BaseUrl.loopback();
  private Clock clock = Clock.systemUTC();
  private PendingStorage pendingStorage = PendingStorage.IN_COOKIE;
  private org.oauthdropins.LoginListener listener = org.oauthdropins.LoginListener.NONE;

  /**
   * An app keeping its logins in the given store, finishing with the library's default redirect
   * ({@code /after?auth_entity=KEY&state=S}, no token).
   */
  public TestApp(AuthStore store) {
    this(store, Finish.redirectTo("/after"));
  }

  /**
   * An app that finishes with the Python library's query, tokens included ({@link
   * Finish#redirectWithTokens}), for tests that check the tokens a login got.
   */
  public static TestApp withTokensInFinish(AuthStore store) {
    return new TestApp(store, Finish.redirectWithTokens("/after", true));
  }

  /** An app that finishes with the given {@link Finish}, e.g. the opt-in without refresh token. */
  public static TestApp withFinish(AuthStore store, Finish finish) {
    return new TestApp(store, finish);
  }

  private TestApp(AuthStore store, Finish finish) {
    this.store = store;
    this.finish = finish;
    this.logins = Logins.forStore(store);
    server.route(
        "/after",
        r -> FakeResponse.text(200, r.uri().getRawQuery() == null ? "" : r.uri().getRawQuery()));
  }

  /**
   * The app's base URL for the sites mounted after this call; by default {@link
   * BaseUrl#loopback()}, the request's own loopback origin.
   */
  public TestApp baseUrl(BaseUrl url) {
    this.baseUrl = url;
    return this;
  }

  /**
   * The clock the start and callback handlers of sites mounted after this call date and check
   * pending logins by; give the store the same one when a test moves time forward.
   */
  public TestApp clock(Clock c) {
    this.clock = c;
    return this;
  }

  /**
   * Where the sites mounted after this call keep a login between start and callback: sealed in a
   * cookie by default, as in the library.
   */
  public TestApp pendingLogins(PendingStorage storage) {
    this.pendingStorage = storage;
    return this;
  }

  /**
   * Hears what the sites' own routes do (a back-channel logout's {@link
   * org.oauthdropins.LoginEvent.LoggedOut}), for sites mounted after this call; returns this app.
   */
  public TestApp listener(org.oauthdropins.LoginListener l) {
    this.listener = l;
    return this;
  }

  /** Mounts a site's start and callback handlers; returns this app. */
  public TestApp mount(Site<?> site) {
    Start start =
        Start.builder(site, store)
            .baseUrl(baseUrl)
            .callbackPath("/" + site.name() + "/oauth_callback")
            .clock(clock)
            .pendingLogins(pendingStorage)
            .build();
    Callback callback =
        Callback.builder(site, store)
            .baseUrl(baseUrl)
            .finish(finish)
            .logins(logins)
            .clock(clock)
            .pendingLogins(pendingStorage)
            .build();
    server.route("/" + site.name() + "/start", r -> render(start.handle(web(r))));
    server.route("/" + site.name() + "/oauth_callback", r -> render(callback.handle(web(r))));
    SiteRoute.Context context =
        new SiteRoute.Context(baseUrl, store, finish, logins, Map.of(), listener);
    List<SiteRoute> routes = new ArrayList<>(site.routes(context));
    routes.add(Disconnect.of(site, store).route(context));
    for (SiteRoute route : routes) {
      server.route(route.path(), r -> render(route.handler().apply(web(r))));
    }
    return this;
  }

  /**
   * Mounts a site's handlers and registers their callback URL with the site's fake, as an app's
   * settings page at the real site does (the fakes refuse unregistered callbacks); returns this
   * app.
   */
  public TestApp mount(Site<?> site, Fake fake) {
    mount(site);
    fake.registerRedirectUri(callbackUrl(site));
    return this;
  }

  /**
   * The callback URL the app sends for a site: below its configured base URL, or, in loopback mode,
   * below {@link #url()}.
   */
  public URI callbackUrl(Site<?> site) {
    String path = "/" + site.name() + "/oauth_callback";
    return baseUrl.configured().map(b -> URI.create(b + path)).orElse(url(path));
  }

  /**
   * Serves one of the app's own pages, e.g. the home page that shows the login forms, through the
   * same request and response types as the library's handlers; returns this app.
   */
  public TestApp page(String path, java.util.function.Function<WebRequest, WebResponse> handler) {
    server.route(path, r -> render(handler.apply(web(r))));
    return this;
  }

  /** {@code http://127.0.0.1:PORT}. */
  public URI url() {
    return server.url();
  }

  /** The URL of a path in this app. */
  public URI url(String path) {
    return URI.create(server.url() + path);
  }

  /** The store the app uses. */
  public AuthStore store() {
    return store;
  }

  /** The browser-logins helper the app uses. */
  public Logins logins() {
    return logins;
  }

  private WebRequest web(FakeRequest r) {
    // As a servlet container does: the URL is built from the Host header the client sent.
    String host = r.header("host");
    URI full =
        URI.create(
            (host == null ? server.url().toString() : "http://" + host) + r.uri().toString());
    return new WebRequest() {
      @Override
      public URI url() {
        return full;
      }

      @Override
      public String method() {
        return r.method();
      }

      @Override
      public Optional<String> header(String name) {
        return Optional.ofNullable(r.header(name));
      }

      @Override
      public Optional<String> parameter(String name) {
        return r.param(name);
      }

      @Override
      public Optional<String> cookie(String name) {
        return cookies(r.header("cookie")).entrySet().stream()
            .filter(e -> e.getKey().equals(name))
            .map(Map.Entry::getValue)
            .findFirst();
      }
    };
  }

  /** Parses a Cookie request header. */
  static Map<String, String> cookies(String header) {
    Map<String, String> out = new java.util.LinkedHashMap<>();
    if (header == null) {
      return out;
    }
    for (String part : header.split(";")) {
      int eq = part.indexOf('=');
      if (eq > 0) {
        out.putIfAbsent(part.substring(0, eq).strip(), part.substring(eq + 1).strip());
      }
    }
    return out;
  }

  private static FakeResponse render(WebResponse w) {
    FakeResponse out;
    if (w instanceof WebResponse.Redirect r) {
      out = FakeResponse.redirect(r.location());
    } else {
      WebResponse.Page p = (WebResponse.Page) w;
      out = new FakeResponse(p.status(), p.contentType(), p.body(), List.of());
    }
    for (Cookie c : w.cookies()) {
      out = out.header("Set-Cookie", c.headerValue());
    }
    return out;
  }

  @Override
  public void close() {
    server.close();
  }
}
