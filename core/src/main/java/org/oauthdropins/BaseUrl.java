package org.oauthdropins;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.oauthdropins.errors.BadRequestException;
import org.oauthdropins.internal.Paths;
import org.oauthdropins.web.WebRequest;

/**
 * The app's public base URL, e.g. {@code https://app.example} or {@code https://example.com/app}.
 * Redirect URIs, client ids, client metadata and app registrations are built from it, never from a
 * request's {@code Host} header: with {@code Host: evil.example} an attacker could otherwise make
 * the app register itself, or send codes, to a host of the attacker's choosing.
 *
 * <p>One base URL serves every site of an app. Start and callback requests for another origin are
 * refused with 400 before anything is stored. Behind a reverse proxy, configure the container to
 * honour {@code Forwarded} / {@code X-Forwarded-*} (Jetty's {@code ForwardedRequestCustomizer},
 * Tomcat's {@code RemoteIpValve}, Spring Boot's {@code server.forward-headers-strategy}) so that
 * the request URL the adapter sees is the one the browser used.
 *
 * <p>A fixed base URL includes the path the app is deployed under, if any ({@code
 * https://example.com/app} for a servlet context path {@code /app}): the library appends its own
 * paths to it. For development on one's own machine, {@link #loopback()} takes the request's own
 * origin and its {@linkplain WebRequest#contextPath() context path}, but only for requests to a
 * loopback host ({@code localhost}, {@code 127.0.0.1}, {@code [::1]}).
 */
public final class BaseUrl {

  /** The environment variable {@link #fromEnvironment()} reads. */
  public static final String VARIABLE = "OAUTH_DROPINS_BASE_URL";

  private static final Set<String> LOOPBACK = Set.of("localhost", "127.0.0.1", "[::1]");

  /** The configured origin and path, without a trailing slash; null in loopback mode. */
  private final URI fixed;

  private BaseUrl(URI fixed) {
    this.fixed = fixed;
  }

  /**
   * A fixed base URL: https, or http only on a loopback host; no query, fragment or user info. A
   * path (a servlet context path) is kept.
   *
   * @throws IllegalArgumentException if the URL is not of that form
   */
  public static BaseUrl of(String url) {
    Objects.requireNonNull(url, "base url");
    URI u;
    try {
      u = new URI(url.endsWith("/") ? url.substring(0, url.length() - 1) : url);
    } catch (URISyntaxException e) {
      throw new IllegalArgumentException("the app's base URL is not a URL: " + url, e);
    }
    String scheme = u.getScheme() == null ? "" : u.getScheme().toLowerCase(Locale.ROOT);
    if (u.getHost() == null
        || u.getRawUserInfo() != null
        || u.getRawQuery() != null
        || u.getRawFragment() != null
        || !(scheme.equals("https") || (scheme.equals("http") && isLoopback(u.getHost())))) {
      throw new IllegalArgumentException(
          "the app's base URL must be https://host[:port][/path] (http only on a loopback host),"
              + " with no query or fragment: "
              + url);
    }
    // A URI with a host is hierarchical, so its raw path is never null ("" when there is none).
    return new BaseUrl(
        URI.create(scheme + "://" + u.getRawAuthority().toLowerCase(Locale.ROOT) + u.getRawPath()));
  }

  /**
   * Development mode: each request's own origin, for requests to a loopback host only. Anything
   * else is refused, with a message that says how to configure the base URL.
   */
  public static BaseUrl loopback() {
    return new BaseUrl(null);
  }

  /**
   * The base URL in the environment variable {@value #VARIABLE}, or {@link #loopback()} when it is
   * not set.
   *
   * @throws IllegalArgumentException if the variable is set to something that is not a base URL
   */
  public static BaseUrl fromEnvironment() {
    return fromSetting(System.getenv(VARIABLE));
  }

  /** A setting's value as a base URL: unset or blank is {@link #loopback()}. */
  static BaseUrl fromSetting(String v) {
    return v == null || v.isBlank() ? loopback() : of(v.strip());
  }

  /**
   * The configured base URL, without a trailing slash; empty in {@link #loopback()} mode. What an
   * app registers at a site as its redirect URI's prefix.
   */
  public Optional<URI> configured() {
    return Optional.ofNullable(fixed);
  }

  /** Whether this is {@link #loopback()} development mode. */
  public boolean isLoopback() {
    return fixed == null;
  }

  /**
   * The base URL that serves this request, without a trailing slash.
   *
   * @throws BadRequestException if the request was made to another origin than the base URL's (in
   *     loopback mode: to a host that is not a loopback host)
   */
  public URI forRequest(WebRequest request) {
    URI url = request.url();
    String origin = origin(url);
    if (fixed == null) {
      if (url.getHost() == null || !isLoopback(url.getHost())) {
        throw new BadRequestException(
            "this app serves logins only on localhost until its base URL is configured"
                + " (BaseUrl.of(\"https://your.app\") or "
                + VARIABLE
                + ")");
      }
      // Dev mode follows the request all the way: its origin and the app's context path.
      return URI.create(origin + Paths.contextPath(request));
    }
    if (!origin.equals(origin(fixed))) {
      throw new BadRequestException(
          "this request was made to another host than the app's base URL " + origin(fixed));
    }
    return fixed;
  }

  /**
   * The base URL that serves a form posted from one of the app's own pages: a request that starts a
   * login. A GET, or a POST whose {@code Sec-Fetch-Site} (or, without it, {@code Origin}) header
   * says that another page sent it, is refused, so that no other page can log its visitors in to an
   * account of its choosing (login CSRF). A request with neither header (not a browser) passes.
   *
   * @throws BadRequestException if the request is for another host, not a POST, or cross-site
   */
  public URI forFormPost(WebRequest request) {
    return forFormPost(request, "a login must be started from a page of this site");
  }

  /** As {@link #forFormPost(WebRequest)}, for another form: the refusal says which. */
  URI forFormPost(WebRequest request, String crossSite) {
    URI base = forRequest(request);
    if (!"POST".equals(request.method())) {
      throw new BadRequestException("a login starts with a POST from a form on this site");
    }
    // Sec-Fetch-Site is what current browsers send and cannot be forged by a page; it decides
    // when present. Origin is the fallback for older browsers: a page with Referrer-Policy
    // no-referrer posts "Origin: null", which is why it is not the first check.
    Optional<String> fetchSite = request.header("Sec-Fetch-Site");
    boolean sameSite;
    if (fetchSite.isPresent()) {
      sameSite = fetchSite.get().equals("same-origin") || fetchSite.get().equals("none");
    } else {
      String origin = request.header("Origin").orElse(null);
      sameSite =
          origin == null
              || origin.equalsIgnoreCase(base.getScheme() + "://" + base.getRawAuthority());
    }
    if (!sameSite) {
      throw new BadRequestException(crossSite);
    }
    return base;
  }

  /** A path of the app, such as {@code /github/oauth_callback}, as an absolute URL. */
  public URI resolve(WebRequest request, String path) {
    return URI.create(forRequest(request) + path);
  }

  private static String origin(URI u) {
    String scheme = u.getScheme() == null ? "" : u.getScheme().toLowerCase(Locale.ROOT);
    int port = u.getPort();
    boolean defaultPort =
        port == -1
            || (port == 443 && scheme.equals("https"))
            || (port == 80 && scheme.equals("http"));
    String host = u.getHost() == null ? "" : u.getHost().toLowerCase(Locale.ROOT);
    return scheme + "://" + host + (defaultPort ? "" : ":" + port);
  }

  private static boolean isLoopback(String host) {
    return LOOPBACK.contains(host.toLowerCase(Locale.ROOT));
  }

  @Override
  public String toString() {
    return fixed == null ? "BaseUrl[loopback]" : "BaseUrl[" + fixed + "]";
  }
}
