package org.oauthdropins.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.oauthdropins.http.Loopback.answerEach;
import static org.oauthdropins.http.Loopback.bytes;

import java.io.IOException;
import java.net.InetAddress;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The default transport's check of an idle connection before a request it will not send twice: it
 * must not cost a connection the server kept open. (The rule itself, that a POST written whole is
 * never sent again, is {@link TrustedContract}'s, held on every transport.)
 */
class NoSecondSendTest {

  private static final Limits LIMITS =
      new Limits(Duration.ofSeconds(2), Duration.ofSeconds(2), 1 << 16, "test-agent");

  private final JdkTransport transport = new JdkTransport(LIMITS, OutboundProxy.NONE);
  private Loopback server;

  @AfterEach
  void stop() throws IOException {
    if (server != null) {
      server.close();
    }
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
      Thread.sleep(Fetch.CHECK_AFTER_IDLE_MILLIS + 100);
    }

    assertThat(server.received("POST /token")).isEqualTo(3);
    assertThat(server.connections()).as("one connection, checked and kept").isEqualTo(1);
  }

  @FunctionalInterface
  private interface Sender {
    HttpResult send(HttpCall call) throws IOException;
  }
}
