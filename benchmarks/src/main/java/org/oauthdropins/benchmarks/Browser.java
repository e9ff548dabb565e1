package org.oauthdropins.benchmarks;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.HttpURLConnection;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What the drivers send as a browser: a cookie jar per login, the start form's POST with the {@code
 * Origin} and {@code Sec-Fetch-Site} a browser adds, and for a fleet the balancer's {@code Host} on
 * requests to either server. Connections are kept alive, as a browser keeps them.
 */
final class Browser {

  /** One answer: status, redirect, cookies set, body, and its content type. */
  record Answer(int status, String location, List<String> setCookies, String body, String type) {}

  private final URI base;
  private final String host;
  private final int connectMs;
  private final int readMs;

  Browser(URI base, int connectMs, int readMs) {
    this.base = base;
    this.host = base.getRawAuthority();
    this.connectMs = connectMs;
    this.readMs = readMs;
  }

  /** The balancer's host and port, which every server of the fleet answers for. */
  String host() {
    return host;
  }

  /** A request to the app server on {@code port}, keeping the cookies it sets in {@code jar}. */
  Answer app(String method, int port, String pathAndQuery, Map<String, String> jar)
      throws IOException {
    Answer a =
        send(
            method,
            URI.create("http://127.0.0.1:" + port + pathAndQuery),
            host,
            jar,
            Map.of(),
            "state=bench");
    for (String c : a.setCookies()) {
      String pair = c.split(";", 2)[0];
      int eq = pair.indexOf('=');
      String name = pair.substring(0, eq).strip();
      String value = pair.substring(eq + 1).strip();
      if (value.isEmpty() || c.toLowerCase(Locale.ROOT).contains("max-age=0")) {
        jar.remove(name);
      } else {
        jar.put(name, value);
      }
    }
    return a;
  }

  /** A redirect's path and query, resolved against the balancer's base URL. */
  String pathAndQuery(String location) {
    URI u = base.resolve(location);
    return u.getRawPath() + (u.getRawQuery() == null ? "" : "?" + u.getRawQuery());
  }

  /**
   * One request. A POST carries {@code form} and, unless {@code headers} says otherwise, the
   * same-origin {@code Origin} and {@code Sec-Fetch-Site} of a browser's form.
   */
  Answer send(
      String method,
      URI url,
      String hostHeader,
      Map<String, String> jar,
      Map<String, String> headers,
      String form)
      throws IOException {
    HttpURLConnection c = (HttpURLConnection) url.toURL().openConnection();
    c.setInstanceFollowRedirects(false);
    c.setConnectTimeout(connectMs);
    c.setReadTimeout(readMs);
    c.setRequestMethod(method);
    if (hostHeader != null) {
      c.setRequestProperty("Host", hostHeader);
    }
    if (jar != null && !jar.isEmpty()) {
      StringBuilder cookie = new StringBuilder();
      jar.forEach(
          (k, v) ->
              cookie.append(cookie.length() == 0 ? "" : "; ").append(k).append('=').append(v));
      c.setRequestProperty("Cookie", cookie.toString());
    }
    if (method.equals("POST")) {
      c.setRequestProperty("Origin", base.getScheme() + "://" + host);
      c.setRequestProperty("Sec-Fetch-Site", "same-origin");
      c.setRequestProperty("Content-Type", "application/x-www-form-urlencoded");
    }
    headers.forEach(c::setRequestProperty);
    if (method.equals("POST")) {
      c.setDoOutput(true);
      try (OutputStream out = c.getOutputStream()) {
        out.write(form.getBytes(StandardCharsets.UTF_8));
      }
    }
    int status = c.getResponseCode();
    String body;
    // Read to the end either way, so that the connection goes back to the keep-alive pool.
    try (InputStream in = status < 400 ? c.getInputStream() : c.getErrorStream()) {
      body = in == null ? "" : new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
    List<String> cookies = c.getHeaderFields().getOrDefault("Set-Cookie", List.of());
    return new Answer(status, c.getHeaderField("Location"), cookies, body, c.getContentType());
  }
}
