package org.oauthdropins.http.apache;

import java.io.IOException;
import java.util.Locale;
import java.util.Objects;
import javax.net.ssl.SSLSocketFactory;
import org.oauthdropins.http.Fetch;
import org.oauthdropins.http.GuardPolicy;
import org.oauthdropins.http.GuardedTransport;
import org.oauthdropins.http.HttpCall;
import org.oauthdropins.http.HttpResult;
import org.oauthdropins.http.HttpTransport;
import org.oauthdropins.http.Limits;
import org.oauthdropins.http.OutboundProxy;

/**
 * The library's transport on Apache HttpClient 5 (classic, blocking) instead of its own HTTP/1.1
 * client: the candidate of issue 23, measured side by side with the default ({@link
 * org.oauthdropins.http.JdkTransport}) in the benchmarks, and held to the same transport contract
 * (the SSRF, budget, proxy, redirect and size tests of core run on both).
 *
 * <p>Like the default, one per set of limits is shared by every site: connections to a site's token
 * and API servers are pooled and reused by the next login. It never follows redirects, refuses a
 * body over {@link Limits#maxBodyBytes()} without reading more than that, and ends the whole
 * exchange, body included, at {@link Limits#requestTimeout()} or at the end of the call's {@link
 * org.oauthdropins.http.FetchBudget}, whichever comes first. Requests go through the {@link
 * OutboundProxy} it is built with: {@code CONNECT} tunnels for https, forwarded requests for http.
 *
 * <p>Sites that fetch user-supplied URLs take its {@link #guard()}: the library's {@link
 * GuardedTransport}, with its checks, look-ups, redirects and connections, and this client carrying
 * the requests over them ({@link #guarded}).
 *
 * <p>Logging: Apache HttpClient writes every request header at DEBUG to the logger {@code
 * org.apache.hc.client5.http.headers}, and every byte at DEBUG to {@code
 * org.apache.hc.client5.http.wire}; those carry the client secret, codes and tokens. Keep both
 * above DEBUG (an app that turns its root logger to DEBUG turns them on too).
 *
 * <p>Thread-safe. {@link #close()} closes its pooled connections; a shared one is never closed.
 */
public final class ApacheTransport
    implements HttpTransport, GuardedTransport.Source, AutoCloseable {

  private final Limits limits;
  private final OutboundProxy proxy;
  private final SSLSocketFactory tls;
  private final ApacheClient client;
  private volatile GuardedTransport guard;

  /** A transport with these limits, through the environment's proxy if it names one. */
  public ApacheTransport(Limits limits) {
    this(limits, OutboundProxy.fromEnvironment());
  }

  /**
   * A transport with these limits, through the given proxy ({@link OutboundProxy#NONE}: direct).
   */
  public ApacheTransport(Limits limits, OutboundProxy proxy) {
    this(limits, proxy, null, GuardPolicy.Resolver.system());
  }

  /**
   * A transport that trusts the certificates {@code tls} trusts (null: the JDK's default
   * authorities) and looks up the servers' and the proxy's names with {@code resolver}, as tests
   * play DNS.
   */
  public ApacheTransport(
      Limits limits, OutboundProxy proxy, SSLSocketFactory tls, GuardPolicy.Resolver resolver) {
    this.limits = Objects.requireNonNull(limits, "limits");
    this.proxy = Objects.requireNonNull(proxy, "proxy");
    this.tls = tls;
    this.client =
        ApacheClient.dialling(limits, proxy, tls, Objects.requireNonNull(resolver, "resolver"));
  }

  /**
   * The SSRF guard with this policy, limits, TLS trust and proxy, whose requests Apache HttpClient
   * carries over the connections the guard opens.
   */
  public static GuardedTransport guarded(
      GuardPolicy policy, Limits limits, SSLSocketFactory tls, OutboundProxy proxy) {
    return new GuardedTransport(
        policy, limits, tls, proxy, ApacheClient.guarded(limits).connector());
  }

  /** The strict guard with this transport's limits, TLS trust and proxy, on Apache HttpClient. */
  @Override
  public GuardedTransport guard() {
    GuardedTransport g = guard;
    if (g == null) {
      synchronized (this) {
        g = guard;
        if (g == null) {
          g =
              guarded(
                  GuardPolicy.STRICT,
                  limits,
                  tls != null ? tls : (SSLSocketFactory) SSLSocketFactory.getDefault(),
                  proxy);
          guard = g;
        }
      }
    }
    return g;
  }

  /** The limits of this transport. */
  public Limits limits() {
    return limits;
  }

  /** The proxy this transport's requests go through. */
  public OutboundProxy proxy() {
    return proxy;
  }

  @Override
  public HttpResult send(HttpCall call) throws IOException {
    String scheme =
        call.uri().getScheme() == null ? "" : call.uri().getScheme().toLowerCase(Locale.ROOT);
    if (!(scheme.equals("http") || scheme.equals("https")) || call.uri().getHost() == null) {
      throw new IOException("only http and https URLs with a host can be fetched");
    }
    return client.send(call, Fetch.begin(call, limits), null);
  }

  @Override
  public void close() {
    client.close();
  }

  @Override
  public String toString() {
    return "ApacheTransport[" + proxy + "]";
  }
}
