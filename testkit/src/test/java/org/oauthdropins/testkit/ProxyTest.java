package org.oauthdropins.testkit;

import org.oauthdropins.http.Transports;

/** The proxy contract ({@link ProxyContract}) on the library's own transports. */
class ProxyTest extends ProxyContract {

  @Override
  protected Transports transports() {
    return Transports.OWN;
  }
}
