package org.oauthdropins.store.jdbc;

import java.time.Clock;
import java.util.UUID;
import javax.sql.DataSource;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.TestInstance;
import org.oauthdropins.internal.seal.Sealing;
import org.oauthdropins.keys.KeyRing;
import org.oauthdropins.store.AppRegistrationsContract;
import org.oauthdropins.store.LoginStoreContract;
import org.oauthdropins.store.Outage;
import org.oauthdropins.store.PendingLoginsContract;
import org.oauthdropins.store.RefreshLeasesContract;
import org.oauthdropins.store.StoreBackend;

/**
 * Every store contract on the statements a {@link JdbcStore} runs on a database it does not know
 * (no returning statements: a take is a SELECT and a DELETE, a put an UPDATE and a SELECT in a
 * transaction), run here on an in-memory H2 database.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PortableSqlStoreTest {

  private final JdbcBackend portable =
      new JdbcBackend() {
        private final JdbcDataSource db = database();

        @Override
        DataSource dataSource() {
          return db;
        }

        @Override
        DataSource newDatabase() {
          return database();
        }

        @Override
        JdbcStore storeOn(DataSource source, Clock clock, KeyRing ring) {
          return JdbcStore.withoutReturning(source, clock, Sealing.of(ring));
        }

        @Override
        boolean returnsChangedRows() {
          return false;
        }

        @Override
        public Outage outage(Clock clock) {
          return switchedOutage(clock);
        }
      };

  private static JdbcDataSource database() {
    JdbcDataSource d = new JdbcDataSource();
    d.setURL("jdbc:h2:mem:portable-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
    d.setUser("sa");
    return d;
  }

  @Nested
  class Logins extends LoginStoreContract {
    @Override
    protected StoreBackend backend() {
      return portable;
    }
  }

  @Nested
  class Pending extends PendingLoginsContract {
    @Override
    protected StoreBackend backend() {
      return portable;
    }
  }

  @Nested
  class Registrations extends AppRegistrationsContract {
    @Override
    protected StoreBackend backend() {
      return portable;
    }
  }

  @Nested
  class Leases extends RefreshLeasesContract {
    @Override
    protected StoreBackend backend() {
      return portable;
    }
  }

  @Nested
  class Jdbc extends JdbcStoreContract {
    @Override
    protected JdbcBackend backend() {
      return portable;
    }
  }
}
