package org.oauthdropins.testkit.attacks;

import org.oauthdropins.http.ApacheTransports;
import org.oauthdropins.http.Transports;

/**
 * The testkit's {@link SsrfAttackContract} on Apache HttpClient 5, with its assertions unchanged.
 */
class ApacheSsrfAttackTest extends SsrfAttackContract {

  @Override
  protected Transports transports() {
    return ApacheTransports.INSTANCE;
  }
}
