package org.oauthdropins.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.sun.net.httpserver.HttpServer;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The transport to the app's servers: its connection reuse, against a loopback server on raw
 * sockets that answers each request as a test scripts it and records every request and connection
 * it sees, and its time limits. The contract every such transport is held to ({@link
 * KeepAliveClientTest} for the library's own, the module {@code http-apache} for Apache
 * HttpClient's), with the same assertions.
 */
public abstract class TrustedContract {

  /** The implementation under test. */
  protected abstract Transports transports();

  private static final Limits LIMITS =
      new Limits(Duration.ofSeconds(2), Duration.ofMillis(800), 1 << 16, "test-agent");

  private final HttpTransport client =
      transports().trusted(LIMITS, OutboundProxy.NONE, null, GuardPolicy.Resolver.system());
  private Server server;

  @AfterEach
  void stop() throws IOException {
    if (server != null) {
      server.close();
    }
  }

  private static final String OK = "HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok";

  @Test
  void requestsToOneServerShareOneConnection() throws IOException {
    server = new Server((n, in, out) -> answerForever(in, out, OK));

    for (int i = 0; i < 5; i++) {
      assertThat(client.send(post("/token")).text()).isEqualTo("ok");
    }

    assertThat(server.connections()).isEqualTo(1);
    assertThat(server.requests()).hasSize(5).allMatch(r -> r.startsWith("POST /token HTTP/1.1"));
  }

  @Test
  void anAnswerThatAsksToCloseEndsItsConnection() throws IOException {
    server =
        new Server(
            (n, in, out) ->
                answerForever(
                    in,
                    out,
                    "HTTP/1.1 200 OK\r\nConnection: close\r\nContent-Length: 2\r\n\r\nok"));

    for (int i = 0; i < 3; i++) {
      assertThat(client.send(get("/")).text()).isEqualTo("ok");
    }

    assertThat(server.connections()).isEqualTo(3);
  }

  @Test
  void anAnswerWithoutALengthOrFromHttp10EndsItsConnection() throws IOException {
    AtomicInteger served = new AtomicInteger();
    server =
        new Server(
            (n, in, out) -> {
              readRequest(in);
              if (served.getAndIncrement() % 2 == 0) {
                out.write(bytes("HTTP/1.1 200 OK\r\n\r\nto the end"));
              } else {
                out.write(bytes("HTTP/1.0 200 OK\r\nContent-Length: 4\r\n\r\nold!"));
              }
            });

    assertThat(client.send(get("/")).text()).isEqualTo("to the end");
    assertThat(client.send(get("/")).text()).isEqualTo("old!");
    assertThat(client.send(get("/")).text()).isEqualTo("to the end");

    assertThat(server.connections()).isEqualTo(3);
  }

  @Test
  void anIdempotentRequestOnAConnectionTheServerClosedWhileIdleGoesOnceMoreOnANewOne()
      throws IOException {
    // Each connection carries one answer and is then closed without a word, as a server whose
    // idle timeout passed does. (A POST is not sent again: below.)
    server = new Server((n, in, out) -> answerOnce(in, out, OK));

    for (int i = 0; i < 4; i++) {
      assertThat(client.send(get("/")).text()).isEqualTo("ok");
    }

    assertThat(server.requests()).as("each request reached the server once").hasSize(4);
  }

  @Test
  void aRequestWhoseAnswerBrokeOffHalfwayIsNotSentAgain() throws IOException {
    server =
        new Server(
            (n, in, out) -> {
              if (n > 1) {
                answerForever(in, out, OK); // a second connection would be a retry
                return;
              }
              answerOnce(in, out, OK);
              readRequest(in);
              out.write(bytes("HTTP/1.1 200 OK\r\nContent-Length: 10\r\n\r\nhal"));
            });
    client.send(post("/token"));

    assertThatThrownBy(() -> client.send(post("/token")))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("closed");

    assertThat(server.requests()).hasSize(2);
    assertThat(server.connections()).isEqualTo(1);
  }

  @Test
  void aRequestThatTimedOutOnAReusedConnectionIsNotSentAgain() throws IOException {
    server =
        new Server(
            (n, in, out) -> {
              if (n > 1) {
                answerForever(in, out, OK);
                return;
              }
              answerOnce(in, out, OK);
              readRequest(in);
              sleep(3_000); // no answer within the client's 0.8 s
            });
    client.send(post("/token"));

    long began = System.nanoTime();
    assertThatThrownBy(() -> client.send(post("/token")))
        .isInstanceOf(SocketTimeoutException.class);

    assertThat(Duration.ofNanos(System.nanoTime() - began)).isLessThan(Duration.ofSeconds(2));
    assertThat(server.requests()).hasSize(2);
    assertThat(server.connections()).isEqualTo(1);
  }

  @Test
  void bytesAServerSendsOnAnIdleConnectionAreNeverTakenForTheNextAnswer() throws Exception {
    // After its answer the server sends a parting 408 on the idle connection; the next request must
    // go on a new connection and get its own answer.
    server =
        new Server(
            (n, in, out) -> {
              readRequest(in);
              out.write(bytes("HTTP/1.1 200 OK\r\nContent-Length: 5\r\n\r\nfirst"));
              out.flush();
              sleep(100);
              out.write(bytes("HTTP/1.1 408 Request Timeout\r\nContent-Length: 0\r\n\r\n"));
              out.flush();
              answerForever(in, out, "HTTP/1.1 200 OK\r\nContent-Length: 5\r\n\r\nlater");
            });
    assertThat(client.send(get("/")).text()).isEqualTo("first");
    Thread.sleep(300);

    HttpResult next = client.send(get("/"));

    assertThat(next.status()).isEqualTo(200);
    assertThat(next.text()).isEqualTo("first");
    assertThat(server.connections()).isEqualTo(2);
  }

  @Test
  void anAnswerFollowedAtOnceByMoreBytesEndsItsConnection() throws IOException {
    // A second, unasked answer in the same write: kept, it would become the next request's answer.
    server =
        new Server(
            (n, in, out) -> {
              readRequest(in);
              out.write(bytes(OK + "HTTP/1.1 200 OK\r\nContent-Length: 8\r\n\r\nsmuggled"));
              out.flush();
              answerForever(in, out, OK);
            });

    assertThat(client.send(get("/")).text()).isEqualTo("ok");
    assertThat(client.send(get("/")).text()).isEqualTo("ok");

    assertThat(server.connections()).isEqualTo(2);
  }

  @Test
  void aKeptConnectionStillEndsATricklingBodyAtTheTimeLimit() throws IOException {
    server =
        new Server(
            (n, in, out) -> {
              answerOnce(in, out, OK);
              readRequest(in);
              out.write(bytes("HTTP/1.1 200 OK\r\nContent-Length: 1000\r\n\r\n"));
              for (int i = 0; i < 1000; i++) {
                out.write('x');
                out.flush();
                sleep(20);
              }
            });
    client.send(get("/"));

    long began = System.nanoTime();
    assertThatThrownBy(() -> client.send(get("/"))).isInstanceOf(SocketTimeoutException.class);
    assertThat(Duration.ofNanos(System.nanoTime() - began)).isLessThan(Duration.ofSeconds(3));
  }

  @Test
  void httpsConnectionsAreKeptToo(@TempDir Path dir) throws Exception {
    TestTls tls = TestTls.create(dir);
    HttpsServer https =
        HttpsServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 4);
    https.setHttpsConfigurator(new HttpsConfigurator(tls.server()));
    Set<InetSocketAddress> peers = ConcurrentHashMap.newKeySet();
    https.createContext(
        "/",
        ex -> {
          peers.add(ex.getRemoteAddress());
          byte[] body = bytes("secure");
          ex.sendResponseHeaders(200, body.length);
          ex.getResponseBody().write(body);
          ex.close();
        });
    https.start();
    try {
      // Reuse is what is tested, not time limits: a first TLS handshake on a loaded machine (a cold
      // JIT, the JDK's HttpsServer) took longer than the other tests' 800 ms and failed it.
      Limits patient = new Limits(Duration.ofSeconds(10), Duration.ofSeconds(10), 1 << 16, "test");
      HttpTransport secure =
          transports()
              .trusted(
                  patient,
                  OutboundProxy.NONE,
                  tls.client().getSocketFactory(),
                  GuardPolicy.Resolver.system());
      URI url = URI.create("https://127.0.0.1:" + https.getAddress().getPort() + "/");
      for (int i = 0; i < 3; i++) {
        assertThat(secure.send(HttpCall.get(url)).text()).isEqualTo("secure");
      }
      assertThat(peers).as("one client port: one TLS connection").hasSize(1);
    } finally {
      https.stop(0);
    }
  }

  @Test
  void onlyHttpAndHttpsUrlsAreFetched() {
    assertThatThrownBy(() -> client.send(HttpCall.get(URI.create("ftp://example.com/"))))
        .isInstanceOf(IOException.class)
        .hasMessage("only http and https URLs with a host can be fetched");
  }

  /**
   * An answer over the cap costs its connection, not a download of what the server declared (a
   * client that closes a response by reading the rest of it, to keep the connection, as Apache
   * HttpClient does, read a gigabyte here).
   */
  @Test
  void aBodyOverTheCapIsNotDrainedToKeepTheConnection() throws Exception {
    AtomicLong sent = new AtomicLong();
    CountDownLatch hungUp = new CountDownLatch(1);
    try (ServerSocket server = new ServerSocket(0, 4, InetAddress.getLoopbackAddress())) {
      Thread serve =
          new Thread(
              () -> {
                try (Socket s = server.accept()) {
                  s.getInputStream().read(new byte[4096]);
                  OutputStream out = s.getOutputStream();
                  out.write(
                      "HTTP/1.1 200 OK\r\nContent-Length: 1000000000\r\n\r\n"
                          .getBytes(StandardCharsets.ISO_8859_1));
                  byte[] zeros = new byte[65536];
                  while (true) {
                    out.write(zeros);
                    sent.addAndGet(zeros.length);
                  }
                } catch (IOException e) {
                  hungUp.countDown(); // the client closed the connection
                }
              });
      serve.setDaemon(true);
      serve.start();
      Limits capped = new Limits(Duration.ofSeconds(2), Duration.ofSeconds(30), 4096, "test-agent");
      HttpTransport t =
          transports().trusted(capped, OutboundProxy.NONE, null, GuardPolicy.Resolver.system());
      URI url = URI.create("http://127.0.0.1:" + server.getLocalPort() + "/");
      assertThatThrownBy(() -> t.send(HttpCall.get(url)))
          .hasMessage("response body larger than 4096 bytes");
      assertThat(hungUp.await(5, TimeUnit.SECONDS)).as("the server was hung up on").isTrue();
      assertThat(sent.get()).as("bytes the server got out").isLessThan(64L << 20);
    }
  }

  // ---- no second send of a request the server may have acted on (RFC 9110 9.2.2; issue 23)

  private static final Limits ONE_SEND_LIMITS =
      new Limits(Duration.ofSeconds(2), Duration.ofSeconds(2), 1 << 16, "test-agent");

  private final HttpTransport transport =
      transports()
          .trusted(ONE_SEND_LIMITS, OutboundProxy.NONE, null, GuardPolicy.Resolver.system());
  private Loopback loopback;

  @AfterEach
  void stopLoopback() throws IOException {
    if (loopback != null) {
      loopback.close();
    }
  }

  @Test
  void aPostTheServerReadWholeOnAReusedConnectionAndLeftUnansweredIsNotSentAgain()
      throws IOException {
    loopback = new Loopback(Loopback::readsTheSecondAndHangsUp);
    assertThat(transport.send(call("POST", "/first")).text()).isEqualTo("ok");

    Throwable failure = catchThrowable(() -> transport.send(call("POST", "/token")));

    assertThat(loopback.received("POST /token"))
        .as("the server got the token request, and got it once")
        .isEqualTo(1);
    assertThat(failure).isInstanceOf(IOException.class);
  }

  @Test
  void aGetTheServerReadWholeOnAReusedConnectionAndLeftUnansweredIsSentOnceMore()
      throws IOException {
    loopback = new Loopback(Loopback::readsTheSecondAndHangsUp);
    assertThat(transport.send(call("GET", "/first")).text()).isEqualTo("ok");

    assertThat(transport.send(call("GET", "/profile")).text()).isEqualTo("ok");

    assertThat(loopback.received("GET /profile")).isEqualTo(2);
    assertThat(loopback.connections()).isEqualTo(2);
  }

  @Test
  void aPostOnAConnectionTheServerClosedWhileIdleGoesOnANewOneOnce() throws Exception {
    loopback =
        new Loopback(
            (n, in, out) -> {
              Loopback.answer(in, out); // then the connection ends, as a server's idle timeout
              if (n > 1) {
                Loopback.answerEach(in, out);
              }
            });
    assertThat(transport.send(call("POST", "/first")).text()).isEqualTo("ok");
    Thread.sleep(Fetch.CHECK_AFTER_IDLE_MILLIS + 300);

    assertThat(transport.send(call("POST", "/token")).text()).isEqualTo("ok");

    assertThat(loopback.received("POST /token")).isEqualTo(1);
    assertThat(loopback.connections()).isEqualTo(2);
  }

  @Test
  void aPostThatBrokeOffWhileBeingWrittenGoesOnceMoreOnANewConnection() throws IOException {
    // Larger than the loopback socket buffers, so that the write is still under way when the
    // server hangs up on a request it has only the head of (its unread bytes make that a reset).
    byte[] body = new byte[32 << 20];
    loopback =
        new Loopback(
            (n, in, out) -> {
              if (n > 1) {
                Loopback.answerEach(in, out);
                return;
              }
              Loopback.answer(in, out);
              Loopback.readHead(in);
            });
    assertThat(transport.send(call("POST", "/first")).text()).isEqualTo("ok");

    HttpCall big = new HttpCall("POST", loopback.url("/token"), List.of(), body);
    assertThat(transport.send(big).text()).isEqualTo("ok");

    assertThat(loopback.whole("POST /token")).as("whole requests the server read").isEqualTo(1);
    assertThat(loopback.connections()).isEqualTo(2);
  }

  private HttpCall call(String method, String path) {
    byte[] body = method.equals("POST") ? bytes("grant_type=refresh_token&x=1") : new byte[0];
    return new HttpCall(method, loopback.url(path), List.of(), body);
  }

  // ---- time limits (issue 14, finding 10)

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

  private void assertGivesUpWithinTheLimit(SlowServer server) {
    HttpTransport t =
        transports()
            .trusted(
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
      HttpTransport t = transports().trusted(Limits.DEFAULT);
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

  // ---- the scripted server

  private HttpCall get(String path) {
    return HttpCall.get(server.url(path));
  }

  private HttpCall post(String path) {
    return new HttpCall("POST", server.url(path), List.of(), bytes("code=abc"));
  }

  private static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.ISO_8859_1);
  }

  private static void sleep(long ms) {
    try {
      Thread.sleep(ms);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** What the server does with the {@code n}th connection it accepts (from 1). */
  @FunctionalInterface
  private interface Script {
    void run(int n, InputStream in, OutputStream out) throws IOException;
  }

  private void answerForever(InputStream in, OutputStream out, String answer) throws IOException {
    while (readRequest(in)) {
      out.write(bytes(answer));
      out.flush();
    }
  }

  private void answerOnce(InputStream in, OutputStream out, String answer) throws IOException {
    if (readRequest(in)) {
      out.write(bytes(answer));
      out.flush();
    }
  }

  /** Reads one request (head and Content-Length body), records its head; false at the end. */
  private boolean readRequest(InputStream in) throws IOException {
    ByteArrayOutputStream head = new ByteArrayOutputStream();
    int matched = 0;
    while (matched < 4) {
      int c = in.read();
      if (c == -1) {
        return false;
      }
      head.write(c);
      matched = (c == '\r' || c == '\n') && "\r\n\r\n".charAt(matched) == c ? matched + 1 : 0;
    }
    String text = head.toString(StandardCharsets.ISO_8859_1);
    int length = 0;
    for (String line : text.split("\r\n")) {
      if (line.toLowerCase().startsWith("content-length:")) {
        length = Integer.parseInt(line.substring(15).strip());
      }
    }
    in.readNBytes(length);
    server.requests.add(text);
    return true;
  }

  private static final class Server implements AutoCloseable {
    private final ServerSocket socket;
    private final AtomicInteger connections = new AtomicInteger();
    final List<String> requests = new CopyOnWriteArrayList<>();

    Server(Script script) throws IOException {
      socket = new ServerSocket(0, 16, InetAddress.getLoopbackAddress());
      Thread accept =
          new Thread(
              () -> {
                while (!socket.isClosed()) {
                  try {
                    Socket s = socket.accept();
                    int n = connections.incrementAndGet();
                    Thread t =
                        new Thread(
                            () -> {
                              try (s) {
                                script.run(n, s.getInputStream(), s.getOutputStream());
                              } catch (IOException e) {
                                // the client went away: the test sees what it saw
                              }
                            });
                    t.setDaemon(true);
                    t.start();
                  } catch (IOException e) {
                    return;
                  }
                }
              },
              "scripted-server");
      accept.setDaemon(true);
      accept.start();
    }

    URI url(String path) {
      return URI.create("http://127.0.0.1:" + socket.getLocalPort() + path);
    }

    int connections() {
      return connections.get();
    }

    List<String> requests() {
      return List.copyOf(requests);
    }

    @Override
    public void close() throws IOException {
      socket.close();
    }
  }
}
