package org.oauthdropins.web;

import java.net.URI;
import java.util.Optional;

/**
 * The little that the library needs to know about an incoming browser request. Each web framework
 * adapter implements it; core never sees a framework type.
 */
public interface WebRequest {

  /**
   * The URL the browser requested, as the browser saw it (scheme, host, port and path; the adapter
   * is responsible for honouring trusted proxy headers). The query string may be present.
   */
  URI url();

  /** A query or form parameter, the first one if it was sent more than once. */
  Optional<String> parameter(String name);

  /** A cookie sent by the browser. */
  Optional<String> cookie(String name);

  /** The origin of {@link #url()}: scheme, host and port, without a trailing slash. */
  default String origin() {
    URI u = url();
    return u.getScheme() + "://" + u.getRawAuthority();
  }

  /** Resolves a path such as {@code /github/oauth_callback} against {@link #origin()}. */
  default URI absolute(String path) {
    return URI.create(origin() + path);
  }
}
