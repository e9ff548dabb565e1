package org.oauthdropins.testkit.attacks;

import org.oauthdropins.http.Transports;

/** The slow-server attacks ({@link SlowServerAttackContract}) on the library's own guard. */
class SlowServerAttackTest extends SlowServerAttackContract {

  @Override
  protected Transports transports() {
    return Transports.OWN;
  }
}
