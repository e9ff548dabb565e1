package org.oauthdropins.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The default transport never sends a request the server may have acted on a second time (RFC 9110
 * §9.2.2): a POST that was written whole on a reused connection and got no answer fails, since the
 * server may have redeemed its code or rotated its refresh token before the connection broke; an
 * idempotent request, or one that broke off while it was being written, goes once more on a new
 * connection. A raw loopback server closes connections where each test says.
 */
class NoSecondSendTest {

  private static final Limits LIMITS =
      new Limits(Duration.ofSeconds(2), Duration.ofSeconds(2), 1 << 16, "test-agent");

  private static final String OK = "HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok";

  private final JdkTransport transport = new JdkTransport(LIMITS, OutboundProxy.NONE);
  private Loopback server;

  @AfterEach
  void stop() throws IOException {
    if (server != null) {
      server.close();
    }
  }

  @Test
  void aPostTheServerReadWholeOnAReusedConnectionAndLeftUnansweredIsNotSentAgain()
      throws IOException {
    server = new Loopback(NoSecondSendTest::readsTheSecondAndHangsUp);
    assertThat(transport.send(call("POST", "/first")).text()).isEqualTo("ok");

    Throwable failure = catchThrowable(() -> transport.send(call("POST", "/token")));

    assertThat(server.received("POST /token"))
        .as("the server got the token request, and got it once")
        .isEqualTo(1);
    assertThat(failure).isInstanceOf(IOException.class);
  }

  @Test
  void aGetTheServerReadWholeOnAReusedConnectionAndLeftUnansweredIsSentOnceMore()
      throws IOException {
    server = new Loopback(NoSecondSendTest::readsTheSecondAndHangsUp);
    assertThat(transport.send(call("GET", "/first")).text()).isEqualTo("ok");

    assertThat(transport.send(call("GET", "/profile")).text()).isEqualTo("ok");

    assertThat(server.received("GET /profile")).isEqualTo(2);
    assertThat(server.connections()).isEqualTo(2);
  }

  @Test
  void aPostOnAConnectionTheServerClosedWhileIdleGoesOnANewOneOnce() throws Exception {
    server =
        new Loopback(
            (n, in, out) -> {
              answer(in, out); // then the connection ends, as a server's idle timeout ends it
              if (n > 1) {
                answerEach(in, out);
              }
            });
    assertThat(transport.send(call("POST", "/first")).text()).isEqualTo("ok");
    Thread.sleep(KeepAliveClient.CHECK_AFTER_IDLE_MILLIS + 300);

    assertThat(transport.send(call("POST", "/token")).text()).isEqualTo("ok");

    assertThat(server.received("POST /token")).isEqualTo(1);
    assertThat(server.connections()).isEqualTo(2);
  }

  @Test
  void aPostOnAConnectionIdleLongEnoughToBeCheckedStillReusesAnOpenOne() throws Exception {
    server = new Loopback((n, in, out) -> answerEach(in, out));

    postsAfterIdleOnOneConnection(transport::send, "http");
  }

  @Test
  void aPostOnAnIdleTlsConnectionStillReusesAnOpenOne(@TempDir Path dir) throws Exception {
    // The check's read times out inside the TLS layer; the connection must stay fit for use.
    TestTls tls = TestTls.create(dir);
    server =
        new Loopback(
            tls.server()
                .getServerSocketFactory()
                .createServerSocket(0, 8, InetAddress.getLoopbackAddress()),
            (n, in, out) -> answerEach(in, out));
    // Reuse is tested, not limits: a first handshake on a loaded machine is slow.
    Limits patient = new Limits(Duration.ofSeconds(10), Duration.ofSeconds(10), 1 << 16, "test");
    KeepAliveClient secure =
        new KeepAliveClient(patient, OutboundProxy.NONE, tls.client().getSocketFactory());

    postsAfterIdleOnOneConnection(secure::send, "https");
  }

  private void postsAfterIdleOnOneConnection(Sender client, String scheme) throws Exception {
    URI url = URI.create(scheme + server.url("/token").toString().substring(4));
    for (int i = 0; i < 3; i++) {
      HttpCall post = new HttpCall("POST", url, List.of(), bytes("grant_type=refresh_token"));
      assertThat(client.send(post).text()).isEqualTo("ok");
      Thread.sleep(KeepAliveClient.CHECK_AFTER_IDLE_MILLIS + 100);
    }

    assertThat(server.received("POST /token")).isEqualTo(3);
    assertThat(server.connections()).as("one connection, checked and kept").isEqualTo(1);
  }

  @FunctionalInterface
  private interface Sender {
    HttpResult send(HttpCall call) throws IOException;
  }

  @Test
  void aPostThatBrokeOffWhileBeingWrittenGoesOnceMoreOnANewConnection() throws IOException {
    // Larger than the loopback socket buffers, so that the write is still under way when the
    // server hangs up on a request it has only the head of (its unread bytes make that a reset).
    byte[] body = new byte[32 << 20];
    server =
        new Loopback(
            (n, in, out) -> {
              if (n > 1) {
                answerEach(in, out);
                return;
              }
              answer(in, out);
              readHead(in);
            });
    assertThat(transport.send(call("POST", "/first")).text()).isEqualTo("ok");

    HttpCall big = new HttpCall("POST", server.url("/token"), List.of(), body);
    assertThat(transport.send(big).text()).isEqualTo("ok");

    assertThat(server.whole("POST /token")).as("whole requests the server read").isEqualTo(1);
    assertThat(server.connections()).isEqualTo(2);
  }

  /** Answers the first request with keep-alive, reads the second whole and closes unanswered. */
  private static void readsTheSecondAndHangsUp(int n, InputStream in, OutputStream out)
      throws IOException {
    if (n > 1) {
      answerEach(in, out); // where a second send would land
      return;
    }
    answer(in, out);
    readHead(in).readBody(in);
  }

  private HttpCall call(String method, String path) {
    byte[] body = method.equals("POST") ? bytes("grant_type=refresh_token&x=1") : new byte[0];
    return new HttpCall(method, server.url(path), List.of(), body);
  }

  private static void answer(InputStream in, OutputStream out) throws IOException {
    Head head = readHead(in);
    if (head != null) {
      head.readBody(in);
      out.write(bytes(OK));
      out.flush();
    }
  }

  private static void answerEach(InputStream in, OutputStream out) throws IOException {
    for (Head head = readHead(in); head != null; head = readHead(in)) {
      head.readBody(in);
      out.write(bytes(OK));
      out.flush();
    }
  }

  private static Head readHead(InputStream in) throws IOException {
    StringBuilder text = new StringBuilder();
    int c;
    while (!text.toString().endsWith("\r\n\r\n")) {
      if ((c = in.read()) < 0) {
        return null;
      }
      text.append((char) c);
    }
    Head head = new Head(text.toString());
    CURRENT.get().heads.add(head);
    return head;
  }

  private static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.ISO_8859_1);
  }

  /** The server whose connection this thread serves. */
  private static final ThreadLocal<Loopback> CURRENT = new ThreadLocal<>();

  /** One request's head as the server read it, and whether it went on to read all its body. */
  private static final class Head {
    final String line;
    final int length;
    volatile boolean whole;

    Head(String text) {
      this.line = text.substring(0, text.indexOf("\r\n"));
      int l = 0;
      for (String h : text.split("\r\n")) {
        if (h.toLowerCase(Locale.ROOT).startsWith("content-length:")) {
          l = Integer.parseInt(h.substring(15).strip());
        }
      }
      this.length = l;
    }

    void readBody(InputStream in) throws IOException {
      new DataInputStream(in).readFully(new byte[length]);
      whole = true;
    }
  }

  @FunctionalInterface
  private interface Connection {
    void serve(int n, InputStream in, OutputStream out) throws IOException;
  }

  private static final class Loopback implements AutoCloseable {
    private final ServerSocket socket;
    private final AtomicInteger accepted = new AtomicInteger();
    final List<Head> heads = new CopyOnWriteArrayList<>();

    Loopback(Connection each) throws IOException {
      this(new ServerSocket(0, 8, InetAddress.getLoopbackAddress()), each);
    }

    Loopback(ServerSocket socket, Connection each) {
      this.socket = socket;
      Thread t = new Thread(() -> accept(each), "no-second-send-server");
      t.setDaemon(true);
      t.start();
    }

    private void accept(Connection each) {
      while (true) {
        Socket s;
        try {
          s = socket.accept();
        } catch (IOException e) {
          return; // closed at the end of the test
        }
        int n = accepted.incrementAndGet();
        Thread t =
            new Thread(
                () -> {
                  CURRENT.set(this);
                  try (s) {
                    each.serve(n, s.getInputStream(), s.getOutputStream());
                  } catch (IOException e) {
                    // the client hung up: the counts say what the server saw
                  }
                });
        t.setDaemon(true);
        t.start();
      }
    }

    URI url(String path) {
      return URI.create("http://127.0.0.1:" + socket.getLocalPort() + path);
    }

    int connections() {
      return accepted.get();
    }

    /**
     * How many times a request with this method and path reached the server (its head at least).
     */
    long received(String methodAndPath) {
      return heads.stream().filter(h -> h.line.startsWith(methodAndPath + " ")).count();
    }

    /** How many of them the server read to the end of their body. */
    long whole(String methodAndPath) {
      return heads.stream().filter(h -> h.whole && h.line.startsWith(methodAndPath + " ")).count();
    }

    @Override
    public void close() throws IOException {
      socket.close();
    }
  }
}
