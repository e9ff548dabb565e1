package org.oauthdropins.datastore;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A loopback HTTP forwarder in front of the Datastore emulator that counts the RPCs passing through
 * it by method ({@code lookup}, {@code beginTransaction}, {@code commit}, {@code runQuery}...):
 * each is one round trip a store makes to Datastore, which is what a test of round trips counts.
 */
final class RpcCounter implements AutoCloseable {

  /** Request headers the forwarding client sets itself. */
  private static final Set<String> OWN =
      Set.of("host", "content-length", "connection", "upgrade", "expect", "transfer-encoding");

  private final HttpServer server;
  private final String target;
  private final HttpClient http =
      HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
  private final Map<String, AtomicInteger> counts = new ConcurrentHashMap<>();

  RpcCounter(String targetHostPort) {
    this.target = "http://" + targetHostPort;
    try {
      server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 50);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    server.createContext("/", this::forward);
    server.start();
  }

  /** {@code 127.0.0.1:PORT}, for a store's emulator host. */
  String hostPort() {
    return "127.0.0.1:" + server.getAddress().getPort();
  }

  /** The RPCs since the last call, by method, sorted; and starts counting afresh. */
  synchronized Map<String, Integer> take() {
    Map<String, Integer> out = new TreeMap<>();
    counts.forEach((m, n) -> out.put(m, n.getAndSet(0)));
    out.values().removeIf(n -> n == 0);
    return out;
  }

  private void forward(HttpExchange ex) throws IOException {
    try (ex) {
      String path = ex.getRequestURI().getRawPath();
      int colon = path.lastIndexOf(':');
      if (colon >= 0) {
        counts
            .computeIfAbsent(path.substring(colon + 1), m -> new AtomicInteger())
            .incrementAndGet();
      }
      HttpRequest.Builder req =
          HttpRequest.newBuilder(URI.create(target + ex.getRequestURI()))
              .method(
                  ex.getRequestMethod(),
                  HttpRequest.BodyPublishers.ofByteArray(ex.getRequestBody().readAllBytes()));
      ex.getRequestHeaders()
          .forEach(
              (name, values) -> {
                if (!OWN.contains(name.toLowerCase())) {
                  values.forEach(v -> req.header(name, v));
                }
              });
      HttpResponse<byte[]> res;
      try {
        res = http.send(req.build(), HttpResponse.BodyHandlers.ofByteArray());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IOException(e);
      }
      res.headers()
          .map()
          .forEach(
              (name, values) -> {
                if (!OWN.contains(name.toLowerCase()) && !name.startsWith(":")) {
                  ex.getResponseHeaders().put(name, List.copyOf(values));
                }
              });
      byte[] body = res.body();
      ex.sendResponseHeaders(res.statusCode(), body.length == 0 ? -1 : body.length);
      ex.getResponseBody().write(body);
    }
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
