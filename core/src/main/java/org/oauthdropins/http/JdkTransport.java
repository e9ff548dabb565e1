package org.oauthdropins.http;

import java.io.IOException;
import java.util.Objects;

/**
 * The default transport: HTTP/1.1 on the JDK's own sockets and TLS, with no HTTP library. One per
 * set of limits, shared by every site, so that a connection to a site's token or API server is kept
 * open and reused by the next login. Never follows redirects; refuses a body over the size cap
 * before reading it into memory.
 *
 * <p>The whole exchange, body included, is bounded: it ends at most {@link Limits#requestTimeout()}
 * after the call began (sooner when the call carries a browser request's {@link FetchBudget} that
 * ends sooner), however slowly the server trickles its answer.
 *
 * <p>Requests go through the {@link OutboundProxy} the transport is built with: {@code CONNECT}
 * tunnels for https, forwarded requests for http; by default the one the environment names ({@code
 * HTTPS_PROXY}, {@code NO_PROXY}).
 *
 * <p>Why not {@code java.net.http}: it costs more CPU per request than the rest of a login (see the
 * benchmarks' RESULTS.md); the reasons are in the internal {@code KeepAliveClient}.
 */
public final class JdkTransport implements HttpTransport {

  private static final JdkTransport SHARED = new JdkTransport(Limits.DEFAULT);

  private final Limits limits;
  private final OutboundProxy proxy;
  private final KeepAliveClient client;

  /**
   * A transport with its own connections and these limits, through the environment's proxy if it
   * names one; most apps use the shared default.
   */
  public JdkTransport(Limits limits) {
    this(limits, OutboundProxy.fromEnvironment());
  }

  /**
   * A transport with these limits, through the given proxy ({@link OutboundProxy#NONE}: direct).
   */
  public JdkTransport(Limits limits, OutboundProxy proxy) {
    this.limits = Objects.requireNonNull(limits, "limits");
    this.proxy = Objects.requireNonNull(proxy, "proxy");
    this.client = new KeepAliveClient(limits, proxy, null);
  }

  /** The proxy this transport's requests go through. */
  public OutboundProxy proxy() {
    return proxy;
  }

  /** The process-wide transport with {@link Limits#DEFAULT}. */
  public static JdkTransport shared() {
    return SHARED;
  }

  /** The limits of this transport. */
  public Limits limits() {
    return limits;
  }

  @Override
  public HttpResult send(HttpCall call) throws IOException {
    return client.send(call);
  }
}
