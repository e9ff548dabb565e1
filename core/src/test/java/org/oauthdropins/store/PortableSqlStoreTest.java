package org.oauthdropins.store;

import java.time.Clock;
import java.util.UUID;
import javax.sql.DataSource;
import org.h2.jdbcx.JdbcDataSource;

/**
 * The contract on the statements a {@link JdbcStore} runs on a database it does not know (no
 * returning statements: a take is a SELECT and a DELETE, a put an UPDATE and a SELECT in a
 * transaction), run here on an in-memory H2 database.
 */
class PortableSqlStoreTest extends JdbcStoreContract {

  private final JdbcDataSource db = database();

  private static JdbcDataSource database() {
    JdbcDataSource d = new JdbcDataSource();
    d.setURL("jdbc:h2:mem:portable-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
    d.setUser("sa");
    return d;
  }

  @Override
  protected DataSource dataSource() {
    return db;
  }

  @Override
  protected JdbcStore storeOn(DataSource source, Clock clock) {
    return JdbcStore.withoutReturning(source, clock);
  }

  @Override
  protected boolean returnsChangedRows() {
    return false;
  }

  @Override
  protected Outage outage() {
    return switchedOutage();
  }
}
