package org.oauthdropins.store.jdbc;

import java.nio.file.Path;
import java.time.Clock;
import javax.sql.DataSource;
import org.oauthdropins.errors.StoreUnavailableException;
import org.oauthdropins.store.AppRegistrations;
import org.oauthdropins.store.AuthStore;
import org.oauthdropins.store.LoginStore;
import org.oauthdropins.store.PendingLogins;
import org.oauthdropins.store.RefreshLeases;

/**
 * A store on any JDBC database; tested on H2 (the embedded default) and PostgreSQL. The schema is
 * created on first use. Times are epoch milliseconds so that one schema fits every database.
 *
 * <p>Pass a pooled {@link DataSource} (HikariCP, or the pool of your app server) in production;
 * {@link #embedded(Path)} brings its own small pool.
 *
 * <p>This class opens the database, creates the schema and owns the pool; each concern is a table
 * and a small class of its own ({@code JdbcLogins}, {@code JdbcPendingLogins}, {@code
 * JdbcRegistrations}, {@code JdbcLeases}), with the same SQL on H2 and PostgreSQL except the
 * statements that return what they changed.
 */
public final class JdbcStore implements AuthStore {

  private static final String[] SCHEMA = {
    """
    CREATE TABLE IF NOT EXISTS oauth_auth (
      kind VARCHAR(64) NOT NULL, id VARCHAR(1024) NOT NULL, site VARCHAR(64) NOT NULL,
      token_type VARCHAR(16), token VARCHAR, token_secret VARCHAR, refresh_token VARCHAR,
      expires_at BIGINT, user_json VARCHAR NOT NULL, extra_json VARCHAR NOT NULL,
      created BIGINT NOT NULL, updated BIGINT NOT NULL, PRIMARY KEY (kind, id))""",
    """
    CREATE TABLE IF NOT EXISTS oauth_pending (
      id VARCHAR(128) NOT NULL PRIMARY KEY, site VARCHAR(64) NOT NULL,
      browser_hash VARCHAR(128) NOT NULL, app_state VARCHAR, redirect_uri VARCHAR NOT NULL,
      data_json VARCHAR NOT NULL, expires_at BIGINT NOT NULL)""",
    """
    CREATE TABLE IF NOT EXISTS oauth_app (
      site VARCHAR(64) NOT NULL, instance VARCHAR(1024) NOT NULL, client_id VARCHAR NOT NULL,
      client_secret VARCHAR NOT NULL, data_json VARCHAR NOT NULL, created BIGINT NOT NULL,
      PRIMARY KEY (site, instance))""",
    // The expiry sweep on every start deletes by expires_at, and the per-browser cap counts a
    // browser's logins: without these indexes both scan the whole table.
    "CREATE INDEX IF NOT EXISTS oauth_pending_expires ON oauth_pending (expires_at)",
    "CREATE INDEX IF NOT EXISTS oauth_pending_browser ON oauth_pending (browser_hash, expires_at)",
    """
    CREATE TABLE IF NOT EXISTS oauth_refresh_lease (
      kind VARCHAR(64) NOT NULL, id VARCHAR(1024) NOT NULL, holder VARCHAR(128) NOT NULL,
      lease_until BIGINT NOT NULL, PRIMARY KEY (kind, id))"""
  };

  /**
   * App registrations expire (see {@link org.oauthdropins.store.AppRegistration#expiresAt()});
   * databases made before that get the column here. Both H2 and PostgreSQL (9.6+) know {@code IF
   * NOT EXISTS} for these.
   */
  private static final String[] APP_SCHEMA = {
    "ALTER TABLE oauth_app ADD COLUMN IF NOT EXISTS expires_at BIGINT",
    "CREATE INDEX IF NOT EXISTS oauth_app_expires ON oauth_app (expires_at)"
  };

  private final Database db;
  private final AutoCloseable onClose;
  private final LoginStore logins;
  private final PendingLogins pendingLogins;
  private final AppRegistrations registrations;
  private final RefreshLeases leases;

  /**
   * A store on the given database, creating its tables if they are missing.
   *
   * @throws StoreUnavailableException if the database cannot be reached
   */
  public JdbcStore(DataSource dataSource) {
    this(dataSource, Clock.systemUTC(), () -> {});
  }

  JdbcStore(DataSource dataSource, Clock clock, AutoCloseable onClose) {
    this(Connections.of(dataSource), clock, onClose, true);
  }

  JdbcStore(Connections connections, Clock clock, AutoCloseable onClose) {
    this(connections, clock, onClose, true);
  }

  private JdbcStore(Connections connections, Clock clock, AutoCloseable onClose, boolean schema) {
    this(connections, clock, onClose, schema, null);
  }

  private JdbcStore(
      Connections connections,
      Clock clock,
      AutoCloseable onClose,
      boolean schema,
      ReturningSql returning) {
    this(new Database(connections, clock, returning), onClose, schema);
  }

  private JdbcStore(Database db, AutoCloseable onClose, boolean schema) {
    this.db = db;
    this.onClose = onClose;
    this.logins = new JdbcLogins(db);
    this.pendingLogins = new JdbcPendingLogins(db);
    this.registrations = new JdbcRegistrations(db);
    this.leases = new JdbcLeases(db);
    if (!schema) {
      return;
    }
    db.run(
        c -> {
          try (var s = c.createStatement()) {
            for (String ddl : SCHEMA) {
              s.execute(ddl);
            }
            for (String ddl : APP_SCHEMA) {
              s.execute(ddl);
            }
          }
          return null;
        });
  }

  /**
   * A store that owns its pool: {@link #close()} closes the data source (HikariCP's, say) if it can
   * be closed.
   */
  public static JdbcStore owning(DataSource dataSource) {
    return new JdbcStore(
        dataSource,
        Clock.systemUTC(),
        dataSource instanceof AutoCloseable closeable ? closeable : () -> {});
  }

  /**
   * A store on tables that the app's own migrations (Flyway, Liquibase) create: it creates and
   * alters nothing, for databases where the app's user may not run DDL. The tables are the ones
   * {@link #JdbcStore(DataSource)} creates.
   */
  public static JdbcStore withoutSchema(DataSource dataSource) {
    return new JdbcStore(Connections.of(dataSource), Clock.systemUTC(), () -> {}, false);
  }

  /** A store over a database whose schema is created while it opens in the background. */
  static JdbcStore openedInBackground(OpenedInBackground connections) {
    return new JdbcStore(connections, Clock.systemUTC(), connections, false);
  }

  /** The same store with another clock, for tests of expiry. */
  public JdbcStore withClock(Clock clock) {
    return new JdbcStore(db.withClock(clock), () -> {}, true);
  }

  /**
   * A store that runs the statements meant for databases it does not know, whatever the database:
   * the contract tests run them on H2 so that they are tested too.
   */
  static JdbcStore withoutReturning(DataSource dataSource, Clock clock) {
    return new JdbcStore(Connections.of(dataSource), clock, () -> {}, true, ReturningSql.PORTABLE);
  }

  /**
   * The embedded default: an H2 file database in {@code directory} (created if missing), with a
   * small connection pool. Needs {@code com.h2database:h2} on the classpath.
   *
   * <p>The database holds tokens, so on POSIX file systems {@code directory} is its owner's alone
   * (0700, its files 0600): it is created so, and an existing folder with wider permissions is
   * tightened, with a warning in the log (or, where the process may not change it, only the
   * warning). Give the store a folder of its own, not one the app shares with others.
   *
   * <p>The database is opened and its schema created on a thread of its own, so that the app's
   * start-up does not wait for it (about a third of a one-site app's time to its first page); each
   * store operation waits until it is open. A database that cannot be opened is logged as soon as
   * that is known and fails every operation with {@link StoreUnavailableException}.
   */
  public static JdbcStore embedded(Path directory) {
    return H2.openIn(directory);
  }

  /**
   * An H2 store for any H2 URL, e.g. {@code jdbc:h2:mem:test}. Needs H2 on the classpath. Opened in
   * the background, as {@link #embedded(Path)} is.
   */
  public static JdbcStore h2(String jdbcUrl) {
    return H2.open(jdbcUrl);
  }

  @Override
  public LoginStore logins() {
    return logins;
  }

  @Override
  public PendingLogins pendingLogins() {
    return pendingLogins;
  }

  @Override
  public AppRegistrations registrations() {
    return registrations;
  }

  @Override
  public RefreshLeases leases() {
    return leases;
  }

  @Override
  public void close() {
    try {
      onClose.close();
    } catch (Exception e) {
      throw new StoreUnavailableException("closing the store failed", e);
    }
  }
}
