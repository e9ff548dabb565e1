package org.oauthdropins.http;

import javax.net.ssl.SSLSocketFactory;
import org.oauthdropins.http.apache.ApacheTransport;

/** Core's transport contracts on Apache HttpClient 5: {@link ApacheTransport} in both roles. */
public final class ApacheTransports implements Transports {

  public static final Transports INSTANCE = new ApacheTransports();

  private ApacheTransports() {}

  @Override
  public GuardedTransport guard(
      GuardPolicy policy, Limits limits, SSLSocketFactory tls, OutboundProxy proxy) {
    return ApacheTransport.guarded(policy, limits, tls, proxy);
  }

  @Override
  public HttpTransport trusted(
      Limits limits, OutboundProxy proxy, SSLSocketFactory tls, GuardPolicy.Resolver resolver) {
    return new ApacheTransport(limits, proxy, tls, resolver);
  }
}
