package org.oauthdropins.testkit;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A small forward proxy on loopback, on real sockets, as a corporate proxy behaves: {@code CONNECT
 * host:port} opens a tunnel; an absolute-form request ({@code GET http://host/path}) is forwarded
 * once, with {@code Connection: close}. It records the first line of every request it is sent.
 */
final class ConnectProxy implements AutoCloseable {

  private final ServerSocket server;
  private final ExecutorService threads =
      Executors.newCachedThreadPool(
          r -> {
            Thread t = new Thread(r, "connect-proxy");
            t.setDaemon(true);
            return t;
          });
  private final List<String> requests = new CopyOnWriteArrayList<>();
  private final List<Socket> open = new CopyOnWriteArrayList<>();
  private final AtomicInteger forwarded = new AtomicInteger();
  private volatile int held = -1;

  ConnectProxy() throws IOException {
    server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    threads.execute(this::acceptLoop);
  }

  /** {@code http://127.0.0.1:PORT}. */
  String url() {
    return "http://127.0.0.1:" + server.getLocalPort();
  }

  /**
   * From now on, the {@code n}-th request (1 for the next; a tunnel's CONNECT or an absolute-form
   * request) is never answered: a server that hangs at that step of a login. The others are
   * forwarded.
   */
  void hold(int n) {
    held = forwarded.get() + n;
  }

  /** How many requests (tunnels and absolute-form requests) reached the proxy so far. */
  int forwarded() {
    return forwarded.get();
  }

  /** The request lines received, e.g. {@code CONNECT 127.0.0.1:4711}, in order. */
  List<String> requests() {
    return List.copyOf(requests);
  }

  private void acceptLoop() {
    while (!server.isClosed()) {
      try {
        Socket client = server.accept();
        open.add(client);
        threads.execute(() -> serve(client));
      } catch (IOException e) {
        return; // closed
      }
    }
  }

  private void serve(Socket client) {
    try (client) {
      InputStream in = client.getInputStream();
      String head = head(in);
      String[] lines = head.split("\r\n");
      String[] first = lines[0].split(" ");
      requests.add(first[0] + " " + first[1]);
      if (forwarded.incrementAndGet() == held) {
        // Hang: keep the connection open and say nothing until the client gives up.
        while (in.read() != -1) {
          // discard
        }
      } else if (first[0].equals("CONNECT")) {
        URI target = URI.create("//" + first[1]);
        try (Socket upstream = new Socket(target.getHost(), target.getPort())) {
          open.add(upstream);
          client
              .getOutputStream()
              .write(
                  "HTTP/1.1 200 Connection established\r\n\r\n"
                      .getBytes(StandardCharsets.US_ASCII));
          threads.execute(() -> pipe(client, upstream));
          pipe(upstream, client);
        }
      } else {
        forward(client, in, first, lines);
      }
    } catch (IOException e) {
      // the client or the server went away; a proxy just drops the connection
    }
  }

  private void forward(Socket client, InputStream in, String[] first, String[] lines)
      throws IOException {
    URI target = URI.create(first[1]);
    StringBuilder out = new StringBuilder();
    String path =
        target.getRawPath() + (target.getRawQuery() == null ? "" : "?" + target.getRawQuery());
    out.append(first[0]).append(' ').append(path).append(' ').append(first[2]).append("\r\n");
    int length = 0;
    for (int i = 1; i < lines.length; i++) {
      String name = lines[i].substring(0, lines[i].indexOf(':')).toLowerCase(Locale.ROOT);
      if (name.equals("connection") || name.equals("proxy-connection")) {
        continue;
      }
      if (name.equals("content-length")) {
        length = Integer.parseInt(lines[i].substring(lines[i].indexOf(':') + 1).strip());
      }
      out.append(lines[i]).append("\r\n");
    }
    out.append("Connection: close\r\n\r\n");
    byte[] body = in.readNBytes(length);
    int port = target.getPort() == -1 ? 80 : target.getPort();
    try (Socket upstream = new Socket(target.getHost(), port)) {
      open.add(upstream);
      OutputStream up = upstream.getOutputStream();
      up.write(out.toString().getBytes(StandardCharsets.ISO_8859_1));
      up.write(body);
      up.flush();
      InputStream answer = upstream.getInputStream();
      client.getOutputStream().write(headWithClose(answer));
      answer.transferTo(client.getOutputStream());
    }
  }

  /**
   * The answer's head as the proxy passes it on: it closes the client's connection after this one
   * answer, so it says so ({@code Connection: close}, as HTTP/1.1 requires of a server that will
   * not keep a connection), whatever the upstream server said.
   */
  private static byte[] headWithClose(InputStream answer) throws IOException {
    StringBuilder head = new StringBuilder();
    for (String line : head(answer).split("\r\n")) {
      if (!line.toLowerCase(Locale.ROOT).startsWith("connection:")) {
        head.append(line).append("\r\n");
      }
    }
    head.append("Connection: close\r\n\r\n");
    return head.toString().getBytes(StandardCharsets.ISO_8859_1);
  }

  /** Copies until either side closes, then closes both. */
  private static void pipe(Socket from, Socket to) {
    try {
      from.getInputStream().transferTo(to.getOutputStream());
    } catch (IOException e) {
      // closed
    } finally {
      try {
        to.shutdownOutput();
      } catch (IOException e) {
        // already closed
      }
    }
  }

  /** The request head, up to and without the blank line. */
  private static String head(InputStream in) throws IOException {
    ByteArrayOutputStream b = new ByteArrayOutputStream();
    int matched = 0;
    while (matched < 4) {
      int c = in.read();
      if (c == -1 || b.size() > 64 * 1024) {
        throw new IOException("no request");
      }
      b.write(c);
      matched = (c == "\r\n\r\n".charAt(matched)) ? matched + 1 : (c == '\r' ? 1 : 0);
    }
    String s = b.toString(StandardCharsets.ISO_8859_1);
    return s.substring(0, s.length() - 4);
  }

  @Override
  public void close() {
    try {
      server.close();
    } catch (IOException e) {
      // closing anyway
    }
    for (Socket s : new ArrayList<>(open)) {
      try {
        s.close();
      } catch (IOException e) {
        // closing anyway
      }
    }
    threads.shutdownNow();
  }

  /** Where the proxy listens, for a test that needs the address. */
  InetSocketAddress address() {
    return (InetSocketAddress) server.getLocalSocketAddress();
  }
}
