package org.oauthdropins.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The default transport's bounds (issue 14, finding 10). */
class JdkTransportTest {

  @Test
  void theTimeLimitBoundsTheWholeExchangeIncludingABodyThatTricklesForever() throws IOException {
    // Headers at once, then one byte every 50 ms for 20 s: each read is quick, the body never ends.
    try (SlowServer slow = new SlowServer(50, 20_000)) {
      assertGivesUpWithinTheLimit(slow);
    }
  }

  @Test
  void theTimeLimitAlsoEndsABodyThatStopsAfterTheHeaders() throws IOException {
    // Headers and one byte, then silence for a minute: no read ever returns to notice the time.
    try (SlowServer silent = new SlowServer(60_000, 60_000)) {
      assertGivesUpWithinTheLimit(silent);
    }
  }

  private static void assertGivesUpWithinTheLimit(SlowServer server) {
    JdkTransport t =
        new JdkTransport(
            new Limits(Duration.ofSeconds(1), Duration.ofMillis(500), 1 << 20, "test-agent"));
    long began = System.nanoTime();
    assertThatThrownBy(() -> t.send(HttpCall.get(server.url("/")))).isInstanceOf(IOException.class);
    // Generous: the limit is 0.5 s; without a bound on the body this takes the server's 20 s or
    // more.
    assertThat(Duration.ofNanos(System.nanoTime() - began)).isLessThan(Duration.ofSeconds(8));
  }

  /**
   * A call runs on the caller's thread: no thread is started per call (as {@code
   * HttpClient.sendAsync} did on a machine with fewer than three cores, a thread per task), nor
   * kept for the transport's own use.
   */
  @Test
  void callsStartNoThreadOfTheirOwn() throws IOException {
    HttpServer server =
        HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext(
        "/",
        exchange -> {
          byte[] body = "{}".getBytes(StandardCharsets.UTF_8);
          exchange.sendResponseHeaders(200, body.length);
          exchange.getResponseBody().write(body);
          exchange.close();
        });
    server.start();
    try {
      JdkTransport t = new JdkTransport(Limits.DEFAULT);
      URI url = URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/");
      for (int i = 0; i < 10; i++) {
        t.send(HttpCall.get(url)); // the client's own threads start here
      }
      var threads = ManagementFactory.getThreadMXBean();
      long before = threads.getTotalStartedThreadCount();
      for (int i = 0; i < 100; i++) {
        assertThat(t.send(HttpCall.get(url)).status()).isEqualTo(200);
      }
      assertThat(threads.getTotalStartedThreadCount() - before).isLessThan(20);
    } finally {
      server.stop(0);
    }
  }
}
