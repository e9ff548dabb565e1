package org.oauthdropins.store.jdbc;

import java.nio.file.Path;
import java.time.Clock;
import javax.sql.DataSource;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.oauthdropins.store.AppRegistrationsContract;
import org.oauthdropins.store.AuthStore;
import org.oauthdropins.store.LoginStoreContract;
import org.oauthdropins.store.Outage;
import org.oauthdropins.store.PendingLoginsContract;
import org.oauthdropins.store.RefreshLeasesContract;
import org.oauthdropins.store.StoreBackend;

/**
 * Every store contract against the embedded default: {@link JdbcStore#embedded(Path)}, an H2 file
 * database, as an app gets it without configuration.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class EmbeddedH2StoreTest {

  @TempDir static Path dir;
  private JdbcStore embedded;
  private JdbcDataSource direct;

  @BeforeAll
  void open() {
    embedded = JdbcStore.embedded(dir);
    direct = new JdbcDataSource();
    direct.setURL("jdbc:h2:" + dir.toAbsolutePath().resolve("oauth-dropins"));
    direct.setUser("sa");
  }

  @AfterAll
  void close() {
    embedded.close();
  }

  private final JdbcBackend h2 =
      new JdbcBackend() {
        @Override
        public AuthStore open(Clock clock) {
          return embedded.withClock(clock);
        }

        @Override
        DataSource dataSource() {
          return direct;
        }

        @Override
        public Outage outage(Clock clock) {
          return switchedOutage(clock);
        }
      };

  @Nested
  class Logins extends LoginStoreContract {
    @Override
    protected StoreBackend backend() {
      return h2;
    }
  }

  @Nested
  class Pending extends PendingLoginsContract {
    @Override
    protected StoreBackend backend() {
      return h2;
    }
  }

  @Nested
  class Registrations extends AppRegistrationsContract {
    @Override
    protected StoreBackend backend() {
      return h2;
    }
  }

  @Nested
  class Leases extends RefreshLeasesContract {
    @Override
    protected StoreBackend backend() {
      return h2;
    }
  }

  @Nested
  class Jdbc extends JdbcStoreContract {
    @Override
    protected JdbcBackend backend() {
      return h2;
    }
  }
}
