package org.oauthdropins.quarkus;

import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.net.HostAndPort;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import java.net.URI;
import java.util.List;
import java.util.Optional;
import java.util.StringJoiner;
import java.util.function.Function;
import org.oauthdropins.Mount;
import org.oauthdropins.SiteRoute;
import org.oauthdropins.errors.BadRequestException;
import org.oauthdropins.internal.input.RequestUrl;
import org.oauthdropins.web.Cookie;
import org.oauthdropins.web.WebRequest;
import org.oauthdropins.web.WebResponse;

/**
 * The library's handlers on a Vert.x router: a {@link RoutingContext} as core's {@link WebRequest},
 * core's {@link WebResponse} written back. The handlers block (HTTP to the site, the store), so
 * they run on worker threads, never on the event loop.
 */
public final class VertxDropins {

  /** A login form is a few short fields; anything larger is not one. */
  private static final long FORM_LIMIT = 64 * 1024;

  private VertxDropins() {}

  /**
   * Mounts a {@link Mount}'s routes: start (POST, and GET for Start's own refusal), callback (GET
   * and POST), and the site's own routes ({@link org.oauthdropins.Site#routes}: Bluesky's client
   * metadata document and app-password form). Every path refuses TRACE.
   *
   * @param start the start handler to serve, {@code m.start()::handle} or one that wraps it
   */
  public static void mount(Router router, Mount m, Function<WebRequest, WebResponse> start) {
    route(router, m.startPath(), start, HttpMethod.POST, HttpMethod.GET);
    route(router, m.callbackPath(), m.callback()::handle, HttpMethod.GET, HttpMethod.POST);
    for (SiteRoute r : m.routes()) {
      route(
          router,
          r.path(),
          r.handler(),
          r.methods().stream().map(HttpMethod::valueOf).toArray(HttpMethod[]::new));
    }
  }

  /** Serves the sites' button images under a path, as {@code <path>/<site>.svg}. */
  static void buttons(Router router, String path, List<Mount> mounts) {
    for (Mount m : mounts) {
      String svg = m.site().button().svg();
      String button = path + "/" + m.site().name() + ".svg";
      router
          .route(HttpMethod.GET, button)
          .handler(
              ctx ->
                  ctx.response()
                      .putHeader("Content-Type", "image/svg+xml")
                      .putHeader("Cache-Control", "public, max-age=86400")
                      .end(svg));
      refuseTrace(router, button, "GET");
    }
  }

  private static void route(
      Router router,
      String path,
      Function<WebRequest, ? extends WebResponse> handler,
      HttpMethod... methods) {
    StringJoiner allow = new StringJoiner(", ");
    for (HttpMethod method : methods) {
      if (method == HttpMethod.POST) {
        router.route(method, path).handler(BodyHandler.create(false).setBodyLimit(FORM_LIMIT));
      }
      // ordered=false: logins of different browsers run side by side on the worker pool.
      router.route(method, path).blockingHandler(ctx -> handle(ctx, handler), false);
      allow.add(method.name());
    }
    refuseTrace(router, path, allow.toString());
  }

  /**
   * Answers TRACE with 405: a TRACE echo would hand a page's script the request's cookies, and
   * nothing of the library's takes TRACE.
   */
  private static void refuseTrace(Router router, String path, String allow) {
    router
        .route(HttpMethod.TRACE, path)
        .handler(
            ctx -> {
              ctx.response().putHeader("Allow", allow);
              send(WebResponse.Page.text(405, "method not allowed\n"), ctx);
            });
  }

  /**
   * Serves a request with one of the library's handlers; a request whose URL is not well-formed
   * gets a plain-text 400 instead, the way the handlers answer every bad input.
   */
  public static void handle(
      RoutingContext ctx, Function<WebRequest, ? extends WebResponse> handler) {
    send(RequestUrl.answer(() -> request(ctx), handler), ctx);
  }

  /**
   * The request as core sees it: its URL and query string, and its parameters, a query parameter
   * before a form one.
   *
   * @throws BadRequestException if the URL or query string is not well-formed; the message quotes
   *     neither
   */
  public static WebRequest request(RoutingContext ctx) {
    HttpServerRequest req = ctx.request();
    HostAndPort authority = req.authority();
    if (authority == null) {
      throw new BadRequestException("the request names no host");
    }
    URI url = RequestUrl.of(req.scheme() + "://" + authority + req.path(), req.query());
    String mountPoint = ctx.mountPoint();
    String contextPath =
        mountPoint == null || mountPoint.equals("/")
            ? ""
            : mountPoint.endsWith("/")
                ? mountPoint.substring(0, mountPoint.length() - 1)
                : mountPoint;
    return new WebRequest() {
      @Override
      public URI url() {
        return url;
      }

      @Override
      public String contextPath() {
        return contextPath;
      }

      @Override
      public String method() {
        return req.method().name();
      }

      @Override
      public Optional<String> header(String name) {
        return Optional.ofNullable(req.getHeader(name));
      }

      @Override
      public Optional<String> parameter(String name) {
        List<String> query = ctx.queryParam(name);
        if (!query.isEmpty()) {
          return Optional.of(query.get(0));
        }
        return Optional.ofNullable(req.getFormAttribute(name));
      }

      @Override
      public Optional<String> cookie(String name) {
        io.vertx.core.http.Cookie c = req.getCookie(name);
        return c == null ? Optional.empty() : Optional.of(c.getValue());
      }
    };
  }

  /** Writes a response, with the headers every login response carries. */
  public static void send(WebResponse response, RoutingContext ctx) {
    var res = ctx.response();
    for (Cookie c : response.cookies()) {
      // Set-Cookie as the library renders it, SameSite and all.
      res.headers().add("Set-Cookie", c.headerValue());
    }
    WebResponse.HEADERS.forEach(res::putHeader);
    if (response instanceof WebResponse.Redirect r) {
      res.setStatusCode(302).putHeader("Location", r.location()).end();
      return;
    }
    WebResponse.Page page = (WebResponse.Page) response;
    res.setStatusCode(page.status()).putHeader("Content-Type", page.contentType()).end(page.body());
  }
}
