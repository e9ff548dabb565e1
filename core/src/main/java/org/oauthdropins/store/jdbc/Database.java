package org.oauthdropins.store.jdbc;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Clock;
import java.time.Instant;
import org.oauthdropins.errors.StoreUnavailableException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One {@link JdbcStore}'s database as its four concerns reach it: a connection per operation, the
 * store's clock, what the database returns from a change, and the one way a database failure
 * becomes the caller's 503. The SQL is the same on H2 and PostgreSQL except what {@link
 * ReturningSql} phrases per database.
 */
final class Database {

  private static final Logger LOG = LoggerFactory.getLogger(JdbcStore.class);

  /** The whole message of every failure: the database's own text goes to the log only. */
  static final String UNAVAILABLE = "the credential store is unavailable; please try again later";

  final Connections connections;
  final Clock clock;

  /** How the database returns what a statement changed; null until the first operation asks. */
  private volatile ReturningSql returning;

  Database(Connections connections, Clock clock, ReturningSql returning) {
    this.connections = connections;
    this.clock = clock;
    this.returning = returning;
  }

  /** The same database read on another clock; what it returns is not asked again. */
  Database withClock(Clock other) {
    return new Database(connections, other, returning);
  }

  /** What the database returns from a change, asked once per store at its first use. */
  ReturningSql returning() {
    ReturningSql r = returning;
    if (r == null) {
      r = run(ReturningSql::of);
      returning = r;
    }
    return r;
  }

  interface Work<T> {
    T apply(Connection c) throws SQLException;
  }

  /** Runs one operation on a connection of its own, in auto-commit mode. */
  <T> T run(Work<T> work) {
    Connection c;
    try {
      c = connections.take();
    } catch (SQLException e) {
      throw unavailable(e);
    }
    T result;
    try {
      result = work.apply(c);
    } catch (SQLException | RuntimeException e) {
      try {
        connections.give(c, true);
      } catch (SQLException suppressed) {
        e.addSuppressed(suppressed);
      }
      throw e instanceof SQLException sql ? unavailable(sql) : (RuntimeException) e;
    }
    try {
      connections.give(c, false);
    } catch (SQLException e) {
      throw unavailable(e);
    }
    return result;
  }

  /** Runs one operation in a transaction: committed whole, or rolled back whole. */
  <T> T inTransaction(Work<T> work) {
    return run(
        c -> {
          boolean auto = c.getAutoCommit();
          c.setAutoCommit(false);
          try {
            T result = work.apply(c);
            c.commit();
            return result;
          } catch (SQLException | RuntimeException e) {
            c.rollback();
            throw e;
          } finally {
            c.setAutoCommit(auto);
          }
        });
  }

  /** A primary key refused a second row: an expected race, which the caller resolves. */
  static boolean isDuplicate(SQLException e) {
    return "23505".equals(e.getSQLState());
  }

  /** Whether a store failure was a primary key refusing a second row. */
  static boolean isDuplicate(StoreUnavailableException e) {
    return e.getCause() instanceof SQLException sql && isDuplicate(sql);
  }

  static void setInstant(PreparedStatement s, int i, Instant t) throws SQLException {
    if (t == null) {
      s.setNull(i, Types.BIGINT);
    } else {
      s.setLong(i, t.toEpochMilli());
    }
  }

  /**
   * The failure the caller sees, which says only that the store is unavailable: a database's text
   * can name its host, user, schema or a value, and callers show the message in the 503 page. The
   * detail is logged instead, with quoted values blanked, since some databases quote the values of
   * the failing statement (H2 does) and those may be tokens.
   */
  static StoreUnavailableException unavailable(SQLException e) {
    if (isDuplicate(e)) {
      // An expected race (two first writes of one key), which the caller retries or resolves.
      LOG.debug("credential store: duplicate key (SQLState 23505)");
    } else {
      LOG.warn(
          "credential store failed: {} (SQLState {}, error {}): {}",
          e.getClass().getName(),
          e.getSQLState(),
          e.getErrorCode(),
          scrub(e.getMessage()));
    }
    return new StoreUnavailableException(UNAVAILABLE, e);
  }

  /**
   * A database message with its quoted or bracketed values replaced by {@code ?}: a quote that a
   * truncated message leaves open blanks the rest, and so does a bracket; PostgreSQL's {@code
   * Failing row contains (...)} lists a row's values with no quotes at all.
   */
  static String scrub(String message) {
    if (message == null) {
      return "";
    }
    return message
        .replaceAll("'[^']*('|$)", "'?'")
        .replaceAll("=\\([^)]*(\\)|$)", "=(?)")
        .replaceAll("(?i)(row contains )\\([^)]*(\\)|$)", "$1(?)")
        .replace('\r', ' ')
        .replace('\n', ' ');
  }
}
