package org.oauthdropins.http.apache;

import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.NoRouteToHostException;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.SSLSocketFactory;
import org.apache.hc.client5.http.HttpRequestRetryStrategy;
import org.apache.hc.client5.http.HttpRoute;
import org.apache.hc.client5.http.classic.methods.HttpUriRequestBase;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.DefaultManagedHttpClientConnection;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManager;
import org.apache.hc.client5.http.io.HttpClientConnectionOperator;
import org.apache.hc.client5.http.io.ManagedHttpClientConnection;
import org.apache.hc.client5.http.protocol.HttpClientContext;
import org.apache.hc.client5.http.routing.HttpRoutePlanner;
import org.apache.hc.core5.http.ClassicHttpResponse;
import org.apache.hc.core5.http.ConnectionClosedException;
import org.apache.hc.core5.http.ConnectionReuseStrategy;
import org.apache.hc.core5.http.Header;
import org.apache.hc.core5.http.HttpEntity;
import org.apache.hc.core5.http.HttpHost;
import org.apache.hc.core5.http.HttpRequest;
import org.apache.hc.core5.http.HttpResponse;
import org.apache.hc.core5.http.NoHttpResponseException;
import org.apache.hc.core5.http.impl.DefaultConnectionReuseStrategy;
import org.apache.hc.core5.http.impl.io.SocketHolder;
import org.apache.hc.core5.http.io.SocketConfig;
import org.apache.hc.core5.http.io.entity.ByteArrayEntity;
import org.apache.hc.core5.http.protocol.HttpContext;
import org.apache.hc.core5.io.CloseMode;
import org.apache.hc.core5.net.NamedEndpoint;
import org.apache.hc.core5.pool.PoolConcurrencyPolicy;
import org.apache.hc.core5.pool.PoolReusePolicy;
import org.apache.hc.core5.util.TimeValue;
import org.apache.hc.core5.util.Timeout;
import org.oauthdropins.http.Fetch;
import org.oauthdropins.http.GuardPolicy;
import org.oauthdropins.http.GuardedTransport;
import org.oauthdropins.http.HttpCall;
import org.oauthdropins.http.HttpResult;
import org.oauthdropins.http.Limits;
import org.oauthdropins.http.OutboundProxy;

/**
 * One Apache HttpClient 5 (classic: the request is written and its answer read on the calling
 * thread) set up as the library's transports need it, for either role:
 *
 * <ul>
 *   <li>to the app's configured servers ({@link #dialling}): connections kept in a pool and reused,
 *       each server's name looked up within the fetch's time, the {@link OutboundProxy} as Apache's
 *       own route ({@code CONNECT} tunnels for https, forwarded requests for http);
 *   <li>behind the SSRF guard ({@link #guarded}): every connection is the one the guard's {@link
 *       GuardedTransport.Opener} opens (to an address it checked, through a tunnel to that address,
 *       TLS under the URL's name), one per request, as the guard's own client does.
 * </ul>
 *
 * <p>What the library decides is left to the library and switched off here: redirects (the guard
 * follows them itself, checking each hop), retries (one only, below), cookies, authentication
 * caching, compression ({@code Accept-Encoding: identity}, as the library's own client asks), the
 * protocol upgrade. The whole exchange is bounded by the fetch's end: each read of the connection
 * gets only what is left of the time ({@link Reads}), so that a server trickling its answer still
 * ends at the deadline.
 *
 * <p>A connection taken from the pool is first checked for anything the server sent while it was
 * idle (a parting 408, bytes after the last answer): such a connection is closed, never read as the
 * next answer. Before a request that is not sent twice (below), a connection idle for {@link
 * Fetch#CHECK_AFTER_IDLE_MILLIS} is also checked for a close by the server, as the library's own
 * client checks it.
 *
 * <p>A request that fails on a reused connection before any of its answer came back (the server had
 * closed the connection, or read the request and hung up) is sent once more on a new connection
 * only when a second send cannot do harm twice (RFC 9110 §9.2.2): its method is idempotent (GET,
 * HEAD, OPTIONS, TRACE, PUT, DELETE), or it broke off while it was being written, so the server
 * cannot have read it whole. A POST written whole is never sent again: the server may have redeemed
 * its code or rotated its refresh token. One that timed out or whose answer broke off halfway is
 * not sent again either.
 */
final class ApacheClient implements AutoCloseable {

  /** Headers the client writes itself, as the library's own client does; a call's are dropped. */
  private static final Set<String> OWN_HEADERS =
      Set.of("host", "content-length", "connection", "transfer-encoding", "accept-encoding");

  private static final String FETCH = "org.oauthdropins.fetch";
  private static final String OPENER = "org.oauthdropins.opener";
  private static final String CALL = "org.oauthdropins.call";
  private static final String CONNECTED = "org.oauthdropins.connected";
  private static final String EXCHANGE = "org.oauthdropins.exchange";

  /**
   * The exchange the calling thread is carrying out: the classic client reads on the calling
   * thread, and a connection's reads take their bound from it.
   */
  private static final ThreadLocal<Exchange> CURRENT = new ThreadLocal<>();

  /**
   * One request's fetch, whether a second send of it could do harm, whether it was written whole
   * (its answer was awaited), and whether its answer was given up (its connection with it).
   */
  private static final class Exchange {
    final Fetch fetch;
    final boolean once;
    volatile boolean written;
    volatile boolean abandoned;

    Exchange(Fetch fetch, boolean once) {
      this.fetch = fetch;
      this.once = once;
    }
  }

  /** How long a pooled connection may stay idle and still be reused, as the library's own. */
  static final long MAX_IDLE_SECONDS = 15;

  private static final long CHECK_AFTER_IDLE_NANOS =
      TimeUnit.MILLISECONDS.toNanos(Fetch.CHECK_AFTER_IDLE_MILLIS);

  /** The most connections to one server at once, and in all. */
  static final int MAX_PER_ROUTE = 64;

  static final int MAX_TOTAL = 256;

  private final Limits limits;
  private final boolean guarded;
  private final PoolingHttpClientConnectionManager pool;
  private final CloseableHttpClient client;

  private ApacheClient(
      Limits limits,
      boolean guarded,
      HttpClientConnectionOperator operator,
      HttpRoutePlanner routes) {
    this.limits = limits;
    this.guarded = guarded;
    AtomicLong ids = new AtomicLong();
    this.pool =
        new PoolingHttpClientConnectionManager(
            operator,
            // LAX: a lock per route rather than one for the pool, which the benchmark's 32
            // concurrent logins to one server would all queue on.
            PoolConcurrencyPolicy.LAX,
            // LIFO: the most recently used connection first, as the library's own client; the
            // others age out rather than each being kept barely alive.
            PoolReusePolicy.LIFO,
            TimeValue.NEG_ONE_MILLISECOND,
            socket -> new CheckedConnection("oauth-dropins-" + ids.incrementAndGet()));
    pool.setDefaultMaxPerRoute(MAX_PER_ROUTE);
    pool.setMaxTotal(MAX_TOTAL);
    pool.setDefaultConnectionConfig(
        ConnectionConfig.custom()
            // The deadline bounds connect and reads itself; these are the fetch's own limits.
            .setConnectTimeout(Timeout.of(limits.connectTimeout()))
            .setSocketTimeout(Timeout.of(limits.requestTimeout()))
            // Checked at every lease, cheaply (CheckedConnection.isStale): nothing waits.
            .setValidateAfterInactivity(TimeValue.ZERO_MILLISECONDS)
            .setIdleTimeout(Timeout.of(MAX_IDLE_SECONDS, TimeUnit.SECONDS))
            .build());
    pool.setDefaultSocketConfig(SocketConfig.custom().setTcpNoDelay(true).build());
    var builder =
        HttpClients.custom()
            .setConnectionManager(pool)
            .disableRedirectHandling()
            .disableCookieManagement()
            .disableAuthCaching()
            .disableContentCompression()
            .disableConnectionState()
            .setUserAgent(limits.userAgent())
            .setRetryStrategy(new OnceOnAClosedIdleConnection())
            .setConnectionReuseStrategy(guarded ? (req, resp, ctx) -> false : new ReuseUnless408())
            .setDefaultRequestConfig(
                RequestConfig.custom()
                    .setRedirectsEnabled(false)
                    .setExpectContinueEnabled(false)
                    .setContentCompressionEnabled(false)
                    .setProtocolUpgradeEnabled(false)
                    .setResponseTimeout(Timeout.of(limits.requestTimeout()))
                    // A request waiting for one of the route's connections waits no longer than
                    // the request may take; the deadline ends its reads anyway.
                    .setConnectionRequestTimeout(Timeout.of(limits.requestTimeout()))
                    .build());
    if (routes != null) {
      builder.setRoutePlanner(routes);
    }
    this.client = builder.build();
  }

  /**
   * A client to the app's configured servers, dialling them by name through {@code resolver},
   * through {@code proxy} when it names one.
   *
   * @param tls whose authorities to trust; null for the JDK's defaults
   */
  static ApacheClient dialling(
      Limits limits, OutboundProxy proxy, SSLSocketFactory tls, GuardPolicy.Resolver resolver) {
    return new ApacheClient(
        limits,
        false,
        new Dialling(resolver, tls),
        (target, context) -> route(proxy, target, context));
  }

  /** A client whose every connection is the one the guard opens. */
  static ApacheClient guarded(Limits limits) {
    return new ApacheClient(limits, true, new Opened(), null);
  }

  /** The connector of a guard carried by this client. */
  GuardedTransport.Connector connector() {
    return (call, opener, fetch) -> send(call, fetch, opener);
  }

  /**
   * Sends one request and reads its whole answer, within the fetch's time and the size cap.
   *
   * @param opener the guard's, or null to dial as the pool does
   */
  HttpResult send(HttpCall call, Fetch fetch, GuardedTransport.Opener opener) throws IOException {
    Fetch.check(call);
    HttpUriRequestBase request = request(call);
    HttpClientContext context = HttpClientContext.create();
    context.setAttribute(FETCH, fetch);
    context.setAttribute(OPENER, opener);
    context.setAttribute(CALL, call);
    Exchange outer = CURRENT.get();
    Exchange exchange = new Exchange(fetch, !Fetch.mayBeSentTwice(call.method()));
    context.setAttribute(EXCHANGE, exchange);
    CURRENT.set(exchange);
    try (ClassicHttpResponse response = client.executeOpen(null, request, context)) {
      return result(call, response, exchange);
    } catch (SocketTimeoutException e) {
      throw fetch.timedOut(e);
    } finally {
      if (outer == null) {
        CURRENT.remove();
      } else {
        CURRENT.set(outer);
      }
    }
  }

  private HttpUriRequestBase request(HttpCall call) {
    HttpUriRequestBase request = new HttpUriRequestBase(call.method(), call.uri());
    for (Map.Entry<String, String> h : call.headers()) {
      if (!OWN_HEADERS.contains(h.getKey().toLowerCase(Locale.ROOT))) {
        request.addHeader(h.getKey(), h.getValue());
      }
    }
    request.setHeader("Accept-Encoding", "identity");
    if (guarded) {
      request.setHeader("Connection", "close");
    }
    if (call.body().length > 0 || call.method().equals("POST") || call.method().equals("PUT")) {
      request.setEntity(new ByteArrayEntity(call.body(), null));
    }
    return request;
  }

  private HttpResult result(HttpCall call, ClassicHttpResponse response, Exchange exchange)
      throws IOException {
    Map<String, List<String>> headers = new HashMap<>();
    for (Header h : response.getHeaders()) {
      headers
          .computeIfAbsent(h.getName().toLowerCase(Locale.ROOT), k -> new ArrayList<>(1))
          .add(h.getValue());
    }
    HttpEntity entity = response.getEntity();
    byte[] body;
    if (entity == null) {
      body = new byte[0];
    } else {
      InputStream in = entity.getContent();
      try {
        body = Fetch.readCapped(in, entity.getContentLength(), limits.maxBodyBytes());
      } catch (IOException | RuntimeException e) {
        // Closing the body reads the rest of it to keep the connection: a body over the cap (a
        // gigabyte, declared), or one that trickles, must not be read. Every read of this
        // exchange fails from here on, and the connection is dropped instead.
        exchange.abandoned = true;
        try {
          in.close();
        } catch (IOException dropped) {
          // the connection is gone, as intended
        }
        if (e instanceof ConnectionClosedException) {
          // Said as the library's own client says it; Apache's words name the framing only.
          throw new IOException("connection closed before the end of the body", e);
        }
        throw e;
      }
      in.close(); // the whole body was read: the connection goes back to the pool
    }
    return new HttpResult(response.getCode(), call.uri(), headers, body);
  }

  private static HttpRoute route(OutboundProxy proxy, HttpHost target, HttpContext context) {
    boolean secure = "https".equalsIgnoreCase(target.getSchemeName());
    HttpCall call = (HttpCall) context.getAttribute(CALL);
    Optional<InetSocketAddress> via =
        call == null ? Optional.empty() : proxy.forDestination(call.uri());
    if (via.isEmpty()) {
      return new HttpRoute(target, null, secure);
    }
    InetSocketAddress p = via.get();
    // https: a CONNECT tunnel to the server, TLS through it; http: forwarded by the proxy.
    return new HttpRoute(
        target, null, new HttpHost("http", p.getHostString(), p.getPort()), secure);
  }

  @Override
  public void close() {
    client.close(CloseMode.IMMEDIATE);
  }

  /** The fetch a connection step belongs to. */
  private static Fetch fetch(HttpContext context) throws IOException {
    Object f = context.getAttribute(FETCH);
    if (f instanceof Fetch fetch) {
      return fetch;
    }
    throw new IOException("a connection outside a fetch");
  }

  private static int port(HttpHost host) {
    if (host.getPort() != -1) {
      return host.getPort();
    }
    return "https".equalsIgnoreCase(host.getSchemeName()) ? 443 : 80;
  }

  /** Binds a socket to a connection, its reads bounded by the calling thread's fetch. */
  private static void bind(ManagedHttpClientConnection conn, SSLSocket ssl, Socket plain)
      throws IOException {
    ((CheckedConnection) conn)
        .bind(
            ssl == null
                ? new SocketHolder(plain) {
                  @Override
                  protected InputStream getInputStream(Socket s) throws IOException {
                    return new Reads(s, s.getInputStream());
                  }
                }
                : new SocketHolder(ssl, plain) {
                  @Override
                  protected InputStream getInputStream(Socket s) throws IOException {
                    return new Reads(s, s.getInputStream());
                  }
                });
  }

  /**
   * An operator whose every connect and upgrade comes to the one form: Apache calls the newer
   * forms, whose extra arguments (a TLS name, an attachment) the library's steps take from the
   * call.
   */
  private abstract static class Operator implements HttpClientConnectionOperator {

    /** Opens and binds a new connection for the request this context carries. */
    abstract void open(ManagedHttpClientConnection conn, HttpHost host, HttpContext context)
        throws IOException;

    @Override
    public final void connect(
        ManagedHttpClientConnection conn,
        HttpHost host,
        InetSocketAddress localAddress,
        TimeValue connectTimeout,
        SocketConfig socketConfig,
        HttpContext context)
        throws IOException {
      // The retry rule's mark: this request's connection is a new one, not one from the pool.
      context.setAttribute(CONNECTED, Boolean.TRUE);
      open(conn, host, context);
    }

    @Override
    public final void connect(
        ManagedHttpClientConnection conn,
        HttpHost host,
        NamedEndpoint endpointName,
        InetSocketAddress localAddress,
        Timeout connectTimeout,
        SocketConfig socketConfig,
        Object attachment,
        HttpContext context)
        throws IOException {
      connect(conn, host, localAddress, connectTimeout, socketConfig, context);
    }

    @Override
    public final void upgrade(
        ManagedHttpClientConnection conn,
        HttpHost host,
        NamedEndpoint endpointName,
        Object attachment,
        HttpContext context)
        throws IOException {
      upgrade(conn, host, context);
    }
  }

  /** Connections to the app's servers, dialled by name within the fetch's time. */
  private static final class Dialling extends Operator {
    private final GuardPolicy.Resolver resolver;
    private final SSLSocketFactory tls;

    Dialling(GuardPolicy.Resolver resolver, SSLSocketFactory tls) {
      this.resolver = resolver;
      this.tls = tls;
    }

    @Override
    void open(ManagedHttpClientConnection conn, HttpHost host, HttpContext context)
        throws IOException {
      Fetch fetch = fetch(context);
      Socket plain = fetch.connect(host.getHostName(), port(host), resolver);
      if (!"https".equalsIgnoreCase(host.getSchemeName())) {
        bind(conn, null, plain);
        return;
      }
      bind(conn, fetch.secure(plain, host.getHostName(), port(host), tls), plain);
    }

    @Override
    public void upgrade(ManagedHttpClientConnection conn, HttpHost host, HttpContext context)
        throws IOException {
      // TLS through the proxy's tunnel, under the server's name.
      Socket plain = conn.getSocket();
      bind(conn, fetch(context).secure(plain, host.getHostName(), port(host), tls), plain);
    }
  }

  /** Connections the guard opened: to a checked address, tunnelled and secured by the guard. */
  private static final class Opened extends Operator {

    @Override
    void open(ManagedHttpClientConnection conn, HttpHost host, HttpContext context)
        throws IOException {
      Object o = context.getAttribute(OPENER);
      if (!(o instanceof GuardedTransport.Opener opener)) {
        throw new IOException("a guarded connection without the guard's opener");
      }
      Socket s = opener.open();
      bind(conn, s instanceof SSLSocket ssl ? ssl : null, s);
    }

    @Override
    public void upgrade(ManagedHttpClientConnection conn, HttpHost host, HttpContext context)
        throws IOException {
      // The route is always direct: the guard's opener did any tunnel and TLS already.
      throw new IOException("a guarded connection is secured by the guard");
    }
  }

  /**
   * A pooled connection that is unfit for reuse when anything waits on it: what Apache's own check
   * looks for (the end of the stream) only after waiting a millisecond for it, this looks at what
   * is there without waiting.
   */
  private static final class CheckedConnection extends DefaultManagedHttpClientConnection {
    private Reads reads;

    CheckedConnection(String id) {
      super(id);
    }

    @Override
    public void bind(SocketHolder holder) throws IOException {
      super.bind(holder);
      InputStream in = holder.getInputStream();
      reads = in instanceof Reads r ? r : null;
    }

    @Override
    public boolean isStale() throws IOException {
      if (!isOpen()) {
        return true;
      }
      if (reads == null) {
        return super.isStale();
      }
      if (waiting()) {
        return true;
      }
      Exchange exchange = CURRENT.get();
      if (exchange == null
          || !exchange.once
          || System.nanoTime() - reads.lastRead < CHECK_AFTER_IDLE_NANOS) {
        return false;
      }
      // A request that will not be sent twice must not go on a connection the server closed while
      // it was idle, which the look above cannot see: a read that waits a millisecond does.
      reads.probe = true;
      try {
        return super.isStale() || waiting();
      } finally {
        reads.probe = false;
      }
    }

    /**
     * Whether bytes are already buffered after the last answer, or waiting on the socket: no answer
     * to the next request (a parting 408, or a second answer smuggled behind the first).
     */
    private boolean waiting() {
      reads.peek = true;
      try {
        return isDataAvailable(Timeout.ofMilliseconds(1));
      } catch (IOException e) {
        return true;
      } finally {
        reads.peek = false;
      }
    }
  }

  /**
   * A connection's input, each read bounded by what is left of the calling thread's fetch (as the
   * library's own client bounds it), and readable without waiting while the pool checks it.
   */
  private static final class Reads extends InputStream {
    private final Socket socket;
    private final InputStream in;
    volatile boolean peek;

    /** Read as the close check reads: within the socket's own timeout, no exchange's. */
    volatile boolean probe;

    /** When an answer was last read from it: the start of its idle time. */
    volatile long lastRead = System.nanoTime();

    Reads(Socket socket, InputStream in) {
      this.socket = socket;
      this.in = in;
    }

    private void bound() throws IOException {
      Exchange exchange = CURRENT.get();
      if (exchange != null) {
        if (exchange.abandoned) {
          throw new IOException("the answer was given up");
        }
        socket.setSoTimeout(exchange.fetch.remainingMillis());
      }
    }

    @Override
    public int available() throws IOException {
      return in.available();
    }

    @Override
    public int read() throws IOException {
      byte[] one = new byte[1];
      int n = read(one, 0, 1);
      return n <= 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
      if (peek) {
        int ready = in.available();
        return ready == 0 ? 0 : in.read(b, off, Math.min(len, ready));
      }
      if (probe) {
        return in.read(b, off, len);
      }
      bound();
      Exchange exchange = CURRENT.get();
      if (exchange != null) {
        // The classic client reads the answer only once the request is flushed whole.
        exchange.written = true;
      }
      try {
        return in.read(b, off, len);
      } finally {
        lastRead = System.nanoTime();
      }
    }

    @Override
    public void close() throws IOException {
      in.close();
    }
  }

  /**
   * Keeps a connection after a complete answer, as HTTP/1.1 says, except after a 408: the server is
   * closing it.
   */
  private static final class ReuseUnless408 implements ConnectionReuseStrategy {
    private final ConnectionReuseStrategy http = DefaultConnectionReuseStrategy.INSTANCE;

    @Override
    public boolean keepAlive(HttpRequest request, HttpResponse response, HttpContext context) {
      return response.getCode() != 408 && http.keepAlive(request, response, context);
    }
  }

  /**
   * Sends a request once more only when it went over a reused connection and failed before any
   * answer, and a second send cannot do harm twice: its method is idempotent, or it broke off while
   * being written (the server cannot have read it whole). A POST written whole is never sent again,
   * as the library's own client. A new connection's failure, a timeout, or a parting 408 on a
   * reused one is otherwise the answer.
   */
  private static final class OnceOnAClosedIdleConnection implements HttpRequestRetryStrategy {

    @Override
    public boolean retryRequest(
        HttpRequest request, IOException exception, int execCount, HttpContext context) {
      boolean reused = context.getAttribute(CONNECTED) == null;
      boolean unanswered =
          exception instanceof NoHttpResponseException
              || exception instanceof SocketException
                  && !(exception instanceof ConnectException
                      || exception instanceof NoRouteToHostException);
      Object e = context.getAttribute(EXCHANGE);
      boolean harmless = !(e instanceof Exchange exchange && exchange.once && exchange.written);
      return execCount == 1
          && reused
          && unanswered
          && harmless
          && !(exception instanceof SocketTimeoutException
              || exception instanceof UnknownHostException
              || exception instanceof SSLException);
    }

    @Override
    public boolean retryRequest(HttpResponse response, int execCount, HttpContext context) {
      // A 408 on a reused connection is the server's parting word on it, not an answer.
      return execCount == 1 && response.getCode() == 408 && context.getAttribute(CONNECTED) == null;
    }

    @Override
    public TimeValue getRetryInterval(HttpResponse response, int execCount, HttpContext context) {
      return TimeValue.ZERO_MILLISECONDS;
    }

    @Override
    public TimeValue getRetryInterval(
        HttpRequest request, IOException exception, int execCount, HttpContext context) {
      return TimeValue.ZERO_MILLISECONDS;
    }
  }
}
