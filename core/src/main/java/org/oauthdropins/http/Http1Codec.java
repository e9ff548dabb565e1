package org.oauthdropins.http;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * The HTTP/1.1 wire format of {@link GuardedTransport}: writes one request and reads one answer on
 * plain streams, bounding everything a hostile server controls (line length, header count, body
 * size). It knows nothing of sockets, addresses or redirects; which address a request may go to is
 * the guard's policy. Kept apart so that the rules of the format can be tested on byte arrays, and
 * so that another way of reaching a server (a proxy tunnel) can reuse it unchanged. The split
 * follows OkHttp's, where the connection policy and the HTTP/1.1 codec are separate classes.
 *
 * <p>The rules, from RFC 9112: a line ends with CRLF (a bare LF is accepted, §2.2, a bare CR is
 * not); no line is longer than {@link #MAX_LINE} bytes; at most {@link #MAX_HEADERS} header lines;
 * obsolete line folding is joined with a space (§5.2); a status is three digits from 100; interim
 * 1xx answers are skipped; a chunked body wins over Content-Length (§6.3), which is digits only
 * and, if repeated, the same each time; a chunk size is one to sixteen hex digits; chunk extensions
 * and trailers are read and dropped; every chunk's data ends with CRLF; HEAD, 204 and 304 answers
 * have no body; without a length the body runs to the end of the stream. No body is longer than the
 * limit it is given.
 *
 * <p>Immutable and thread-safe.
 */
final class Http1Codec {

  /** The longest status or header line, without its line end. */
  static final int MAX_LINE = 16 * 1024;

  /** The most header (or trailer) lines in one answer. */
  static final int MAX_HEADERS = 200;

  /** Headers the codec writes itself; a caller's values for them are ignored. */
  private static final Set<String> OWN_HEADERS =
      Set.of("host", "content-length", "connection", "transfer-encoding", "accept-encoding");

  private static final String CLOSE = "Accept-Encoding: identity\r\nConnection: close\r\n\r\n";

  private static final Pattern TOKEN = Pattern.compile("[!#$%&'*+.^_`|~0-9A-Za-z-]+");

  private final int maxBodyBytes;
  private final String userAgent;
  private final boolean keepAlive;

  /** A codec whose requests ask the server to close the connection after answering. */
  Http1Codec(Limits limits) {
    this(limits, false);
  }

  /**
   * A codec for {@link KeepAliveClient} ({@code keepAlive}: requests leave the connection open, as
   * HTTP/1.1 does by default) or for one connection per request.
   */
  Http1Codec(Limits limits, boolean keepAlive) {
    this.maxBodyBytes = limits.maxBodyBytes();
    this.userAgent = limits.userAgent();
    this.keepAlive = keepAlive;
  }

  /**
   * Writes the request line, the headers and the body. {@code Host}, {@code Content-Length}, {@code
   * Accept-Encoding: identity} and {@code Connection} are the codec's own: {@code close} unless the
   * codec keeps connections alive.
   *
   * <p>The stream is flushed, so a buffered one (a tunnel through a proxy) sends it at once.
   *
   * @param target the request target: {@link #originForm} to a server, {@link #absoluteForm} to a
   *     proxy that forwards plain http
   * @throws IllegalArgumentException if the method or a header name is not an HTTP token, or a
   *     header value holds a line break (which would smuggle a header or a second request)
   */
  void writeRequest(HttpCall call, String target, OutputStream out) throws IOException {
    URI uri = call.uri();
    StringBuilder head = new StringBuilder(256);
    head.append(token(call.method())).append(' ').append(target).append(" HTTP/1.1\r\n");
    head.append("Host: ").append(uri.getHost());
    if (uri.getPort() != -1) {
      head.append(':').append(uri.getPort());
    }
    head.append("\r\n");
    boolean agent = false;
    for (Map.Entry<String, String> h : call.headers()) {
      String name = h.getKey().toLowerCase(Locale.ROOT);
      if (OWN_HEADERS.contains(name)) {
        continue;
      }
      agent |= name.equals("user-agent");
      head.append(token(h.getKey())).append(": ").append(value(h.getValue())).append("\r\n");
    }
    if (!agent) {
      head.append("User-Agent: ").append(value(userAgent)).append("\r\n");
    }
    if (call.body().length > 0 || call.method().equals("POST") || call.method().equals("PUT")) {
      head.append("Content-Length: ").append(call.body().length).append("\r\n");
    }
    head.append(keepAlive ? "Accept-Encoding: identity\r\n\r\n" : CLOSE);
    byte[] bytes = head.toString().getBytes(StandardCharsets.ISO_8859_1);
    if (call.body().length == 0) {
      out.write(bytes);
    } else {
      // One write, so that a small request leaves in one packet.
      byte[] all = Arrays.copyOf(bytes, bytes.length + call.body().length);
      System.arraycopy(call.body(), 0, all, bytes.length, call.body().length);
      out.write(all);
    }
    out.flush();
  }

  /**
   * Writes a request to the URL's own server: see {@link #writeRequest(HttpCall, String,
   * OutputStream)}.
   */
  void writeRequest(HttpCall call, OutputStream out) throws IOException {
    writeRequest(call, originForm(call.uri()), out);
  }

  /** The path and query of a URL, as a request to its own server names it (RFC 9112 §3.2.1). */
  static String originForm(URI uri) {
    String path = uri.getRawPath();
    String target = path == null || path.isEmpty() ? "/" : path;
    return uri.getRawQuery() == null ? target : target + "?" + uri.getRawQuery();
  }

  /** The whole URL without its fragment, as a request to a forwarding proxy names it (§3.2.2). */
  static String absoluteForm(URI uri) {
    // Without a user name or password: those never go on the wire in a request target.
    return uri.getScheme()
        + "://"
        + uri.getHost()
        + (uri.getPort() == -1 ? "" : ":" + uri.getPort())
        + originForm(uri);
  }

  /**
   * The final answer to a request, and whether its connection may carry another request: the answer
   * is HTTP/1.1, did not ask to close, and its length was known, so that nothing of it is left on
   * the connection.
   */
  record Answer(HttpResult result, boolean reusable) {}

  /**
   * Reads the final answer to {@code call}, skipping interim (1xx) ones.
   *
   * @param in the server's bytes; reads are byte by byte, so a buffered stream is best
   * @throws IOException if the answer breaks a rule above or the stream ends early
   */
  Answer read(HttpCall call, InputStream in) throws IOException {
    while (true) {
      String statusLine = line(in);
      int code = status(statusLine, call.uri().getHost());
      Map<String, List<String>> headers = headers(in);
      if (code < 200) {
        continue; // 100 Continue and other interim answers precede the real one
      }
      boolean empty = call.method().equals("HEAD") || code == 204 || code == 304;
      boolean framed = empty || headers.containsKey("content-length") || chunked(headers);
      byte[] body = empty ? new byte[0] : body(in, headers);
      String connection = first(headers, "connection");
      boolean reusable =
          framed
              && statusLine.startsWith("HTTP/1.1 ")
              && (connection == null || !connection.toLowerCase(Locale.ROOT).contains("close"));
      return new Answer(new HttpResult(code, call.uri(), headers, body), reusable);
    }
  }

  /** The final answer to {@code call}: see {@link #read}. */
  HttpResult readResponse(HttpCall call, InputStream in) throws IOException {
    return read(call, in).result();
  }

  /** The status code of a status line; {@code from} names the server in the error. */
  private static int status(String line, String from) throws IOException {
    // "HTTP/1.x NNN" and then the end of the line or a space and a reason.
    if (line.length() < 12
        || !line.startsWith("HTTP/1.")
        || line.charAt(7) < '0'
        || line.charAt(7) > '9'
        || line.charAt(8) != ' '
        || line.length() > 12 && line.charAt(12) != ' ') {
      throw new IOException("not an HTTP/1.x answer from " + from);
    }
    char a = line.charAt(9);
    char b = line.charAt(10);
    char c = line.charAt(11);
    if (a < '1' || a > '9' || b < '0' || b > '9' || c < '0' || c > '9') {
      throw new IOException("not an HTTP/1.x answer from " + from);
    }
    return (a - '0') * 100 + (b - '0') * 10 + (c - '0');
  }

  /** Asks a proxy for a tunnel to {@code authority} ({@code address:port}), RFC 9110 §9.3.6. */
  void writeConnect(String authority, OutputStream out) throws IOException {
    String head =
        "CONNECT "
            + authority
            + " HTTP/1.1\r\nHost: "
            + authority
            + "\r\nUser-Agent: "
            + value(userAgent)
            + "\r\n\r\n";
    out.write(head.getBytes(StandardCharsets.ISO_8859_1));
    out.flush();
  }

  /**
   * Reads a proxy's answer to {@code CONNECT} up to the end of its headers, and not a byte further
   * (what follows a 2xx belongs to the tunnel); returns its status.
   *
   * @param in the proxy's bytes, unbuffered
   */
  int readConnectAnswer(InputStream in) throws IOException {
    while (true) {
      int code = status(line(in), "the proxy");
      headers(in);
      if (code >= 200) {
        return code;
      }
    }
  }

  private static boolean chunked(Map<String, List<String>> headers) {
    String te = first(headers, "transfer-encoding");
    return te != null && te.toLowerCase(Locale.ROOT).contains("chunked");
  }

  private byte[] body(InputStream in, Map<String, List<String>> headers) throws IOException {
    if (chunked(headers)) {
      return chunked(in);
    }
    List<String> lengths = headers.get("content-length");
    if (lengths != null) {
      String length = lengths.get(0);
      for (String other : lengths) {
        if (!other.equals(length)) {
          // Two lengths: one of them frames a smuggled answer (RFC 9112 §6.3).
          throw new IOException("conflicting Content-Length");
        }
      }
      if (!length.matches("[0-9]+")) {
        throw new IOException("bad Content-Length");
      }
      long n;
      try {
        n = Long.parseLong(length);
      } catch (NumberFormatException e) {
        throw tooLarge(); // only digits, so too many of them
      }
      if (n > maxBodyBytes) {
        throw tooLarge();
      }
      return exactly(in, (int) n);
    }
    byte[] all = in.readNBytes(maxBodyBytes + 1);
    if (all.length > maxBodyBytes) {
      throw tooLarge();
    }
    return all;
  }

  private byte[] chunked(InputStream in) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    while (true) {
      String sizeLine = line(in);
      String hex = sizeLine.split(";", 2)[0].strip(); // a chunk extension is dropped
      if (!hex.matches("[0-9a-fA-F]{1,16}")) {
        // Long.parseLong would also take a sign; a chunk size is bare hex digits (§7.1).
        throw new IOException("bad chunk size");
      }
      long size = Long.parseUnsignedLong(hex, 16);
      if (size == 0) {
        headers(in); // trailers, dropped: nothing here needs them
        return out.toByteArray();
      }
      // Subtracting rather than adding: a size near the top of the range must not wrap around
      // below the limit (found by fuzzing). Unsigned: sixteen hex digits may read as negative.
      if (Long.compareUnsigned(size, maxBodyBytes - out.size()) > 0) {
        throw tooLarge();
      }
      out.write(exactly(in, (int) size));
      if (!line(in).isEmpty()) {
        throw new IOException("chunk data not followed by CRLF");
      }
    }
  }

  private IOException tooLarge() {
    return tooLarge(maxBodyBytes);
  }

  /** The error of an answer whose body is over the size cap. */
  static IOException tooLarge(int maxBodyBytes) {
    return new IOException("response body larger than " + maxBodyBytes + " bytes");
  }

  private static byte[] exactly(InputStream in, int n) throws IOException {
    byte[] b = in.readNBytes(n);
    if (b.length < n) {
      throw new IOException("connection closed before the end of the body");
    }
    return b;
  }

  private static Map<String, List<String>> headers(InputStream in) throws IOException {
    Map<String, List<String>> headers = new TreeMap<>();
    List<String> last = null;
    for (int i = 0; ; i++) {
      String line = line(in);
      if (line.isEmpty()) {
        return headers;
      }
      if (i == MAX_HEADERS) {
        throw new IOException("too many response headers");
      }
      if (line.charAt(0) == ' ' || line.charAt(0) == '\t') {
        // Obsolete line folding: a user agent replaces it with a space (RFC 9112 §5.2).
        if (last == null) {
          throw new IOException("malformed response header");
        }
        int end = last.size() - 1;
        last.set(end, last.get(end) + " " + line.strip());
        continue;
      }
      int colon = line.indexOf(':');
      if (colon < 1) {
        throw new IOException("malformed response header");
      }
      last =
          headers.computeIfAbsent(
              line.substring(0, colon).strip().toLowerCase(Locale.ROOT), k -> new ArrayList<>());
      last.add(line.substring(colon + 1).strip());
    }
  }

  private static String first(Map<String, List<String>> headers, String name) {
    List<String> v = headers.get(name);
    return v == null ? null : v.get(0);
  }

  /** One line without its CRLF (or bare LF); a bare CR or a line over the limit is refused. */
  private static String line(InputStream in) throws IOException {
    ByteArrayOutputStream b = new ByteArrayOutputStream();
    while (true) {
      int c = in.read();
      if (c == '\r') {
        c = in.read();
        if (c != '\n' && c != -1) {
          throw new IOException("bare CR in the answer");
        }
      }
      if (c == -1) {
        throw new IOException("connection closed in the middle of the answer");
      }
      if (c == '\n') {
        return b.toString(StandardCharsets.ISO_8859_1);
      }
      if (b.size() == MAX_LINE) {
        throw new IOException("response line too long");
      }
      b.write(c);
    }
  }

  static String token(String s) {
    if (!TOKEN.matcher(s).matches()) {
      throw new IllegalArgumentException("invalid HTTP token: " + s);
    }
    return s;
  }

  static String value(String s) {
    if (s.contains("\r") || s.contains("\n")) {
      throw new IllegalArgumentException("header value with a line break");
    }
    return s;
  }
}
