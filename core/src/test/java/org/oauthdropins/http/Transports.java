package org.oauthdropins.http;

import javax.net.ssl.SSLSocketFactory;

/**
 * The two roles of a transport that the contract suites ({@link GuardContract}, {@link
 * TrustedContract}, {@link BudgetContract}) hold every implementation to: the library's own ({@link
 * #OWN}) and any other (the module {@code http-apache}'s), with the same assertions.
 */
public interface Transports {

  /** The SSRF guard with this policy, limits, TLS trust and proxy. */
  GuardedTransport guard(
      GuardPolicy policy, Limits limits, SSLSocketFactory tls, OutboundProxy proxy);

  /**
   * The transport to the app's configured servers, with these limits and proxy, trusting what
   * {@code tls} trusts (null: the JDK's authorities), looking names up with {@code resolver}.
   */
  HttpTransport trusted(
      Limits limits, OutboundProxy proxy, SSLSocketFactory tls, GuardPolicy.Resolver resolver);

  /**
   * The library's own: {@link GuardedTransport} and {@link KeepAliveClient} (in {@link
   * JdkTransport}).
   */
  Transports OWN =
      new Transports() {
        @Override
        public GuardedTransport guard(
            GuardPolicy policy, Limits limits, SSLSocketFactory tls, OutboundProxy proxy) {
          return new GuardedTransport(policy, limits, tls, proxy);
        }

        @Override
        public HttpTransport trusted(
            Limits limits,
            OutboundProxy proxy,
            SSLSocketFactory tls,
            GuardPolicy.Resolver resolver) {
          return new KeepAliveClient(limits, proxy, tls, resolver)::send;
        }
      };

  // ---- the shapes the suites use, in the defaults of the library's own constructors

  default GuardedTransport guard(GuardPolicy policy) {
    return guard(policy, Limits.DEFAULT);
  }

  default GuardedTransport guard(GuardPolicy policy, Limits limits) {
    return guard(policy, limits, (SSLSocketFactory) SSLSocketFactory.getDefault());
  }

  default GuardedTransport guard(GuardPolicy policy, Limits limits, SSLSocketFactory tls) {
    return guard(policy, limits, tls, OutboundProxy.fromEnvironment());
  }

  default HttpTransport trusted(Limits limits) {
    return trusted(limits, OutboundProxy.fromEnvironment(), null, GuardPolicy.Resolver.system());
  }
}
