package org.oauthdropins.store.jdbc;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.Statement;
import java.time.Clock;
import javax.sql.DataSource;
import org.oauthdropins.internal.seal.Sealing;
import org.oauthdropins.keys.KeyRing;
import org.oauthdropins.store.AuthStore;
import org.oauthdropins.store.Outage;
import org.oauthdropins.store.Scratch;
import org.oauthdropins.store.StoreBackend;

/** A {@link JdbcStore} on one database, as the contracts and {@link JdbcStoreContract} run it. */
abstract class JdbcBackend implements StoreBackend {

  /**
   * The ring of the shared databases: one for the JVM, since the PostgreSQL server is shared by
   * every test class and its key check remembers the keys.
   */
  static final KeyRing RING = KeyRing.generate();

  /** The class's shared database. */
  abstract DataSource dataSource();

  /** A new, empty database of its own, for a {@link Scratch}. */
  abstract DataSource newDatabase() throws Exception;

  /** The ring the shared database is sealed under. */
  KeyRing ring() {
    return RING;
  }

  /** The store under test on a data source, e.g. one that fails on cue. */
  JdbcStore storeOn(DataSource source, Clock clock, KeyRing ring) {
    return new JdbcStore(source, clock, () -> {}, Sealing.of(ring));
  }

  /** The store under test on a data source, under the shared ring. */
  final JdbcStore storeOn(DataSource source, Clock clock) {
    return storeOn(source, clock, ring());
  }

  /** Whether the store runs statements that return the rows they changed (PostgreSQL). */
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

  @Override
  public Scratch scratch() throws Exception {
    DataSource db = newDatabase();
    return new Scratch() {
      @Override
      public AuthStore open(Clock clock, KeyRing ring) {
        return storeOn(db, clock, ring);
      }

      @Override
      public AuthStore unsealed(Clock clock) {
        return storeOn(db, clock).unsealed();
      }

      @Override
      public String dump() throws Exception {
        return tablesText(db);
      }
    };
  }

  /** The text of every row of the store's tables, as a dump of the database shows it. */
  static String tablesText(DataSource db) throws Exception {
    StringBuilder out = new StringBuilder();
    try (Connection c = db.getConnection();
        Statement s = c.createStatement()) {
      for (String table : JdbcStoreContract.tables()) {
        try (ResultSet r = s.executeQuery("SELECT * FROM " + table)) {
          ResultSetMetaData meta = r.getMetaData();
          while (r.next()) {
            for (int i = 1; i <= meta.getColumnCount(); i++) {
              out.append(r.getString(i)).append('\t');
            }
            out.append('\n');
          }
        }
      }
    }
    return out.toString();
  }
}
