package org.oauthdropins.web;

import java.net.URI;
import java.util.Optional;

/**
 * The little that the library needs to know about an incoming browser request. Each web framework
 * adapter implements it; core never sees a framework type.
 */
public interface WebRequest {

  /**
   * The URL the browser requested, as the browser saw it (scheme, host and port and path; the
   * adapter is responsible for honouring trusted proxy headers). The query string may be present.
   * The library never builds a URL from it: it only checks it against the app's {@link
   * org.oauthdropins.BaseUrl}.
   */
  URI url();

  /** The HTTP method, upper case: {@code GET}, {@code POST}. */
  String method();

  /** A request header, the first one if it was sent more than once; names are case-insensitive. */
  Optional<String> header(String name);

  /** A query or form parameter, the first one if it was sent more than once. */
  Optional<String> parameter(String name);

  /** A cookie sent by the browser. */
  Optional<String> cookie(String name);

  /**
   * The path the app is deployed under, as the browser sees it in {@link #url()}: a servlet context
   * path such as {@code /app}, or empty for an app at the root. The library's own paths (start,
   * callback, finish) are relative to it, so that a WAR on {@code /app} or a Spring Boot app with
   * {@code server.servlet.context-path} gets its redirect URI and finish redirect under that path.
   * Adapters for frameworks that have no such notion keep the default, the root.
   */
  default String contextPath() {
    return "";
  }

  /** The origin of {@link #url()}: scheme, host and port, without a trailing slash. */
  default String origin() {
    URI u = url();
    return u.getScheme() + "://" + u.getRawAuthority();
  }
}
