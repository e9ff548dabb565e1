package org.oauthdropins.testkit.attacks;

import org.oauthdropins.http.ApacheTransports;
import org.oauthdropins.http.Transports;

/**
 * The testkit's {@link SlowServerAttackContract} on Apache HttpClient 5, with its assertions
 * unchanged.
 */
class ApacheSlowServerAttackTest extends SlowServerAttackContract {

  @Override
  protected Transports transports() {
    return ApacheTransports.INSTANCE;
  }
}
