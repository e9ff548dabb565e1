package org.oauthdropins.http;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A loopback server that answers every request slowly: it sends its status line and headers at
 * once, then trickles the body one byte per {@code pause} until {@code lifetime} has passed, so a
 * client that bounds only the wait for headers is held for the whole lifetime.
 */
public final class SlowServer implements AutoCloseable {

  private final ServerSocket socket;
  private final long pauseMillis;
  private final long lifetimeMillis;
  private final AtomicInteger requests = new AtomicInteger();

  public SlowServer(long pauseMillis, long lifetimeMillis) throws IOException {
    this.socket = new ServerSocket(0, 16, InetAddress.getLoopbackAddress());
    this.pauseMillis = pauseMillis;
    this.lifetimeMillis = lifetimeMillis;
    Thread t = new Thread(this::serve, "slow-server");
    t.setDaemon(true);
    t.start();
  }

  public URI url(String path) {
    return URI.create("http://127.0.0.1:" + socket.getLocalPort() + path);
  }

  public int requests() {
    return requests.get();
  }

  private void serve() {
    while (!socket.isClosed()) {
      try {
        Socket s = socket.accept();
        requests.incrementAndGet();
        Thread t = new Thread(() -> trickle(s), "slow-server-conn");
        t.setDaemon(true);
        t.start();
      } catch (IOException e) {
        return;
      }
    }
  }

  private void trickle(Socket s) {
    try (s) {
      InputStream in = s.getInputStream();
      // Read the request head, up to the empty line.
      int state = 0;
      while (state < 4) {
        int c = in.read();
        if (c == -1) {
          return;
        }
        state =
            (c == '\r' && (state == 0 || state == 2)) || (c == '\n' && (state == 1 || state == 3))
                ? state + 1
                : 0;
      }
      OutputStream out = s.getOutputStream();
      out.write(
          ("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 100000\r\n\r\n")
              .getBytes(StandardCharsets.ISO_8859_1));
      out.flush();
      long end = System.nanoTime() + lifetimeMillis * 1_000_000;
      while (System.nanoTime() < end) {
        out.write(' ');
        out.flush();
        Thread.sleep(pauseMillis);
      }
    } catch (IOException e) {
      // the client gave up, as it should
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @Override
  public void close() throws IOException {
    socket.close();
  }
}
