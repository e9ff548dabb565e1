package org.oauthdropins.http;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.IOException;
import java.net.URI;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.oauthdropins.fuzz.Fuzz;
import org.oauthdropins.fuzz.Input;
import org.oauthdropins.fuzz.RawHttpServer;

/**
 * The guard's own HTTP/1.1 reader faces any server a user names: status lines, headers, chunked and
 * sized bodies, redirects. It refuses with {@link IOException} ({@link UnsafeUrlException}
 * included) and nothing else.
 */
class GuardedTransportFuzzTest {

  @RegisterExtension static final RawHttpServer server = new RawHttpServer();
  private static final GuardedTransport GUARD = RawHttpServer.guard();

  /**
   * A host name that DNS accepts but TLS cannot name (a trailing dot, an underscore): the guard
   * refuses it with an {@link IOException}, as it does every unreachable server. Not a corpus input
   * because it needs this server's port.
   */
  @Test
  void aHostNameTlsCannotNameIsAnIOExceptionNotACrash() {
    for (String host : List.of("example.com.", "a_b.example")) {
      URI uri = URI.create("https://" + host + ":" + server.uri("/").getPort() + "/");
      assertThatThrownBy(() -> GUARD.send(HttpCall.get(uri))).isInstanceOf(IOException.class);
    }
  }

  /** Input: a method byte, then raw answers separated by NUL bytes (redirect hops use the next). */
  @FuzzTest
  void read(byte[] data) {
    read(GUARD, server, data);
  }

  /**
   * The fuzz target's body, for any guard: the module {@code http-apache} replays this target's
   * seeds through its own guard with it.
   */
  static void read(GuardedTransport guard, RawHttpServer server, byte[] data) {
    Input in = new Input(data);
    String method = in.pick("GET", "POST", "HEAD");
    server.answer(in.parts());
    HttpCall call =
        new HttpCall(
            method,
            server.uri("/x"),
            java.util.List.of(),
            method.equals("POST") ? new byte[1] : null);
    Fuzz.refusesOnly(
        () -> {
          HttpResult r = guard.send(call);
          if (r.body().length > 64 * 1024) {
            throw new AssertionError("body above the size limit: " + r.body().length);
          }
        },
        IOException.class);
  }
}
