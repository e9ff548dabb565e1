package org.oauthdropins.store.jdbc;

import java.time.Clock;
import javax.sql.DataSource;
import org.oauthdropins.store.AuthStore;
import org.oauthdropins.store.Outage;
import org.oauthdropins.store.StoreBackend;

/** A {@link JdbcStore} on one database, as the contracts and {@link JdbcStoreContract} run it. */
abstract class JdbcBackend implements StoreBackend {

  /** The class's shared database. */
  abstract DataSource dataSource();

  /** The store under test on a data source, e.g. one that fails on cue. */
  JdbcStore storeOn(DataSource source, Clock clock) {
    return new JdbcStore(source, clock, () -> {});
  }

  /** Whether the database returns the rows a DELETE or UPDATE changed (H2, PostgreSQL). */
  boolean returnsChangedRows() {
    return true;
  }

  @Override
  public AuthStore open(Clock clock) {
    return storeOn(dataSource(), clock);
  }

  /** An outage of a store on a wrapped connection source. */
  Outage switchedOutage(Clock clock) {
    FaultyDataSource faulty = new FaultyDataSource(dataSource());
    JdbcStore s = storeOn(faulty, clock);
    return Outage.of(s, faulty::down);
  }
}
