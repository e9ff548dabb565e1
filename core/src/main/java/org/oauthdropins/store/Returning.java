package org.oauthdropins.store;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Locale;

/**
 * How a database phrases a statement that changes rows and returns them, so that taking a pending
 * login or updating a stored one is one statement instead of two: one round trip to PostgreSQL, and
 * on H2 one statement less to run and commit per login. Databases without such a phrase get the two
 * statements, which are as safe, only slower.
 */
enum Returning {

  /** H2's data change delta tables: {@code SELECT ... FROM OLD TABLE (DELETE ...)}. */
  H2 {
    @Override
    String deleting(String delete, String columns) {
      return "SELECT " + columns + " FROM OLD TABLE (" + delete + ")";
    }

    @Override
    String updating(String update, String columns) {
      return "SELECT " + columns + " FROM FINAL TABLE (" + update + ")";
    }
  },

  /** PostgreSQL's {@code RETURNING} clause (and that of every database that copied it). */
  POSTGRESQL {
    @Override
    String deleting(String delete, String columns) {
      return delete + " RETURNING " + columns;
    }

    @Override
    String updating(String update, String columns) {
      return update + " RETURNING " + columns;
    }
  },

  /** Any other database: no returning statements; the store runs two. */
  NONE {
    @Override
    String deleting(String delete, String columns) {
      throw new UnsupportedOperationException("no returning statements");
    }

    @Override
    String updating(String update, String columns) {
      throw new UnsupportedOperationException("no returning statements");
    }
  };

  /** A query that runs {@code delete} and returns {@code columns} of the rows it deleted. */
  abstract String deleting(String delete, String columns);

  /** A query that runs {@code update} and returns {@code columns} of the rows as updated. */
  abstract String updating(String update, String columns);

  /** What the database behind a connection supports, from the name it gives itself. */
  static Returning of(Connection c) throws SQLException {
    String product = c.getMetaData().getDatabaseProductName().toLowerCase(Locale.ROOT);
    return switch (product) {
      case "h2" -> H2;
      case "postgresql" -> POSTGRESQL;
      default -> NONE;
    };
  }
}
