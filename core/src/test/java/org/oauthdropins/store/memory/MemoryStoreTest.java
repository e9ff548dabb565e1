package org.oauthdropins.store.memory;

import java.time.Clock;
import java.util.IdentityHashMap;
import java.util.Map;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.TestInstance;
import org.oauthdropins.store.AppRegistrationsContract;
import org.oauthdropins.store.AuthStore;
import org.oauthdropins.store.LoginStoreContract;
import org.oauthdropins.store.Outage;
import org.oauthdropins.store.PendingLoginsContract;
import org.oauthdropins.store.RefreshLeasesContract;
import org.oauthdropins.store.Scratch;
import org.oauthdropins.store.StoreBackend;

/** Every store contract against the in-memory store. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class MemoryStoreTest {

  private final StoreBackend memory =
      new StoreBackend() {
        private final Map<Clock, MemoryStore> shared = new IdentityHashMap<>();

        @Override
        public AuthStore open(Clock clock) {
          // One store per contract class (each has its own clock), like the other stores' shared
          // backends.
          return shared.computeIfAbsent(clock, MemoryStore::new);
        }

        @Override
        public Outage outage(Clock clock) {
          return null;
        }

        @Override
        public Scratch scratch() {
          return new MemoryScratch();
        }
      };

  @Nested
  class Logins extends LoginStoreContract {
    @Override
    protected StoreBackend backend() {
      return memory;
    }
  }

  @Nested
  class Pending extends PendingLoginsContract {
    @Override
    protected StoreBackend backend() {
      return memory;
    }
  }

  @Nested
  class Registrations extends AppRegistrationsContract {
    @Override
    protected StoreBackend backend() {
      return memory;
    }
  }

  @Nested
  class Leases extends RefreshLeasesContract {
    @Override
    protected StoreBackend backend() {
      return memory;
    }
  }
}
