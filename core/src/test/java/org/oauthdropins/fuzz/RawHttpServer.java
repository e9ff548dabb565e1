package org.oauthdropins.fuzz;

import com.code_intelligence.jazzer.api.BugDetectors;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.oauthdropins.http.GuardPolicy;
import org.oauthdropins.http.GuardedTransport;
import org.oauthdropins.http.Limits;
import org.oauthdropins.http.Transports;

/**
 * A loopback server that answers each connection with raw bytes the fuzzer chose, so that targets
 * reach the guard's own HTTP/1.1 reader through its public {@code send}, exactly as a hostile
 * server would. The n-th connection of one input gets the n-th answer (the last one repeats).
 *
 * <p>A JUnit extension, so a test class holds one for all its inputs: {@code @RegisterExtension
 * static final RawHttpServer SERVER = new RawHttpServer();} listens from before the class's first
 * test until after its last.
 */
public final class RawHttpServer implements BeforeAllCallback, AfterAllCallback {

  private final AtomicReference<List<byte[]>> answers = new AtomicReference<>(List.of());
  private final AtomicInteger served = new AtomicInteger();
  private ServerSocket server;

  @Override
  public void beforeAll(ExtensionContext context) throws IOException {
    server = new ServerSocket();
    server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
    ServerSocket listening = server;
    Thread t = new Thread(() -> loop(listening), "raw-http-server");
    t.setDaemon(true);
    t.start();
  }

  @Override
  public void afterAll(ExtensionContext context) throws IOException {
    server.close();
  }

  /** The answers for the next input's connections, in order. */
  public void answer(List<byte[]> next) {
    allowConnections();
    served.set(0);
    answers.set(List.copyOf(next));
  }

  /**
   * Tells Jazzer's SSRF detector that these connections are the point: every name resolves to
   * loopback (see {@link #guard()}), so the fuzzer's redirects stay on this machine. The permission
   * belongs to the calling thread, and fuzzing runs on another thread than the seeds, so it is
   * given for every input. Without Jazzer's agent (a plain {@code @Test}) there is no detector to
   * tell.
   */
  private static void allowConnections() {
    try {
      BugDetectors.allowNetworkConnections();
    } catch (IllegalStateException noAgent) {
      // no detector loaded
    }
  }

  /** http://127.0.0.1:port + path. */
  public URI uri(String path) {
    return URI.create("http://127.0.0.1:" + server.getLocalPort() + path);
  }

  /**
   * A guard that allows plain http and loopback, resolves every name to loopback, and gives up
   * fast: the fuzzer's bytes are the only server it can reach.
   */
  public static GuardedTransport guard() {
    return guard(Transports.OWN);
  }

  /** The same guard on another implementation of the transports (the module http-apache's). */
  public static GuardedTransport guard(Transports transports) {
    GuardPolicy policy =
        new GuardPolicy(true, true, 3, host -> List.of(InetAddress.getLoopbackAddress()));
    Limits limits = new Limits(Duration.ofMillis(500), Duration.ofSeconds(3), 64 * 1024, "fuzz");
    return transports.guard(policy, limits);
  }

  private void loop(ServerSocket server) {
    while (!server.isClosed()) {
      try (Socket s = server.accept()) {
        s.setSoTimeout(2000);
        readHead(s.getInputStream());
        List<byte[]> all = answers.get();
        int n = served.getAndIncrement();
        byte[] answer = all.isEmpty() ? new byte[0] : all.get(Math.min(n, all.size() - 1));
        OutputStream out = s.getOutputStream();
        out.write(answer);
        out.flush();
        s.shutdownOutput();
      } catch (IOException e) {
        // the client gave up or the server closed: next connection
      }
    }
  }

  /** Reads the request head, so that closing does not reset a connection with unread bytes. */
  private static void readHead(InputStream in) throws IOException {
    ByteArrayOutputStream b = new ByteArrayOutputStream();
    int matched = 0;
    byte[] end = {'\r', '\n', '\r', '\n'};
    while (matched < 4 && b.size() < 64 * 1024) {
      int c = in.read();
      if (c == -1) {
        return;
      }
      b.write(c);
      matched = c == end[matched] ? matched + 1 : (c == '\r' ? 1 : 0);
    }
  }
}
