package org.oauthdropins.http;

/** Core's {@link GuardContract} on Apache HttpClient 5, with its assertions unchanged. */
class ApacheGuardTest extends GuardContract {

  @Override
  protected Transports transports() {
    return ApacheTransports.INSTANCE;
  }
}
