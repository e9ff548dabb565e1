package org.oauthdropins.http;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;
import javax.net.ssl.SSLSocketFactory;

/**
 * The SSRF guard: the transport for every URL that comes from user input, or from a document that
 * user input led to (an IndieAuth {@code me}, a Mastodon instance, a Bluesky handle and what it
 * resolves to). Per {@link GuardPolicy} it allows https only, connects only to public addresses,
 * follows a bounded number of redirects itself and checks every hop the same way, and bounds the
 * response size and the total time of each request by {@link Limits}.
 *
 * <h2>Why it speaks HTTP/1.1 on its own sockets</h2>
 *
 * <p>Checking a host's address and then letting an HTTP client connect to the host by name is not
 * enough: the client resolves the name again, and a DNS answer that changes in between (DNS
 * rebinding) reaches an internal address that was never checked. The guard therefore resolves each
 * host once, checks every address of the answer, and connects a plain {@link Socket} to the checked
 * {@link InetAddress} itself. The look-up is bounded by the request's time like every other step
 * ({@link Lookups}): a name server the user's URL leads to may be the attacker's, and slow. {@code
 * java.net.http} cannot be pinned like this on Java 17: it takes no resolver and no socket factory,
 * and connecting it to an IP literal breaks TLS (no SNI, certificates checked against the IP) and
 * forbids setting {@code Host}.
 *
 * <p>For https, the connected socket is layered with {@link SSLSocketFactory#createSocket(Socket,
 * String, int, boolean)} under the URL's host name, with endpoint identification {@code HTTPS} and
 * an SNI name: the server must present a certificate valid for the name the user typed, exactly as
 * if the client had connected by name, while the TCP connection goes only to the address that was
 * checked. The request is HTTP/1.1 with {@code Connection: close}: one connection per request,
 * which suits discovery fetches and per-user servers, where reuse would gain little. The wire
 * format itself (writing the request, reading and bounding the answer) is {@link Http1Codec}'s;
 * this class is the connection policy around it.
 *
 * <p>Redirects (301, 302, 303, 307, 308) are followed up to {@link GuardPolicy#maxRedirects()};
 * each hop is checked and resolved anew. A 303, or a 301/302 answer to a POST, turns into a GET
 * without a body; {@code Authorization} and {@code Cookie} headers are not carried to another
 * origin. Refusals are {@link UnsafeUrlException}s.
 *
 * <p>Behind an {@link OutboundProxy}, the destination is checked exactly as without one: its name
 * is resolved and every address checked here, before anything is sent, and a refused destination is
 * never asked of the proxy. The proxy is then asked for a {@code CONNECT} tunnel to the checked
 * address itself, not to the name, so that the proxy cannot resolve the name again to another
 * (internal) address; TLS through the tunnel is still under the name, as above. The proxy's own
 * address is the app's configuration and is not checked.
 *
 * <p>Another HTTP client can carry the requests and answers over the connections the guard opens
 * ({@link Connector}: the module {@code oauth-dropins-http-apache} puts Apache HttpClient there);
 * which URLs, which addresses, the connections themselves and the redirects stay the guard's.
 *
 * <p>Immutable and thread-safe.
 */
public final class GuardedTransport implements HttpTransport {

  private static final GuardedTransport STRICT = new GuardedTransport(GuardPolicy.STRICT);

  /** A host that some parser reads as an IPv4 address: up to four decimal, octal or hex parts. */
  private static final Pattern NUMERIC =
      Pattern.compile("(?i)(0x[0-9a-f]*|[0-9]+)(\\.(0x[0-9a-f]*|[0-9]+)){0,3}\\.?");

  /** The one IPv4 form every parser reads alike: four decimal parts without leading zeros. */
  private static final Pattern DOTTED_DECIMAL =
      Pattern.compile(
          "((25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])\\.){3}"
              + "(25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])");

  private final GuardPolicy policy;
  private final Limits limits;
  private final Dialer dialer;
  private final OutboundProxy proxy;
  private final Connector connector;
  private final FetchBudget budget;

  /**
   * The step of a guard that sends one request and reads its answer, over a connection the guard
   * opens: the library's own HTTP/1.1 by default, or another HTTP client's (the module {@code
   * oauth-dropins-http-apache}). Everything that makes the guard a guard stays the guard's: which
   * URLs, which addresses (resolved once, each checked), the tunnel to the checked address, TLS
   * under the URL's name, the redirects. A connector never resolves the URL's host and never opens
   * a connection of its own.
   */
  @FunctionalInterface
  public interface Connector {

    /**
     * Sends one request, without following a redirect, and reads its whole answer within the
     * fetch's time and the guard's size cap.
     *
     * @param opener opens the only connections this request may go over
     * @param fetch the request's end, and its timeouts' meaning
     * @throws java.net.SocketTimeoutException when the time runs out
     */
    HttpResult send(HttpCall call, Opener opener, Fetch fetch) throws IOException;
  }

  /**
   * Opens a connection for the request a {@link Connector} sends: to an address the guard checked
   * for the URL's host (the next one on each failure to connect), through a {@code CONNECT} tunnel
   * to that address when a proxy is configured, and for https under TLS with the URL's host name.
   */
  @FunctionalInterface
  public interface Opener {

    /** A connected socket, ready for the request's first byte; the caller closes it. */
    Socket open() throws IOException;
  }

  /**
   * A transport whose own HTTP client can carry the guard: {@link #of} asks it for the guard the
   * sites that fetch user-supplied URLs use, rather than refusing it.
   */
  public interface Source {

    /** The strict guard with this transport's limits, proxy and HTTP client. */
    GuardedTransport guard();
  }

  /** A guard with the given policy and {@link Limits#DEFAULT}. */
  public GuardedTransport(GuardPolicy policy) {
    this(policy, Limits.DEFAULT);
  }

  /**
   * A guard with the given policy and limits, trusting the JDK's default certificate authorities.
   */
  public GuardedTransport(GuardPolicy policy, Limits limits) {
    this(policy, limits, (SSLSocketFactory) SSLSocketFactory.getDefault());
  }

  /**
   * A guard that trusts the certificates the given factory trusts, e.g. a test's own authority.
   * Certificates are still checked against the URL's host name.
   */
  public GuardedTransport(GuardPolicy policy, Limits limits, SSLSocketFactory tls) {
    this(policy, limits, tls, OutboundProxy.fromEnvironment());
  }

  /**
   * A guard that reaches destinations through the given proxy ({@link OutboundProxy#NONE}:
   * directly); the others take the environment's ({@link OutboundProxy#fromEnvironment()}).
   */
  public GuardedTransport(
      GuardPolicy policy, Limits limits, SSLSocketFactory tls, OutboundProxy proxy) {
    this(policy, limits, tls, proxy, null);
  }

  /**
   * A guard whose requests and answers another HTTP client carries ({@link Connector}), over the
   * connections this guard opens; as {@link #GuardedTransport(GuardPolicy, Limits,
   * SSLSocketFactory, OutboundProxy)} in everything else.
   *
   * @param connector the other client's step; null for the library's own HTTP/1.1
   */
  public GuardedTransport(
      GuardPolicy policy,
      Limits limits,
      SSLSocketFactory tls,
      OutboundProxy proxy,
      Connector connector) {
    this.proxy = Objects.requireNonNull(proxy, "proxy");
    this.policy = Objects.requireNonNull(policy, "policy");
    this.limits = Objects.requireNonNull(limits, "limits");
    Http1Codec codec = new Http1Codec(limits);
    // The proxy's own name is the app's configuration: looked up as given, by the system.
    this.dialer =
        new Dialer(
            limits,
            Objects.requireNonNull(tls, "tls"),
            codec,
            Lookups.GUARDED,
            GuardPolicy.Resolver.system());
    this.connector = connector != null ? connector : ownConnector(codec);
    this.budget = FetchBudget.NONE;
  }

  /** The library's own HTTP/1.1, one connection per request. */
  private static Connector ownConnector(Http1Codec codec) {
    return (call, opener, fetch) -> {
      try (Socket s = opener.open()) {
        codec.writeRequest(call, s.getOutputStream());
        return codec.readResponse(
            call, new BufferedInputStream(new Dialer.DeadlineInput(s, fetch.due())));
      }
    };
  }

  /** The same guard, sending every call within a browser request's budget. */
  private GuardedTransport(GuardedTransport g, FetchBudget budget) {
    this.proxy = g.proxy;
    this.policy = g.policy;
    this.limits = g.limits;
    this.connector = g.connector;
    this.dialer = g.dialer;
    this.budget = budget;
  }

  /**
   * This guard, sending every call that carries no budget of its own within the given one: still a
   * guard, so that a site that needs one can take it.
   */
  @Override
  public GuardedTransport within(FetchBudget b) {
    return b == FetchBudget.NONE || b == budget ? this : new GuardedTransport(this, b);
  }

  /** The production guard: {@link GuardPolicy#STRICT} and {@link Limits#DEFAULT}. */
  public static GuardedTransport strict() {
    return STRICT;
  }

  /** A guard for tests and the demo's sandbox: {@link GuardPolicy#LOCAL_DEVELOPMENT}. */
  public static GuardedTransport localDevelopment() {
    return new GuardedTransport(GuardPolicy.LOCAL_DEVELOPMENT);
  }

  /**
   * The guard a site that fetches user-supplied URLs uses, given the transport an app configured:
   * that transport if it is a guard already, a strict guard with the same limits for a {@link
   * JdkTransport}.
   *
   * @throws IllegalArgumentException for any other transport, which could not be pinned to checked
   *     addresses
   */
  public static GuardedTransport of(HttpTransport transport) {
    if (transport instanceof GuardedTransport g) {
      return g;
    }
    if (transport instanceof Source s) {
      return s.guard();
    }
    if (transport == JdkTransport.shared()) {
      return STRICT;
    }
    if (transport instanceof JdkTransport j) {
      return new GuardedTransport(
          GuardPolicy.STRICT,
          j.limits(),
          (SSLSocketFactory) SSLSocketFactory.getDefault(),
          j.proxy());
    }
    throw new IllegalArgumentException(
        "sites that fetch user-supplied URLs need a GuardedTransport (SSRF guard), not "
            + transport.getClass().getName());
  }

  /** The policy this guard enforces. */
  public GuardPolicy policy() {
    return policy;
  }

  /** The limits of this transport: how long a fetch, and all of one request's fetches, may take. */
  public Limits limits() {
    return limits;
  }

  @Override
  public HttpResult send(HttpCall call) throws IOException {
    return send(call, new ArrayList<>());
  }

  /**
   * Sends a request, following redirects, and records each URL it was redirected away from.
   *
   * @param redirects receives the URLs left by redirects, in order; the final URL is the result's
   * @throws UnsafeUrlException if a URL, an address or a redirect is refused
   * @throws IOException if the server cannot be reached, takes too long, or answers too much
   */
  public HttpResult send(HttpCall call, List<URI> redirects) throws IOException {
    // One end for the whole chain of redirects, and within a browser request its budget's end.
    HttpCall current = call.within(budget);
    FetchBudget.Due due = FetchBudget.due(current, limits);
    for (int hop = 0; ; hop++) {
      HttpResult result;
      try {
        result = once(current, due);
      } catch (SocketTimeoutException e) {
        throw due.timedOut(e);
      }
      String location = result.header("location");
      if (!isRedirect(result.status()) || location == null) {
        return result;
      }
      if (hop >= policy.maxRedirects()) {
        throw new UnsafeUrlException("too many redirects from " + call.uri().getHost());
      }
      URI next;
      try {
        next = current.uri().resolve(location.strip());
      } catch (IllegalArgumentException e) {
        throw new IOException("invalid redirect location from " + current.uri().getHost());
      }
      redirects.add(current.uri());
      current = follow(current, result.status(), next);
    }
  }

  private static boolean isRedirect(int status) {
    return status == 301 || status == 302 || status == 303 || status == 307 || status == 308;
  }

  private static HttpCall follow(HttpCall call, int status, URI next) {
    boolean toGet =
        status == 303 && !call.method().equals("HEAD")
            || (status == 301 || status == 302) && call.method().equals("POST");
    boolean sameOrigin = origin(call.uri()).equals(origin(next));
    List<Map.Entry<String, String>> headers = new ArrayList<>();
    for (Map.Entry<String, String> h : call.headers()) {
      String name = h.getKey().toLowerCase(Locale.ROOT);
      if (!sameOrigin && (name.equals("authorization") || name.equals("cookie"))) {
        continue;
      }
      if (toGet && name.equals("content-type")) {
        continue;
      }
      headers.add(h);
    }
    return new HttpCall(
        toGet ? "GET" : call.method(), next, headers, toGet ? null : call.body(), call.budget());
  }

  /** The scheme, host and port (the default one when the URL names none), in lower case. */
  static String origin(URI u) {
    return (u.getScheme() + "://" + u.getHost() + ":" + Dialer.port(u)).toLowerCase(Locale.ROOT);
  }

  /** Checks one URL, resolves and checks its host, and makes one request to a checked address. */
  private HttpResult once(HttpCall call, FetchBudget.Due due) throws IOException {
    URI uri = call.uri();
    if (!uri.isAbsolute() || !policy.allowsScheme(uri.getScheme())) {
      throw new UnsafeUrlException(
          "only "
              + (policy.allowHttp() ? "http and https" : "https")
              + " URLs can be fetched, not "
              + uri.getScheme());
    }
    String host = uri.getHost(); // null, never empty, when there is none
    if (host == null) {
      throw new UnsafeUrlException("the URL has no host");
    }
    if (uri.getRawUserInfo() != null) {
      throw new UnsafeUrlException("URLs with a user name or password are not fetched");
    }
    List<InetAddress> addresses = resolve(host, due);
    for (InetAddress a : addresses) {
      if (!policy.allows(a)) {
        // One bad address in the answer is enough to refuse: the name is not a public host.
        throw new UnsafeUrlException(host + " resolves to a non-public address");
      }
    }
    return connector.send(
        call, () -> open(addresses, uri, due), new Fetch(due, Lookups.GUARDED, limits));
  }

  /** A connection to the first of the checked addresses that takes one. */
  private Socket open(List<InetAddress> addresses, URI uri, FetchBudget.Due due)
      throws IOException {
    IOException last = null;
    for (InetAddress a : addresses) {
      try {
        return connect(a, uri, due);
      } catch (SocketTimeoutException e) {
        throw e;
      } catch (IOException e) {
        last = e;
      }
    }
    throw last != null ? last : new UnknownHostException(uri.getHost());
  }

  private List<InetAddress> resolve(String host, FetchBudget.Due due) throws IOException {
    // An IPv6 literal keeps its brackets: it contains a colon, so it is a literal below, and
    // InetAddress.getByName reads "[::1]" as ::1.
    if (NUMERIC.matcher(host).matches() && !DOTTED_DECIMAL.matcher(host).matches()) {
      // 2130706433, 0177.0.0.1, 0x7f.1, 127.1: parsers disagree on these (the JDK reads 0177 as
      // decimal 177, inet_aton as octal 127), so whatever this guard checked, a proxy or another
      // library on the way could connect elsewhere. Only the canonical form is fetched.
      throw new UnsafeUrlException(
          host + " is an IP address in an ambiguous form; only a.b.c.d in decimal is fetched");
    }
    if (Dialer.isLiteral(host)) {
      // A literal is its own address; getByName parses it without any lookup.
      return List.of(InetAddress.getByName(host));
    }
    // None: the connect loop ends in UnknownHostException.
    return dialer.lookUp(policy.resolver(), host, due);
  }

  private Socket connect(InetAddress address, URI uri, FetchBudget.Due due) throws IOException {
    InetSocketAddress target = new InetSocketAddress(address, Dialer.port(uri));
    Optional<InetSocketAddress> via = proxy.forDestination(uri);
    if (via.isEmpty()) {
      return dialer.secure(dialer.connect(target, due), uri);
    }
    // The proxy's own name is the app's configuration; it is resolved as given, not checked.
    InetSocketAddress p = via.get();
    Socket plain = dialer.connect(p.getHostString(), p.getPort(), due);
    try {
      String ip = address.getHostAddress();
      dialer.tunnel(
          plain, (ip.contains(":") ? "[" + ip + "]" : ip) + ":" + target.getPort(), uri.getHost());
    } catch (IOException | RuntimeException e) {
      plain.close();
      throw e;
    }
    return dialer.secure(plain, uri);
  }

  @Override
  public String toString() {
    return "GuardedTransport["
        + (policy.allowHttp() ? "http and https" : "https only")
        + (policy.allowLoopback() ? ", loopback allowed" : "")
        + "]";
  }
}
