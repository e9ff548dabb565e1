package org.oauthdropins.javalin;

import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import java.net.URI;
import java.util.Optional;
import java.util.StringJoiner;
import java.util.function.Function;
import org.oauthdropins.BaseUrl;
import org.oauthdropins.Finish;
import org.oauthdropins.Logins;
import org.oauthdropins.Mount;
import org.oauthdropins.Site;
import org.oauthdropins.SiteRoute;
import org.oauthdropins.errors.BadRequestException;
import org.oauthdropins.internal.input.CookieHeader;
import org.oauthdropins.internal.input.RequestUrl;
import org.oauthdropins.store.AuthStore;
import org.oauthdropins.web.Cookie;
import org.oauthdropins.web.WebRequest;
import org.oauthdropins.web.WebResponse;

/**
 * Mounts a site on a Javalin 7 app: {@code POST <prefix>/start}, {@code GET|POST
 * <prefix>/oauth_callback}, the button image under {@link #BUTTONS}, and Bluesky's client metadata
 * document and app-password form ({@code POST <prefix>/password}). Javalin 7 takes routes in its
 * configuration, so call it there:
 *
 * <pre>{@code
 * Javalin app = Javalin.create(config -> {
 *   JavalinDropins.mount(config, baseUrl, GitHub.create(SiteOptions.defaults()), store,
 *       Finish.redirectTo("/after"), logins);
 *   config.routes.get("/after", ctx -> ...);
 * });
 * }</pre>
 *
 * A {@code config.router.contextPath} is honoured: the site is given a redirect URI under it. Every
 * path it mounts answers TRACE with 405 (Jetty would otherwise leave it to Javalin's 404), and a
 * request whose URL is not well-formed gets a plain-text 400.
 *
 * <p>To mount several sites, make them with {@code Sites.create(SiteOptions.defaults(),
 * List.of("github", "google_signin"))}: a start with credentials missing for several of them, or a
 * misspelt id, then fails once naming every missing variable and file, instead of one per start.
 */
public final class JavalinDropins {

  /**
   * Where {@link #mount} serves each site's button image, as {@code <site>.svg}: the image prefix
   * to give {@link org.oauthdropins.ButtonHtml}.
   */
  public static final String BUTTONS = "/oauth_dropins/";

  private JavalinDropins() {}

  /**
   * Mounts one site at {@code /<site name>/start} and {@code /<site name>/oauth_callback}.
   *
   * @param config the app's configuration, inside {@code Javalin.create(config -> ...)}
   * @param baseUrl the app's public base URL, shared by every site
   * @param site the site
   * @param store where logins are kept
   * @param finish what the callback does at the end, e.g. {@code Finish.redirectTo("/after")}
   * @param logins the browser's logins list to add to, or null
   * @return what was mounted, with its paths
   */
  public static Mount mount(
      JavalinConfig config,
      BaseUrl baseUrl,
      Site<?> site,
      AuthStore store,
      Finish finish,
      Logins logins) {
    Mount m = Mount.of(baseUrl, site, store, finish, logins);
    mount(config, m);
    return m;
  }

  /** Mounts the routes of a {@link Mount} built elsewhere, e.g. with paths of the app's own. */
  public static void mount(JavalinConfig config, Mount m) {
    // GET too, so that a link gets Start's own plain-text refusal instead of a bare 404.
    route(config, m.startPath(), m.start()::handle, HandlerType.POST, HandlerType.GET);
    route(config, m.callbackPath(), m.callback()::handle, HandlerType.GET, HandlerType.POST);
    for (SiteRoute r : m.routes()) {
      route(
          config,
          r.path(),
          r.handler(),
          r.methods().stream().map(JavalinDropins::handlerType).toArray(HandlerType[]::new));
    }
    String svg = m.site().button().svg();
    String button = BUTTONS + m.site().name() + ".svg";
    config.routes.get(
        button,
        ctx ->
            ctx.contentType("image/svg+xml")
                .header("Cache-Control", "public, max-age=86400")
                .result(svg));
    refuseTrace(config, button, "GET");
  }

  /** Serves a handler of the library at a path for these methods, and refuses TRACE there. */
  private static HandlerType handlerType(String method) {
    return switch (method) {
      case "GET" -> HandlerType.GET;
      case "POST" -> HandlerType.POST;
      default ->
          throw new IllegalArgumentException("a site route takes GET or POST, not " + method);
    };
  }

  private static void route(
      JavalinConfig config,
      String path,
      Function<WebRequest, WebResponse> handler,
      HandlerType... methods) {
    StringJoiner allow = new StringJoiner(", ");
    for (HandlerType method : methods) {
      config.routes.addHttpHandler(method, path, ctx -> handle(ctx, handler));
      allow.add(method.name());
    }
    refuseTrace(config, path, allow.toString());
  }

  /**
   * Answers TRACE with 405: a TRACE echo would hand a page's script the request's cookies, and
   * nothing of the library's takes TRACE.
   */
  private static void refuseTrace(JavalinConfig config, String path, String allow) {
    config.routes.addHttpHandler(
        HandlerType.TRACE,
        path,
        ctx -> {
          ctx.header("Allow", allow);
          send(WebResponse.Page.text(405, "method not allowed\n"), ctx);
        });
  }

  /**
   * Serves a request with one of the library's handlers; a request whose URL is not well-formed
   * gets a plain-text 400 instead, the way the handlers answer every bad input.
   */
  public static void handle(Context ctx, Function<WebRequest, ? extends WebResponse> handler) {
    send(RequestUrl.answer(() -> request(ctx), handler), ctx);
  }

  /**
   * The request as core sees it: Javalin's URL (with its context path) and query string, and its
   * parameters, a query parameter before a form one.
   *
   * @throws BadRequestException if the URL or query string is not well-formed (Jetty passes {@code
   *     ?code=x|y} and {@code %zz} on); the message quotes neither
   */
  public static WebRequest request(Context ctx) {
    URI url = RequestUrl.of(ctx.url(), ctx.queryString());
    return new WebRequest() {
      @Override
      public URI url() {
        return url;
      }

      @Override
      public String contextPath() {
        return ctx.contextPath();
      }

      @Override
      public String method() {
        return ctx.method().name();
      }

      @Override
      public Optional<String> header(String name) {
        return Optional.ofNullable(ctx.header(name));
      }

      @Override
      public Optional<String> parameter(String name) {
        String query = ctx.queryParam(name);
        return Optional.ofNullable(query != null ? query : ctx.formParam(name));
      }

      /** Read from the header, not Javalin's cookie map (see {@link CookieHeader}). */
      @Override
      public Optional<String> cookie(String name) {
        return Optional.ofNullable(CookieHeader.valueIn(ctx.req().getHeaders("Cookie"), name));
      }
    };
  }

  /** Writes a response, with the headers every login response carries. */
  public static void send(WebResponse response, Context ctx) {
    for (Cookie c : response.cookies()) {
      // Set-Cookie as the library renders it: Javalin's cookie API has no SameSite in all versions.
      ctx.res().addHeader("Set-Cookie", c.headerValue());
    }
    WebResponse.HEADERS.forEach(ctx::header);
    if (response instanceof WebResponse.Redirect r) {
      ctx.status(302).header("Location", r.location());
      return;
    }
    WebResponse.Page page = (WebResponse.Page) response;
    ctx.status(page.status()).contentType(page.contentType()).result(page.body());
  }
}
