package org.oauthdropins.http;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A loopback server on raw sockets that serves each connection as a test scripts it and records
 * every request head it read, and whether it read that request's body to the end: what the tests of
 * a second send ({@link TrustedContract}, {@link NoSecondSendTest}) count.
 */
final class Loopback implements AutoCloseable {

  static final String OK = "HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok";

  /** What the server does with the {@code n}th connection it accepts (from 1). */
  @FunctionalInterface
  interface Connection {
    void serve(int n, InputStream in, OutputStream out) throws IOException;
  }

  /** The server whose connection this thread serves. */
  private static final ThreadLocal<Loopback> CURRENT = new ThreadLocal<>();

  private final ServerSocket socket;
  private final AtomicInteger accepted = new AtomicInteger();
  private final List<Head> heads = new CopyOnWriteArrayList<>();

  Loopback(Connection each) throws IOException {
    this(new ServerSocket(0, 8, InetAddress.getLoopbackAddress()), each);
  }

  Loopback(ServerSocket socket, Connection each) {
    this.socket = socket;
    Thread t = new Thread(() -> accept(each), "loopback-server");
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

  /** How many times a request with this method and path reached the server (its head at least). */
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

  /** Answers the first request with keep-alive, reads the second whole and closes unanswered. */
  static void readsTheSecondAndHangsUp(int n, InputStream in, OutputStream out) throws IOException {
    if (n > 1) {
      answerEach(in, out); // where a second send would land
      return;
    }
    answer(in, out);
    readHead(in).readBody(in);
  }

  /** Reads one request whole and answers it; nothing at the end of the stream. */
  static void answer(InputStream in, OutputStream out) throws IOException {
    Head head = readHead(in);
    if (head != null) {
      head.readBody(in);
      out.write(bytes(OK));
      out.flush();
    }
  }

  static void answerEach(InputStream in, OutputStream out) throws IOException {
    for (Head head = readHead(in); head != null; head = readHead(in)) {
      head.readBody(in);
      out.write(bytes(OK));
      out.flush();
    }
  }

  /** Reads and records one request's head; null at the end of the stream. */
  static Head readHead(InputStream in) throws IOException {
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

  static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.ISO_8859_1);
  }

  /** One request's head as the server read it, and whether it went on to read all its body. */
  static final class Head {
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
}
