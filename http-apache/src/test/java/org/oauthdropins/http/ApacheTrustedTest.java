package org.oauthdropins.http;

/** Core's {@link TrustedContract} on Apache HttpClient 5, with its assertions unchanged. */
class ApacheTrustedTest extends TrustedContract {

  @Override
  protected Transports transports() {
    return ApacheTransports.INSTANCE;
  }
}
