package org.oauthdropins.store.jdbc;

import java.io.PrintWriter;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.Statement;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Logger;
import javax.sql.DataSource;

/**
 * Wraps a database to make it fail the way a lost server does: refuse connections ({@link
 * #down()}), or break the connection after a number of statements ({@link #failAfter(int)}), so
 * tests can cut a write in the middle.
 */
public final class FaultyDataSource implements DataSource {

  private final DataSource real;
  private final AtomicBoolean down = new AtomicBoolean();
  private final AtomicInteger statementsLeft = new AtomicInteger(Integer.MAX_VALUE);

  public FaultyDataSource(DataSource real) {
    this.real = real;
  }

  /** From now on every connection attempt is refused. */
  public void down() {
    down.set(true);
  }

  /** The next {@code n} statements run; the one after that finds the connection broken. */
  public void failAfter(int n) {
    statementsLeft.set(n);
  }

  @Override
  public Connection getConnection() throws SQLException {
    if (down.get()) {
      throw new SQLNonTransientConnectionException("Connection refused (test outage)", "08001");
    }
    return wrap(real.getConnection(), Connection.class);
  }

  @Override
  public Connection getConnection(String user, String password) throws SQLException {
    return getConnection();
  }

  private <T> T wrap(T target, Class<T> type) {
    InvocationHandler h =
        (proxy, method, args) -> {
          String name = method.getName();
          if (target instanceof Statement && name.startsWith("execute")) {
            if (statementsLeft.getAndDecrement() <= 0) {
              throw new SQLNonTransientConnectionException(
                  "Connection reset (test fault)", "08006");
            }
          }
          try {
            Object out = method.invoke(target, args);
            if (out instanceof java.sql.PreparedStatement ps) {
              return wrap(ps, java.sql.PreparedStatement.class);
            }
            if (out instanceof Statement s && !(out instanceof java.sql.PreparedStatement)) {
              return wrap(s, Statement.class);
            }
            return out;
          } catch (InvocationTargetException e) {
            throw e.getCause();
          }
        };
    return type.cast(Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type}, h));
  }

  @Override
  public PrintWriter getLogWriter() throws SQLException {
    return real.getLogWriter();
  }

  @Override
  public void setLogWriter(PrintWriter out) throws SQLException {
    real.setLogWriter(out);
  }

  @Override
  public void setLoginTimeout(int seconds) throws SQLException {
    real.setLoginTimeout(seconds);
  }

  @Override
  public int getLoginTimeout() throws SQLException {
    return real.getLoginTimeout();
  }

  @Override
  public Logger getParentLogger() throws SQLFeatureNotSupportedException {
    return real.getParentLogger();
  }

  @Override
  public <T> T unwrap(Class<T> iface) throws SQLException {
    return real.unwrap(iface);
  }

  @Override
  public boolean isWrapperFor(Class<?> iface) throws SQLException {
    return real.isWrapperFor(iface);
  }
}
