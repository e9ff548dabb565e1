package org.oauthdropins.web;

import java.net.URI;
import java.util.Map;
import java.util.Optional;

/**
 * A request made of plain values, for unit tests of code that takes a {@link WebRequest}.
 *
 * @param url the request URL
 * @param contextPath the app's context path, empty at the root
 * @param method GET or POST
 * @param headers headers by name
 * @param parameters query or form parameters
 * @param cookies cookies by name
 */
public record StubRequest(
    URI url,
    String contextPath,
    String method,
    Map<String, String> headers,
    Map<String, String> parameters,
    Map<String, String> cookies)
    implements WebRequest {

  /** A GET of this URL for an app on this context path, with nothing else. */
  public static StubRequest get(String url, String contextPath) {
    return new StubRequest(URI.create(url), contextPath, "GET", Map.of(), Map.of(), Map.of());
  }

  @Override
  public Optional<String> header(String name) {
    return headers.entrySet().stream()
        .filter(e -> e.getKey().equalsIgnoreCase(name))
        .map(Map.Entry::getValue)
        .findFirst();
  }

  @Override
  public Optional<String> parameter(String name) {
    return Optional.ofNullable(parameters.get(name));
  }

  @Override
  public Optional<String> cookie(String name) {
    return Optional.ofNullable(cookies.get(name));
  }
}
