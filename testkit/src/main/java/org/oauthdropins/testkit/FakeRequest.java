package org.oauthdropins.testkit;

import java.net.URI;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * A request as a fake sees it.
 *
 * @param method HTTP method
 * @param uri the request URI (path and query)
 * @param headers header names in lower case, with their values
 * @param body the raw body
 * @param params query and form parameters merged, the first value of each name
 */
public record FakeRequest(
    String method,
    URI uri,
    Map<String, List<String>> headers,
    String body,
    Map<String, String> params) {

  /** Makes the value, checking its components. */
  public FakeRequest {
    headers = Map.copyOf(headers);
    params = Map.copyOf(params);
    Secrets.seen("PKCE-verifier", params.get("code_verifier"));
  }

  /** A parameter from the query or a form body. */
  public Optional<String> param(String name) {
    return Optional.ofNullable(params.get(name));
  }

  /** The first value of a header, or null. */
  public String header(String name) {
    List<String> v = headers.get(name.toLowerCase(Locale.ROOT));
    return v == null || v.isEmpty() ? null : v.get(0);
  }

  /** The bearer token of the Authorization header, or null. */
  public String bearer() {
    String auth = header("authorization");
    return auth != null && auth.regionMatches(true, 0, "Bearer ", 0, 7)
        ? auth.substring(7).strip()
        : null;
  }
}
