package org.oauthdropins.store;

import java.nio.file.Path;
import java.time.Clock;
import javax.sql.DataSource;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;

/**
 * The contract against the embedded default: {@link JdbcStore#embedded(Path)}, an H2 file database,
 * as an app gets it without configuration.
 */
class EmbeddedH2StoreTest extends JdbcStoreContract {

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

  @Override
  protected AuthStore openStore(Clock clock) {
    return embedded.withClock(clock);
  }

  @Override
  protected DataSource dataSource() {
    return direct;
  }

  @Override
  protected Outage outage() {
    return switchedOutage();
  }
}
