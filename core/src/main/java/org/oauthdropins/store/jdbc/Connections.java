package org.oauthdropins.store.jdbc;

import java.sql.Connection;
import java.sql.SQLException;
import javax.sql.DataSource;

/**
 * Where a {@link JdbcStore} gets a connection for one operation and gives it back: an app's pooled
 * {@link DataSource}, or the embedded store's own pool ({@link H2Pool}).
 */
interface Connections {

  /** A connection in auto-commit mode, for one operation. */
  Connection take() throws SQLException;

  /**
   * Gives a connection back after an operation.
   *
   * @param failed the operation failed on it, so it may be in any state
   */
  void give(Connection c, boolean failed) throws SQLException;

  /** A data source's connections: taken with {@code getConnection()}, given back by closing. */
  static Connections of(DataSource dataSource) {
    return new Connections() {
      @Override
      public Connection take() throws SQLException {
        return dataSource.getConnection();
      }

      @Override
      public void give(Connection c, boolean failed) throws SQLException {
        c.close();
      }
    };
  }
}
