package org.oauthdropins.store.jdbc;

import java.time.Clock;
import javax.sql.DataSource;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.TestInstance;
import org.oauthdropins.store.AppRegistrationsContract;
import org.oauthdropins.store.LoginStoreContract;
import org.oauthdropins.store.Outage;
import org.oauthdropins.store.PendingLoginsContract;
import org.oauthdropins.store.RefreshLeasesContract;
import org.oauthdropins.store.StoreBackend;
import org.oauthdropins.store.TcpProxy;
import org.oauthdropins.store.TestPostgres;

/** Every store contract against a real PostgreSQL server. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PostgresStoreTest {

  private final JdbcBackend postgres =
      new JdbcBackend() {
        @Override
        DataSource dataSource() {
          return TestPostgres.dataSource();
        }

        @Override
        DataSource newDatabase() throws Exception {
          return TestPostgres.newDatabase();
        }

        /** A real outage: the store reaches the server through a proxy that is then cut. */
        @Override
        public Outage outage(Clock clock) {
          TcpProxy proxy = new TcpProxy(TestPostgres.port());
          JdbcStore s = storeOn(TestPostgres.dataSourceAt(proxy.port()), Clock.systemUTC());
          return Outage.of(s, proxy);
        }
      };

  @Nested
  class Logins extends LoginStoreContract {
    @Override
    protected StoreBackend backend() {
      return postgres;
    }
  }

  @Nested
  class Pending extends PendingLoginsContract {
    @Override
    protected StoreBackend backend() {
      return postgres;
    }
  }

  @Nested
  class Registrations extends AppRegistrationsContract {
    @Override
    protected StoreBackend backend() {
      return postgres;
    }
  }

  @Nested
  class Leases extends RefreshLeasesContract {
    @Override
    protected StoreBackend backend() {
      return postgres;
    }
  }

  @Nested
  class Jdbc extends JdbcStoreContract {
    @Override
    protected JdbcBackend backend() {
      return postgres;
    }
  }
}
