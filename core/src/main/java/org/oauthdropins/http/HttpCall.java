package org.oauthdropins.http;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.oauthdropins.internal.http.Form;
import org.oauthdropins.internal.http.Json;

/**
 * An outgoing HTTP request.
 *
 * @param method e.g. {@code GET}
 * @param uri the absolute URL
 * @param headers header name and value pairs, in order
 * @param body the body, empty for none
 * @param budget the browser request's time budget this call is sent within, which the library's
 *     transports honour as well as their own time limit; {@link FetchBudget#NONE} outside one
 */
public record HttpCall(
    String method,
    URI uri,
    List<Map.Entry<String, String>> headers,
    byte[] body,
    FetchBudget budget) {

  /** Makes the value, checking its components. */
  public HttpCall {
    Objects.requireNonNull(method, "method");
    Objects.requireNonNull(uri, "uri");
    headers = List.copyOf(headers);
    body = body == null ? new byte[0] : body;
    budget = budget == null ? FetchBudget.NONE : budget;
  }

  /** A request outside any browser request's budget. */
  public HttpCall(String method, URI uri, List<Map.Entry<String, String>> headers, byte[] body) {
    this(method, uri, headers, body, FetchBudget.NONE);
  }

  /** A GET request. */
  public static HttpCall get(URI uri) {
    return new HttpCall("GET", uri, List.of(), null);
  }

  /** A POST of a form. */
  public static HttpCall postForm(URI uri, Map<String, String> form) {
    return new HttpCall("POST", uri, List.of(), Form.encode(form).getBytes(StandardCharsets.UTF_8))
        .header("Content-Type", "application/x-www-form-urlencoded");
  }

  /** A POST of a JSON document. */
  public static HttpCall postJson(URI uri, Object json) {
    return new HttpCall("POST", uri, List.of(), Json.write(json).getBytes(StandardCharsets.UTF_8))
        .header("Content-Type", "application/json");
  }

  /** This request with one more header. */
  public HttpCall header(String name, String value) {
    List<Map.Entry<String, String>> h = new ArrayList<>(headers);
    h.add(Map.entry(name, value));
    return new HttpCall(method, uri, h, body, budget);
  }

  /** This request with another URL. */
  public HttpCall withUri(URI newUri) {
    return new HttpCall(method, newUri, headers, body, budget);
  }

  /**
   * This request within a browser request's budget; a request that carries one already keeps it
   * (the outermost budget is the request's).
   */
  public HttpCall within(FetchBudget b) {
    return budget != FetchBudget.NONE || b == null || b == FetchBudget.NONE
        ? this
        : new HttpCall(method, uri, headers, body, b);
  }

  /** The first value of a header, case-insensitively, or null. */
  public String firstHeader(String name) {
    return headers.stream()
        .filter(e -> e.getKey().equalsIgnoreCase(name))
        .map(Map.Entry::getValue)
        .findFirst()
        .orElse(null);
  }

  @Override
  public String toString() {
    // Headers and bodies carry secrets; only the method and the URL without its query are shown.
    return "HttpCall[" + method + " " + shown(uri) + "]";
  }

  /**
   * A URL as logs and {@code toString()} may show it: scheme, host, port and path. The query and
   * the fragment are left out because they carry codes, tokens and states (a callback URL, a
   * redirect's {@code Location}), and so is a user name or password in the authority.
   */
  static String shown(URI uri) {
    if (uri.getHost() == null) {
      return uri.getScheme() == null ? "(relative URL)" : uri.getScheme() + ":...";
    }
    return uri.getScheme()
        + "://"
        + uri.getHost() // an IPv6 literal comes in brackets
        + (uri.getPort() == -1 ? "" : ":" + uri.getPort())
        + (uri.getRawPath() == null ? "" : uri.getRawPath())
        + (uri.getRawQuery() == null && uri.getRawFragment() == null ? "" : "?...");
  }
}
