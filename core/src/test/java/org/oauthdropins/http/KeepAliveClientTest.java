package org.oauthdropins.http;

/**
 * The transport contract ({@link TrustedContract}) on the library's own {@link KeepAliveClient}.
 */
class KeepAliveClientTest extends TrustedContract {

  @Override
  protected Transports transports() {
    return Transports.OWN;
  }
}
