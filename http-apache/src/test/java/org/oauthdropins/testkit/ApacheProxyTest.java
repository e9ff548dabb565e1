package org.oauthdropins.testkit;

import org.oauthdropins.http.ApacheTransports;
import org.oauthdropins.http.Transports;

/**
 * The testkit's {@link ProxyContract} on Apache HttpClient 5: real logins to the fakes through
 * {@link ConnectProxy}, with its assertions unchanged.
 */
class ApacheProxyTest extends ProxyContract {

  @Override
  protected Transports transports() {
    return ApacheTransports.INSTANCE;
  }
}
