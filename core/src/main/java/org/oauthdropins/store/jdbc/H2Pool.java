package org.oauthdropins.store.jdbc;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLTimeoutException;
import java.time.Duration;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.h2.jdbcx.JdbcDataSource;

/**
 * The embedded store's pool: H2's own connections, kept open and handed out as they are.
 *
 * <p>H2's {@code JdbcConnectionPool} wraps each checkout in a new logical connection, which cost
 * about 14 µs per checkout here, four checkouts per login, and its sessions did not keep their
 * parsed statements across checkouts, so each statement was parsed again every time (JFR on {@code
 * LoginBench}, and a loop of one SELECT: 16.7 µs through that pool, 2.7 µs on one connection). A
 * store runs each operation on one connection and gives it back, so handing out the physical
 * connection is safe: the next operation finds it in auto-commit mode, with its parsed statements.
 */
final class H2Pool implements Connections, AutoCloseable {

  private final JdbcDataSource source = new JdbcDataSource();
  private final Semaphore permits;
  private final Duration wait;
  private final ConcurrentLinkedDeque<Connection> idle = new ConcurrentLinkedDeque<>();
  private volatile boolean closed;

  /** At most 16 connections; an operation waits up to 30 s for one, as H2's own pool did. */
  H2Pool(String jdbcUrl) {
    this(jdbcUrl, 16, Duration.ofSeconds(30));
  }

  /**
   * @param max how many connections may be open at once
   * @param wait how long an operation waits for a free connection before the store counts as
   *     unavailable
   */
  H2Pool(String jdbcUrl, int max, Duration wait) {
    this.permits = new Semaphore(max);
    this.wait = wait;
    source.setURL(jdbcUrl);
    source.setUser("sa");
    source.setPassword("");
  }

  @Override
  public Connection take() throws SQLException {
    if (closed) {
      throw new SQLException("the store is closed");
    }
    try {
      if (!permits.tryAcquire(wait.toMillis(), TimeUnit.MILLISECONDS)) {
        throw new SQLTimeoutException("no free connection");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new SQLException("interrupted", e);
    }
    // The most recently used first: its pages and parsed statements are warm.
    Connection c = idle.pollFirst();
    if (c != null) {
      return c;
    }
    try {
      return source.getConnection();
    } catch (SQLException | RuntimeException e) {
      permits.release();
      throw e;
    }
  }

  @Override
  public void give(Connection c, boolean failed) throws SQLException {
    try {
      // A failed operation may have left a transaction open: such a connection is closed, which
      // rolls that back, and a new one is opened when needed.
      if (failed || closed || !c.getAutoCommit()) {
        c.close();
      } else {
        idle.addFirst(c);
        if (closed) {
          closeIdle(); // close() ran meanwhile and missed this one
        }
      }
    } finally {
      permits.release();
    }
  }

  /** Closes the idle connections; the last one closed closes the database. */
  @Override
  public void close() throws SQLException {
    closed = true;
    closeIdle();
  }

  private void closeIdle() throws SQLException {
    SQLException first = null;
    for (Connection c; (c = idle.pollFirst()) != null; ) {
      try {
        c.close();
      } catch (SQLException e) {
        if (first == null) {
          first = e;
        }
      }
    }
    if (first != null) {
      throw first;
    }
  }
}
