package org.oauthdropins.store;

import java.time.Clock;
import javax.sql.DataSource;

/** The contract against a real PostgreSQL server. */
class PostgresStoreTest extends JdbcStoreContract {

  @Override
  protected DataSource dataSource() {
    return TestPostgres.dataSource();
  }

  /** A real outage: the store reaches the server through a proxy that is then cut. */
  @Override
  protected Outage outage() {
    TcpProxy proxy = new TcpProxy(TestPostgres.port());
    JdbcStore s =
        new JdbcStore(TestPostgres.dataSourceAt(proxy.port()), Clock.systemUTC(), () -> {});
    return Outage.of(s, proxy);
  }
}
