package org.oauthdropins.testkit.attacks;

import org.oauthdropins.PendingStorage;

/** The same attacks on the state, with pending logins kept in the store instead of a cookie. */
class StateAttackInStoreTest extends StateAttackTest {

  @Override
  Scene scene() {
    return new Scene(app -> app.pendingLogins(PendingStorage.IN_STORE));
  }
}
