package org.oauthdropins.http;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Objects;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.SSLSocketFactory;

/**
 * Sets up the connection a request goes over, in the steps both transports share: a TCP connection
 * to the first hop, a {@code CONNECT} tunnel when that hop is a proxy, and TLS under the URL's host
 * name. Which address is dialled, and whether it was checked first, is the caller's policy ({@link
 * GuardedTransport} dials only addresses it checked; {@link KeepAliveClient} dials the name).
 *
 * <p>Every step is bounded by the fetch's {@link FetchBudget.Due}: a name's look-up by what is left
 * ({@link Lookups}), the connect by the connect timeout or what is left, the tunnel's answer and
 * the handshake by what is left.
 */
final class Dialer {

  private final Limits limits;
  private final SSLSocketFactory tls;
  private final Http1Codec codec;
  private final Lookups lookups;
  private final GuardPolicy.Resolver resolver;

  /**
   * A dialer that trusts what {@code tls} trusts, or the JDK's default authorities when it is null:
   * those are set up (the trust store, some hundreds of classes) at the first https connection.
   *
   * @param lookups where its look-ups run, bounded by the fetch's time
   * @param resolver looks up the names this dialer is given to dial ({@link #connect(String, int,
   *     FetchBudget.Due)}): proxies, and the servers of a client that dials by name
   */
  Dialer(
      Limits limits,
      SSLSocketFactory tls,
      Http1Codec codec,
      Lookups lookups,
      GuardPolicy.Resolver resolver) {
    this.limits = Objects.requireNonNull(limits, "limits");
    this.tls = tls;
    this.codec = Objects.requireNonNull(codec, "codec");
    this.lookups = Objects.requireNonNull(lookups, "lookups");
    this.resolver = Objects.requireNonNull(resolver, "resolver");
  }

  /** A TCP connection to the first address of {@code host}, looked up within the fetch's time. */
  Socket connect(String host, int port, FetchBudget.Due due) throws IOException {
    return connect(host, port, due, lookups, resolver, limits);
  }

  /**
   * A TCP connection to the first address of {@code host}, looked up by {@code resolver} on {@code
   * lookups}' threads within the fetch's time; a literal is parsed, never looked up.
   */
  static Socket connect(
      String host,
      int port,
      FetchBudget.Due due,
      Lookups lookups,
      GuardPolicy.Resolver resolver,
      Limits limits)
      throws IOException {
    InetAddress address;
    if (isLiteral(host)) {
      address = InetAddress.getByName(host); // parsed, never looked up
    } else {
      List<InetAddress> found = lookups.resolve(resolver, host, due);
      if (found.isEmpty()) {
        throw new UnknownHostException(host);
      }
      address = found.get(0);
    }
    return connect(new InetSocketAddress(address, port), due, limits);
  }

  /** Every address of {@code host}, by {@code r}, within what is left of the fetch's time. */
  List<InetAddress> lookUp(GuardPolicy.Resolver r, String host, FetchBudget.Due due)
      throws IOException {
    return lookups.resolve(r, host, due);
  }

  /** The JDK's default TLS, loaded when first used. */
  private static final class DefaultTls {
    static final SSLSocketFactory FACTORY = (SSLSocketFactory) SSLSocketFactory.getDefault();
  }

  /** A TCP connection to {@code to}, with what is left of the time as its read timeout. */
  Socket connect(InetSocketAddress to, FetchBudget.Due due) throws IOException {
    return connect(to, due, limits);
  }

  private static Socket connect(InetSocketAddress to, FetchBudget.Due due, Limits limits)
      throws IOException {
    Socket plain = new Socket();
    try {
      plain.setTcpNoDelay(true); // a request is written whole; waiting for an ACK only adds delay
      plain.connect(to, due.remainingMillis(limits.connectTimeout()));
      plain.setSoTimeout(due.remainingMillis()); // bounds the tunnel's setup and the handshake
      return plain;
    } catch (IOException | RuntimeException e) {
      plain.close();
      throw e;
    }
  }

  /**
   * Asks the proxy at the other end of {@code socket} for a tunnel to {@code authority} ({@code
   * host:port}, an IPv6 literal in brackets) and reads its answer; anything but 2xx is an error
   * naming {@code host}, the destination the user sees.
   */
  void tunnel(Socket socket, String authority, String host) throws IOException {
    codec.writeConnect(authority, socket.getOutputStream());
    int status = codec.readConnectAnswer(socket.getInputStream());
    if (status / 100 != 2) {
      throw new IOException("the proxy refused a tunnel to " + host + " (" + status + ")");
    }
  }

  /**
   * For an https URL, TLS over {@code plain} under the URL's host name: the certificate must be
   * valid for that name (endpoint identification {@code HTTPS}), which also goes out as SNI. For
   * http, {@code plain} itself. Closes {@code plain} on failure.
   */
  Socket secure(Socket plain, URI uri) throws IOException {
    if (!"https".equalsIgnoreCase(uri.getScheme())) {
      return plain;
    }
    return secure(plain, uri.getHost(), port(uri), tls != null ? tls : DefaultTls.FACTORY);
  }

  /**
   * TLS over {@code plain} under {@code host}, trusting what {@code factory} trusts: see {@link
   * #secure(Socket, URI)}. Closes {@code plain} on failure.
   */
  static SSLSocket secure(Socket plain, String host, int port, SSLSocketFactory factory)
      throws IOException {
    try {
      SSLSocket ssl = (SSLSocket) factory.createSocket(plain, host, port, true);
      SSLParameters params = ssl.getSSLParameters();
      params.setEndpointIdentificationAlgorithm("HTTPS");
      if (!isLiteral(host)) {
        try {
          params.setServerNames(List.of(new SNIHostName(host)));
        } catch (IllegalArgumentException e) {
          // A name DNS answers but TLS cannot carry (a trailing dot, an underscore; RFC 6066 §3).
          throw new IOException(host + " is not a host name TLS can be asked for");
        }
      }
      ssl.setSSLParameters(params);
      ssl.startHandshake();
      return ssl;
    } catch (IOException | RuntimeException e) {
      plain.close();
      throw e;
    }
  }

  /** The JDK's default TLS factory, set up at its first use. */
  static SSLSocketFactory defaultTls() {
    return DefaultTls.FACTORY;
  }

  /** The URL's port, or its scheme's default. */
  static int port(URI u) {
    return u.getPort() != -1 ? u.getPort() : "https".equalsIgnoreCase(u.getScheme()) ? 443 : 80;
  }

  /** Whether a URL's host is an IP literal (an IPv6 one with or without its brackets). */
  static boolean isLiteral(String host) {
    return host.contains(":") || host.chars().allMatch(c -> c == '.' || c >= '0' && c <= '9');
  }

  /**
   * A socket's input, with the fetch's whole remaining time as the bound of every read: a server
   * that trickles one byte at a time still ends at the deadline, since each read gets only what is
   * left and none is started after it. Counts what it read, so that a caller can tell a connection
   * that died before answering from one that failed halfway.
   */
  static final class DeadlineInput extends InputStream {
    private final Socket socket;
    private final InputStream in;
    private FetchBudget.Due due;
    private long count;

    DeadlineInput(Socket socket, FetchBudget.Due due) throws IOException {
      this.socket = socket;
      this.in = socket.getInputStream();
      this.due = due;
    }

    /** Bounds the reads from now on by another fetch's time (a connection kept for reuse). */
    void until(FetchBudget.Due next) {
      due = next;
      count = 0;
    }

    /** Bytes read since this stream was made or last given a new time. */
    long count() {
      return count;
    }

    @Override
    public int available() throws IOException {
      return in.available();
    }

    @Override
    public int read() throws IOException {
      socket.setSoTimeout(due.remainingMillis());
      int c = in.read();
      if (c >= 0) {
        count++;
      }
      return c;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
      socket.setSoTimeout(due.remainingMillis());
      int n = in.read(b, off, len);
      if (n > 0) {
        count += n;
      }
      return n;
    }
  }
}
