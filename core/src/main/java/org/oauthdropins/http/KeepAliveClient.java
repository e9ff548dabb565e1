package org.oauthdropins.http;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingDeque;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLSocketFactory;

/**
 * The connection policy of {@link JdkTransport}: HTTP/1.1 on the JDK's own sockets and TLS, with a
 * connection kept open after a complete answer and reused for the next request to the same server.
 * The wire format is {@link Http1Codec}'s, the connection setup {@link Dialer}'s, both shared with
 * {@link GuardedTransport}; what is this class's own is which connection a request goes over.
 *
 * <h2>Why not {@code java.net.http}</h2>
 *
 * <p>The JDK's {@code HttpClient} runs every exchange on its own selector and executor threads and
 * hands the answer back to the calling thread. In the benchmarks' login (a token request and a
 * profile request per login, on loopback) that hand-off cost more CPU than the rest of the
 * library's work together: 0.155 ms per login on the client's threads, where the whole login
 * without a library costs about 0.2 ms. Here a request is written and its answer read on the
 * calling thread, as {@code HttpURLConnection} does, without that class's process-wide settings
 * (its retry of a failed POST, its authentication and redirect handling).
 *
 * <h2>Reuse</h2>
 *
 * <p>A connection goes back to its route's idle list only when the answer was complete and framed
 * (a length or chunks, HTTP/1.1, no {@code Connection: close}) and nothing follows it; the most
 * recently used one is taken first. It is closed instead when it has been idle for {@link
 * #MAX_IDLE_SECONDS}, when its route already keeps {@link #MAX_IDLE_PER_ROUTE}, or when the server
 * sent anything while it was idle.
 *
 * <p>A server may close an idle connection at any moment, and the client cannot tell that from a
 * server that read the request, acted on it and hung up before answering. So a request on a reused
 * connection that fails before a single byte of answer came back goes once more on a new connection
 * only where the server cannot have acted on it: its method is idempotent (GET, HEAD, OPTIONS,
 * TRACE, PUT, DELETE: RFC 9110 §9.2.2), or it failed while it was being written (the server never
 * had all of it). A POST that was written whole fails with its {@link IOException}: sent again, a
 * code the server had redeemed or a refresh token it had rotated would be spent twice, and a
 * provider that detects reuse revokes the grant (RFC 6749 §4.1.2, RFC 9700 §4.14.2). To keep that
 * failure rare, before such a request a connection idle for {@link Fetch#CHECK_AFTER_IDLE_MILLIS}
 * is checked for a close by the server (a read that waits a millisecond), which a server's idle
 * timeout, seconds long, comes after. A request that timed out, or failed after part of the answer,
 * is never repeated.
 *
 * <p>Every fetch is bounded as a whole by its {@link FetchBudget.Due}: the look-up of the server's
 * (or proxy's) name ({@link Lookups}), connect, handshake, and each read of the answer get only the
 * time that is left, so a server that trickles its body still ends at the limit.
 *
 * <p>Thread-safe: a connection is used by one request at a time.
 */
final class KeepAliveClient {

  /** How long a connection may stay idle and still be reused. */
  static final long MAX_IDLE_SECONDS = 15;

  /** The most idle connections kept for one route. */
  static final int MAX_IDLE_PER_ROUTE = 32;

  private static final long MAX_IDLE_NANOS = TimeUnit.SECONDS.toNanos(MAX_IDLE_SECONDS);
  private static final long CHECK_AFTER_IDLE_NANOS =
      TimeUnit.MILLISECONDS.toNanos(Fetch.CHECK_AFTER_IDLE_MILLIS);

  /** Where a connection goes: the server, and the proxy in between if any. */
  private record Route(String scheme, String host, int port, InetSocketAddress proxy) {}

  /** One open connection and its streams. */
  private static final class Connection {
    final Socket socket;
    final Dialer.DeadlineInput input;
    final BufferedInputStream in;
    final OutputStream out;
    long idleSince;

    Connection(Socket socket, FetchBudget.Due due) throws IOException {
      this.socket = socket;
      this.input = new Dialer.DeadlineInput(socket, due);
      this.in = new BufferedInputStream(input);
      this.out = socket.getOutputStream();
    }

    void close() {
      try {
        socket.close();
      } catch (IOException e) {
        // Closing is all that was asked; a connection that fails to close is gone either way.
      }
    }
  }

  private final Limits limits;
  private final OutboundProxy proxy;
  private final Http1Codec codec;
  private final Dialer dialer;
  private final ConcurrentHashMap<Route, LinkedBlockingDeque<Connection>> idle =
      new ConcurrentHashMap<>();

  /**
   * A client with these limits and proxy, trusting the certificates {@code tls} trusts, or the
   * JDK's default authorities when it is null (set up at the first https request, not before).
   */
  KeepAliveClient(Limits limits, OutboundProxy proxy, SSLSocketFactory tls) {
    this(limits, proxy, tls, GuardPolicy.Resolver.system());
  }

  /** A client that looks up the servers' and the proxy's names with {@code resolver}. */
  KeepAliveClient(
      Limits limits, OutboundProxy proxy, SSLSocketFactory tls, GuardPolicy.Resolver resolver) {
    this.limits = Objects.requireNonNull(limits, "limits");
    this.proxy = Objects.requireNonNull(proxy, "proxy");
    this.codec = new Http1Codec(limits, true);
    this.dialer = new Dialer(limits, tls, codec, Lookups.DIRECT, resolver);
  }

  /**
   * Sends one request and reads its answer, over an idle connection to the same server if there is
   * one. Does not follow redirects.
   */
  HttpResult send(HttpCall call) throws IOException {
    FetchBudget.Due due = FetchBudget.due(call, limits);
    URI uri = call.uri();
    String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
    if (!(scheme.equals("http") || scheme.equals("https")) || uri.getHost() == null) {
      throw new IOException("only http and https URLs with a host can be fetched");
    }
    Optional<InetSocketAddress> via = proxy.forDestination(uri);
    Route route =
        new Route(
            scheme, uri.getHost().toLowerCase(Locale.ROOT), Dialer.port(uri), via.orElse(null));
    // Plain http through a proxy is forwarded by it; https goes through a tunnel to the server.
    String target =
        via.isPresent() && scheme.equals("http")
            ? Http1Codec.absoluteForm(uri)
            : Http1Codec.originForm(uri);
    boolean idempotent = Fetch.mayBeSentTwice(call.method());
    while (true) {
      Connection c = take(route, !idempotent);
      boolean reused = c != null;
      boolean written = false;
      try {
        if (reused) {
          c.input.until(due);
        } else {
          c = connect(route, uri, due);
        }
        codec.writeRequest(call, target, c.out);
        written = true;
        Http1Codec.Answer answer = codec.read(call, c.in);
        if (answer.reusable() && c.in.available() == 0) {
          give(route, c);
        } else {
          c.close();
        }
        return answer.result();
      } catch (SocketTimeoutException e) {
        close(c);
        throw due.timedOut(e);
      } catch (IOException e) {
        close(c);
        if (reused && c.input.count() == 0 && (idempotent || !written)) {
          // Nothing came back: the server closed the idle connection, or read the request and
          // hung up. Only a request it cannot have acted on twice goes once more: one it could
          // not have read whole, or one whose method makes a second send harmless.
          continue;
        }
        if (reused && c.input.count() == 0) {
          throw new IOException(
              "no answer to a "
                  + call.method()
                  + " on a reused connection; not sent again, since the server may have acted on"
                  + " it",
              e);
        }
        throw e;
      } catch (RuntimeException e) {
        close(c);
        throw e;
      }
    }
  }

  private static void close(Connection c) {
    if (c != null) {
      c.close();
    }
  }

  private Connection connect(Route route, URI uri, FetchBudget.Due due) throws IOException {
    Socket socket = open(route, uri, due);
    try {
      return new Connection(socket, due);
    } catch (IOException | RuntimeException e) {
      socket.close();
      throw e;
    }
  }

  private Socket open(Route route, URI uri, FetchBudget.Due due) throws IOException {
    if (route.proxy() == null) {
      return dialer.secure(dialer.connect(uri.getHost(), route.port(), due), uri);
    }
    InetSocketAddress p = route.proxy();
    Socket plain = dialer.connect(p.getHostString(), p.getPort(), due);
    if (route.scheme().equals("http")) {
      return plain;
    }
    try {
      // By name: the proxy resolves it, as it would for any client (this is not the SSRF guard).
      dialer.tunnel(plain, uri.getHost() + ":" + route.port(), uri.getHost());
    } catch (IOException | RuntimeException e) {
      plain.close();
      throw e;
    }
    return dialer.secure(plain, uri);
  }

  /**
   * The most recently used idle connection of the route that is still fit for use, or null. With
   * {@code once} (a request that will not be sent a second time), one idle for {@link
   * Fetch#CHECK_AFTER_IDLE_MILLIS} is first checked for a close by the server.
   */
  private Connection take(Route route, boolean once) {
    LinkedBlockingDeque<Connection> list = idle.get(route);
    if (list == null) {
      return null;
    }
    long now = System.nanoTime();
    for (Connection c = list.pollFirst(); c != null; c = list.pollFirst()) {
      // Anything waiting on an idle connection is no answer to the next request: a server's
      // parting 408, or the end of the stream.
      long idleFor = now - c.idleSince;
      if (idleFor < MAX_IDLE_NANOS
          && quiet(c)
          && (!once || idleFor < CHECK_AFTER_IDLE_NANOS || stillOpen(c))) {
        return c;
      }
      c.close();
    }
    return null;
  }

  private static boolean quiet(Connection c) {
    try {
      return c.in.available() == 0;
    } catch (IOException e) {
      return false;
    }
  }

  /**
   * Whether the server still holds the connection open: a read that waits a millisecond and gets
   * nothing. The end of the stream, which {@link #quiet} cannot see, or any byte means it does not.
   * The next read sets its own timeout again.
   */
  private static boolean stillOpen(Connection c) {
    try {
      c.socket.setSoTimeout(1);
      c.socket.getInputStream().read();
      return false;
    } catch (SocketTimeoutException e) {
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  private void give(Route route, Connection c) {
    long now = System.nanoTime();
    c.idleSince = now;
    LinkedBlockingDeque<Connection> list =
        idle.computeIfAbsent(route, r -> new LinkedBlockingDeque<>(MAX_IDLE_PER_ROUTE));
    Connection oldest = list.peekLast();
    if (oldest != null
        && now - oldest.idleSince >= MAX_IDLE_NANOS
        && list.removeLastOccurrence(oldest)) {
      oldest.close(); // idle too long, and with steady traffic it would never reach the front
    }
    if (!list.offerFirst(c)) {
      c.close();
    }
  }
}
