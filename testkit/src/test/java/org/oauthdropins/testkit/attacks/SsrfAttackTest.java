package org.oauthdropins.testkit.attacks;

import org.oauthdropins.http.Transports;

/** The SSRF attacks ({@link SsrfAttackContract}) on the library's own guard. */
class SsrfAttackTest extends SsrfAttackContract {

  @Override
  protected Transports transports() {
    return Transports.OWN;
  }
}
