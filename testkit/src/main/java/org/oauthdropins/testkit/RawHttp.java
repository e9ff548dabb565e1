package org.oauthdropins.testkit;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * One HTTP/1.1 request sent exactly as written, over a plain socket: the request target, the {@code
 * Host} header and the method are whatever the test says, as an attacker's client would send them
 * and as no browser or {@code java.net.http} client can (they normalise the target, set {@code
 * Host} themselves and refuse some methods). For tests of what a container and an adapter make of
 * such a request.
 *
 * @param status the answer's status
 * @param headers the answer's header lines, in order, as {@code name: value}
 * @param body the answer's body, decoded from chunks if it came chunked
 */
public record RawHttp(int status, List<String> headers, String body) {

  /** Makes the value, checking its components. */
  public RawHttp {
    headers = List.copyOf(headers);
  }

  /**
   * Sends a request to a server on this machine and reads its whole answer.
   *
   * @param port the loopback port the server listens on (127.0.0.1)
   * @param method e.g. {@code POST}, {@code TRACE}
   * @param target the request target as it goes on the request line, e.g. {@code
   *     //evil.example/..;/apple/oauth_callback}
   * @param host the {@code Host} header
   * @param extraHeaders more header lines, each {@code name: value}
   * @param body a form body ({@code application/x-www-form-urlencoded}), or null for none
   */
  public static RawHttp send(
      int port, String method, String target, String host, List<String> extraHeaders, String body) {
    StringBuilder head = new StringBuilder();
    head.append(method).append(' ').append(target).append(" HTTP/1.1\r\n");
    head.append("Host: ").append(host).append("\r\n");
    for (String h : extraHeaders) {
      head.append(h).append("\r\n");
    }
    byte[] content = body == null ? new byte[0] : body.getBytes(StandardCharsets.UTF_8);
    if (body != null) {
      head.append("Content-Type: application/x-www-form-urlencoded\r\n");
      head.append("Content-Length: ").append(content.length).append("\r\n");
    }
    head.append("Connection: close\r\n\r\n");
    try (Socket s = new Socket(InetAddress.getLoopbackAddress(), port)) {
      s.setSoTimeout(20_000);
      OutputStream out = s.getOutputStream();
      out.write(head.toString().getBytes(StandardCharsets.ISO_8859_1));
      out.write(content);
      out.flush();
      return parse(s.getInputStream().readAllBytes(), "HEAD".equals(method));
    } catch (IOException e) {
      throw new IllegalStateException("could not send " + method + " to port " + port, e);
    }
  }

  /** The first value of a header of the answer; names are case-insensitive. */
  public Optional<String> header(String name) {
    String prefix = name.toLowerCase(Locale.ROOT) + ":";
    return headers.stream()
        .filter(h -> h.toLowerCase(Locale.ROOT).startsWith(prefix))
        .map(h -> h.substring(prefix.length()).strip())
        .findFirst();
  }

  private static RawHttp parse(byte[] raw, boolean head) throws IOException {
    InputStream in = new java.io.ByteArrayInputStream(raw);
    String statusLine = line(in);
    String[] parts = statusLine.split(" ", 3);
    if (parts.length < 2 || !parts[0].startsWith("HTTP/1.")) {
      throw new IOException("not an HTTP/1.1 answer: " + statusLine);
    }
    int status = Integer.parseInt(parts[1]);
    List<String> headers = new ArrayList<>();
    boolean chunked = false;
    for (String h = line(in); !h.isEmpty(); h = line(in)) {
      headers.add(h);
      String lower = h.toLowerCase(Locale.ROOT);
      chunked |= lower.startsWith("transfer-encoding:") && lower.contains("chunked");
    }
    byte[] body = head ? new byte[0] : chunked ? unchunk(in) : in.readAllBytes();
    return new RawHttp(status, headers, new String(body, StandardCharsets.UTF_8));
  }

  private static byte[] unchunk(InputStream in) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (String size = line(in); !size.isEmpty(); size = line(in)) {
      int n = Integer.parseInt(size.split(";", 2)[0].strip(), 16);
      if (n == 0) {
        break;
      }
      out.write(in.readNBytes(n));
      line(in);
    }
    return out.toByteArray();
  }

  private static String line(InputStream in) throws IOException {
    ByteArrayOutputStream b = new ByteArrayOutputStream();
    for (int c = in.read(); c != -1 && c != '\n'; c = in.read()) {
      if (c != '\r') {
        b.write(c);
      }
    }
    return b.toString(StandardCharsets.ISO_8859_1);
  }
}
