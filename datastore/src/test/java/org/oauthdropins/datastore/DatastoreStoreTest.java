package org.oauthdropins.datastore;

import com.google.cloud.datastore.Datastore;
import java.time.Clock;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.TestInstance;
import org.oauthdropins.internal.secrets.Secrets;
import org.oauthdropins.keys.KeyRing;
import org.oauthdropins.store.AppRegistrationsContract;
import org.oauthdropins.store.AuthStore;
import org.oauthdropins.store.LoginStoreContract;
import org.oauthdropins.store.Outage;
import org.oauthdropins.store.PendingLoginsContract;
import org.oauthdropins.store.RefreshLeasesContract;
import org.oauthdropins.store.Scratch;
import org.oauthdropins.store.StoreBackend;
import org.oauthdropins.store.TcpProxy;

/** Every store contract against the Datastore emulator. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DatastoreStoreTest {

  private DatastoreStore shared;

  private final StoreBackend datastore =
      new StoreBackend() {
        @Override
        public AuthStore open(Clock clock) {
          if (shared == null) {
            shared = DatastoreStore.emulator(Emulator.get().hostPort(), Emulator.PROJECT);
          }
          return shared.withClock(clock);
        }

        /** A real outage: the store reaches the emulator through a proxy that is then cut. */
        @Override
        public Outage outage(Clock clock) {
          TcpProxy proxy = new TcpProxy(Emulator.get().port());
          DatastoreStore s =
              DatastoreStore.emulator("127.0.0.1:" + proxy.port(), Emulator.PROJECT)
                  .withClock(clock);
          return Outage.of(s, proxy);
        }

        /**
         * A namespace of its own. Its stores seal the Python kinds too, since the contracts' logins
         * are of Python's sites (GitHub) and they look for every secret in what the backend holds;
         * {@link DatastoreSealingTest} checks the default, which keeps those kinds plain.
         */
        @Override
        public Scratch scratch() {
          Datastore client =
              PythonFixtures.client(
                  Emulator.PROJECT, "scratch" + Secrets.random(6).replaceAll("[^A-Za-z0-9]", ""));
          return new Scratch() {
            @Override
            public AuthStore open(Clock clock, KeyRing ring) {
              return new DatastoreStore(client, ring).sealingPythonKinds().withClock(clock);
            }

            @Override
            public AuthStore unsealed(Clock clock) {
              return new DatastoreStore(client, KeyRing.generate()).withClock(clock).unsealed();
            }

            @Override
            public String dump() {
              return EntityDump.all(client);
            }
          };
        }
      };

  @AfterAll
  void closeClient() {
    if (shared != null) {
      shared.close();
    }
  }

  @Nested
  class Logins extends LoginStoreContract {
    @Override
    protected StoreBackend backend() {
      return datastore;
    }
  }

  @Nested
  class Pending extends PendingLoginsContract {
    @Override
    protected StoreBackend backend() {
      return datastore;
    }
  }

  @Nested
  class Registrations extends AppRegistrationsContract {
    @Override
    protected StoreBackend backend() {
      return datastore;
    }
  }

  @Nested
  class Leases extends RefreshLeasesContract {
    @Override
    protected StoreBackend backend() {
      return datastore;
    }
  }
}
