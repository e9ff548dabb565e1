package org.oauthdropins.datastore;

import java.time.Clock;
import org.junit.jupiter.api.AfterAll;
import org.oauthdropins.store.AuthStore;
import org.oauthdropins.store.AuthStoreContract;
import org.oauthdropins.store.Outage;
import org.oauthdropins.store.TcpProxy;

/** The store contract against the Datastore emulator. */
class DatastoreStoreTest extends AuthStoreContract {

  private DatastoreStore shared;

  @Override
  protected AuthStore openStore(Clock clock) {
    if (shared == null) {
      shared = DatastoreStore.emulator(Emulator.get().hostPort(), Emulator.PROJECT);
    }
    return shared.withClock(clock);
  }

  @AfterAll
  void closeClient() {
    if (shared != null) {
      shared.close();
    }
  }

  /** A real outage: the store reaches the emulator through a proxy that is then cut. */
  @Override
  protected Outage outage() {
    TcpProxy proxy = new TcpProxy(Emulator.get().port());
    DatastoreStore s =
        DatastoreStore.emulator("127.0.0.1:" + proxy.port(), Emulator.PROJECT).withClock(clock);
    return Outage.of(s, proxy);
  }
}
