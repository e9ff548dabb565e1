package org.oauthdropins.testkit;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Function;
import org.oauthdropins.internal.http.Form;

/**
 * A tiny HTTP server on a loopback port, in process: the ground every fake stands on. Routes are
 * exact paths; anything else is a 404.
 */
public final class FakeServer implements AutoCloseable {

  private static final int MAX_BODY = 1 << 20;

  private final HttpServer server;
  private final ExecutorService executor;
  private final Map<String, Function<FakeRequest, FakeResponse>> routes = new ConcurrentHashMap<>();
  private final Map<String, Function<FakeRequest, FakeResponse>> prefixes =
      new ConcurrentHashMap<>();

  /** Starts a server on a free loopback port. */
  public FakeServer() {
    try {
      server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 64);
    } catch (IOException e) {
      throw new IllegalStateException("cannot open a loopback port", e);
    }
    executor =
        Executors.newCachedThreadPool(
            r -> {
              Thread t = new Thread(r, "fake-" + server.getAddress().getPort());
              t.setDaemon(true);
              return t;
            });
    server.setExecutor(executor);
    server.createContext("/", this::handle);
    server.start();
  }

  /** {@code http://127.0.0.1:PORT}, without a trailing slash. */
  public URI url() {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
  }

  /** Answers requests to this exact path. */
  public FakeServer route(String path, Function<FakeRequest, FakeResponse> handler) {
    routes.put(path, handler);
    return this;
  }

  /**
   * Answers requests to paths under this prefix that no exact route takes, for paths that carry a
   * value (MiAuth's {@code /miauth/<session>}).
   */
  public FakeServer routeUnder(String prefix, Function<FakeRequest, FakeResponse> handler) {
    prefixes.put(prefix, handler);
    return this;
  }

  @Override
  public void close() {
    server.stop(0);
    executor.shutdownNow();
  }

  private void handle(HttpExchange ex) throws IOException {
    FakeResponse response;
    try {
      FakeRequest request = read(ex);
      String path = ex.getRequestURI().getPath();
      Function<FakeRequest, FakeResponse> route = routes.get(path);
      if (route == null) {
        route =
            prefixes.entrySet().stream()
                .filter(e -> path.startsWith(e.getKey()))
                .map(Map.Entry::getValue)
                .findFirst()
                .orElse(null);
      }
      response = route == null ? FakeResponse.text(404, "no such page\n") : route.apply(request);
    } catch (RuntimeException e) {
      response = FakeResponse.text(500, "fake failed: " + e + "\n");
    }
    byte[] body = response.body().getBytes(StandardCharsets.UTF_8);
    ex.getResponseHeaders().set("Content-Type", response.contentType());
    response.headers().forEach(h -> ex.getResponseHeaders().add(h.getKey(), h.getValue()));
    ex.sendResponseHeaders(response.status(), body.length == 0 ? -1 : body.length);
    try (OutputStream out = ex.getResponseBody()) {
      out.write(body);
    }
  }

  private static FakeRequest read(HttpExchange ex) throws IOException {
    byte[] raw;
    try (InputStream in = ex.getRequestBody()) {
      raw = in.readNBytes(MAX_BODY);
    }
    String body = new String(raw, StandardCharsets.UTF_8);
    Map<String, String> params = new LinkedHashMap<>(Form.decode(ex.getRequestURI().getRawQuery()));
    String type = ex.getRequestHeaders().getFirst("Content-Type");
    if (type != null && type.startsWith("application/x-www-form-urlencoded")) {
      Form.decode(body).forEach(params::putIfAbsent);
    }
    Map<String, List<String>> headers = new LinkedHashMap<>();
    ex.getRequestHeaders().forEach((k, v) -> headers.put(k.toLowerCase(Locale.ROOT), v));
    return new FakeRequest(ex.getRequestMethod(), ex.getRequestURI(), headers, body, params);
  }
}
