package org.oauthdropins;

import java.net.URI;
import java.util.Map;
import java.util.Optional;
import org.oauthdropins.internal.http.Form;
import org.oauthdropins.web.WebRequest;

/**
 * A browser request in a unit test: URL (with its query as the parameters, plus a form), method,
 * headers, cookies, and the app's context path (empty at the root).
 */
public record Req(
    String method,
    URI url,
    Map<String, String> form,
    Map<String, String> headers,
    Map<String, String> cookies,
    String contextPath)
    implements WebRequest {

  public Req {
    form = Map.copyOf(form);
    headers = Map.copyOf(headers);
    cookies = Map.copyOf(cookies);
  }

  /** A GET of this URL, no headers or cookies. */
  public static Req get(String url) {
    return new Req("GET", URI.create(url), Map.of(), Map.of(), Map.of(), "");
  }

  /** A same-origin form POST to this URL, as a button on the app's page sends it. */
  public static Req post(String url, Map<String, String> form) {
    return new Req(
        "POST", URI.create(url), form, Map.of("Sec-Fetch-Site", "same-origin"), Map.of(), "");
  }

  public Req withHeaders(Map<String, String> h) {
    return new Req(method, url, form, h, cookies, contextPath);
  }

  public Req withCookies(Map<String, String> c) {
    return new Req(method, url, form, headers, c, contextPath);
  }

  /** This request, to an app served under a servlet context path such as {@code /app}. */
  public Req withContextPath(String path) {
    return new Req(method, url, form, headers, cookies, path);
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
    String q = Form.decode(url.getRawQuery()).get(name);
    return Optional.ofNullable(q != null ? q : form.get(name));
  }

  @Override
  public Optional<String> cookie(String name) {
    return Optional.ofNullable(cookies.get(name));
  }
}
