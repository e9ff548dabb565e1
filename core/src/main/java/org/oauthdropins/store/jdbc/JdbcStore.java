package org.oauthdropins.store.jdbc;

import java.nio.file.Path;
import java.time.Clock;
import java.util.Optional;
import javax.sql.DataSource;
import org.oauthdropins.errors.StoreUnavailableException;
import org.oauthdropins.internal.seal.Sealed;
import org.oauthdropins.internal.seal.SealedRowGuard;
import org.oauthdropins.internal.seal.Sealing;
import org.oauthdropins.keys.KeyRing;
import org.oauthdropins.keys.KeySource;
import org.oauthdropins.keys.ResealReport;
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
 * <p>Tokens, refresh tokens, OAuth 1 secrets, the credentials inside profiles and extra data, and
 * client secrets are sealed at rest under a {@link KeyRing} (AES-256-GCM, each value bound to its
 * row and field): every form takes a ring or reads one from the environment, failing at
 * construction when there is none; see {@link #reseal()} for rotating keys.
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
    // A callback's state once used, until it would have expired: the single use of a callback
    // whose pending login came in a sealed cookie (LoginStore.putSpendingState). Keyed by expiry
    // first: a state always comes with the expiry sealed beside it, so the pair is as unique as
    // the state, and new rows land at the key's end and the sweep reads from its start, where a
    // key of random states alone touched pages all over the index on every write (databases made
    // before keep their key on the state and an index on the expiry; the statements serve both).
    """
    CREATE TABLE IF NOT EXISTS oauth_spent_state (
      id VARCHAR(128) NOT NULL, expires_at BIGINT NOT NULL, PRIMARY KEY (expires_at, id))""",
    """
    CREATE TABLE IF NOT EXISTS oauth_refresh_lease (
      kind VARCHAR(64) NOT NULL, id VARCHAR(1024) NOT NULL, holder VARCHAR(128) NOT NULL,
      lease_until BIGINT NOT NULL, PRIMARY KEY (kind, id))"""
  };

  /**
   * App registrations expire (see {@link org.oauthdropins.store.AppRegistration#expiresAt()}), and
   * refresh leases record what their holder spends; databases made before that get the columns
   * here. Both H2 and PostgreSQL (9.6+) know {@code IF NOT EXISTS} for these.
   */
  private static final String[] ADDED_SCHEMA = {
    "ALTER TABLE oauth_app ADD COLUMN IF NOT EXISTS expires_at BIGINT",
    "CREATE INDEX IF NOT EXISTS oauth_app_expires ON oauth_app (expires_at)",
    // The refresh token a lease's holder started spending (RefreshLeases#startSpending).
    "ALTER TABLE oauth_refresh_lease ADD COLUMN IF NOT EXISTS spending VARCHAR(64)",
    // The key a login's tokens are sealed under (SealedRowGuard): its writes need not read it.
    "ALTER TABLE oauth_auth ADD COLUMN IF NOT EXISTS sealed_with VARCHAR(64)"
  };

  private final Database db;
  private final AutoCloseable onClose;
  private final Sealing sealing;
  private final Sealed sealed;
  private final LoginStore logins;
  private final PendingLogins pendingLogins;
  private final AppRegistrations registrations;
  private final RefreshLeases leases;

  /**
   * A store on the given database, creating its tables if they are missing, sealing under the ring
   * of {@link KeySource#environment()}: {@value KeySource#ENVIRONMENT_VARIABLE}, or the file
   * {@value KeySource#FILE_NAME} in the working directory.
   *
   * @throws IllegalStateException if neither is there, naming them and {@link
   *     #JdbcStore(DataSource, KeyRing)}
   * @throws StoreUnavailableException if the database cannot be reached
   */
  public JdbcStore(DataSource dataSource) {
    this(dataSource, environmentRing("new JdbcStore(dataSource, keyRing)"));
  }

  /**
   * A store on the given database, creating its tables if they are missing, sealing tokens and
   * secrets under this ring.
   *
   * @throws StoreUnavailableException if the database cannot be reached
   */
  public JdbcStore(DataSource dataSource, KeyRing keyRing) {
    this(dataSource, Clock.systemUTC(), () -> {}, Sealing.of(keyRing));
  }

  JdbcStore(DataSource dataSource, Clock clock, AutoCloseable onClose, Sealing sealing) {
    this(Connections.of(dataSource), clock, onClose, true, null, sealing);
  }

  private JdbcStore(
      Connections connections,
      Clock clock,
      AutoCloseable onClose,
      boolean schema,
      ReturningSql returning,
      Sealing sealing) {
    this(new Database(connections, clock, returning), onClose, schema, sealing);
  }

  /**
   * @param sealing how values are sealed, or null for a store that keeps them as given: the raw
   *     view the tests read the database through, and the one that only runs the schema's DDL
   */
  private JdbcStore(Database db, AutoCloseable onClose, boolean schema, Sealing sealing) {
    this.db = db;
    this.onClose = onClose;
    this.sealing = sealing;
    LoginStore rawLogins = new JdbcLogins(db, sealing == null ? null : new SealedRowGuard(sealing));
    PendingLogins rawPending = new JdbcPendingLogins(db);
    AppRegistrations rawRegistrations = new JdbcRegistrations(db);
    this.sealed =
        sealing == null ? null : new Sealed(rawLogins, rawPending, rawRegistrations, sealing);
    this.logins = sealed == null ? rawLogins : sealed.logins();
    this.pendingLogins = sealed == null ? rawPending : sealed.pendingLogins();
    this.registrations = sealed == null ? rawRegistrations : sealed.registrations();
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
            for (String ddl : ADDED_SCHEMA) {
              s.execute(ddl);
            }
          }
          return null;
        });
  }

  private static KeyRing environmentRing(String withRing) {
    return Sealing.environmentRing("JdbcStore", withRing);
  }

  /**
   * A store that owns its pool: {@link #close()} closes the data source (HikariCP's, say) if it can
   * be closed. Seals under the ring of {@link KeySource#environment()}, as {@link
   * #JdbcStore(DataSource)} does.
   *
   * @throws IllegalStateException if there is none, naming what to set
   */
  public static JdbcStore owning(DataSource dataSource) {
    return owning(dataSource, environmentRing("JdbcStore.owning(dataSource, keyRing)"));
  }

  /** A store that owns its pool, sealing under this ring. */
  public static JdbcStore owning(DataSource dataSource, KeyRing keyRing) {
    return new JdbcStore(
        dataSource,
        Clock.systemUTC(),
        dataSource instanceof AutoCloseable closeable ? closeable : () -> {},
        Sealing.of(keyRing));
  }

  /**
   * A store on tables that the app's own migrations (Flyway, Liquibase) create: it creates and
   * alters nothing, for databases where the app's user may not run DDL. The tables are the ones
   * {@link #JdbcStore(DataSource)} creates. Seals under the ring of {@link
   * KeySource#environment()}.
   *
   * @throws IllegalStateException if there is none, naming what to set
   */
  public static JdbcStore withoutSchema(DataSource dataSource) {
    return withoutSchema(
        dataSource, environmentRing("JdbcStore.withoutSchema(dataSource, keyRing)"));
  }

  /** A store on tables that the app's own migrations create, sealing under this ring. */
  public static JdbcStore withoutSchema(DataSource dataSource, KeyRing keyRing) {
    return new JdbcStore(
        Connections.of(dataSource), Clock.systemUTC(), () -> {}, false, null, Sealing.of(keyRing));
  }

  /** A store over a database whose schema is created while it opens in the background. */
  static JdbcStore openedInBackground(OpenedInBackground connections, Sealing sealing) {
    return new JdbcStore(connections, Clock.systemUTC(), connections, false, null, sealing);
  }

  /** A store that only creates the schema: it seals nothing, since it stores nothing. */
  static void createSchema(Connections connections) {
    new JdbcStore(connections, Clock.systemUTC(), () -> {}, true, null, null);
  }

  /** The same store with another clock, for tests of expiry. */
  public JdbcStore withClock(Clock clock) {
    return new JdbcStore(db.withClock(clock), () -> {}, true, sealing);
  }

  /**
   * The same database without sealing: what is stored, as it is stored, for tests that look at the
   * rows themselves.
   */
  JdbcStore unsealed() {
    return new JdbcStore(db, () -> {}, false, null);
  }

  /**
   * A store that runs the statements meant for databases it does not know, whatever the database:
   * the contract tests run them on H2 so that they are tested too.
   */
  static JdbcStore withoutReturning(DataSource dataSource, Clock clock, Sealing sealing) {
    return new JdbcStore(
        Connections.of(dataSource), clock, () -> {}, true, ReturningSql.PORTABLE, sealing);
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
   * <p>Tokens and secrets are sealed under the ring of {@link KeySource#embedded(Path)}: {@value
   * KeySource#ENVIRONMENT_VARIABLE} or the file {@value KeySource#FILE_NAME} if set, else a key
   * file {@value KeySource#EMBEDDED_FILE_NAME} made in {@code directory} on first use. That keeps
   * the tokens out of a copy of the database files alone (a backup, a dump), not from someone who
   * can read the whole folder.
   *
   * <p>The database is opened and its schema created on a thread of its own, so that the app's
   * start-up does not wait for it (about a third of a one-site app's time to its first page); each
   * store operation waits until it is open. A database that cannot be opened is logged as soon as
   * that is known and fails every operation with {@link StoreUnavailableException}.
   */
  public static JdbcStore embedded(Path directory) {
    return H2.openIn(directory, Sealing.of(KeySource.embedded(directory)));
  }

  /** The embedded default, sealing under this ring (no key file is made). */
  public static JdbcStore embedded(Path directory, KeyRing keyRing) {
    return H2.openIn(directory, Sealing.of(keyRing));
  }

  /**
   * An H2 store for any H2 URL, e.g. {@code jdbc:h2:mem:test}. Needs H2 on the classpath. Opened in
   * the background, as {@link #embedded(Path)} is. Its key ring: for an in-memory database ({@code
   * jdbc:h2:mem:}), which lives no longer than this JVM, one made for this JVM and shared by all
   * its stores; for a file database, as {@link #embedded(Path)} has it ({@link KeySource#embedded}
   * of the database's folder); for a database server ({@code tcp:}, {@code ssl:}), the ring of
   * {@link KeySource#environment()}.
   *
   * @throws IllegalStateException for a database server, if there is no ring in the environment,
   *     naming what to set
   */
  public static JdbcStore h2(String jdbcUrl) {
    String rest = jdbcUrl.startsWith("jdbc:h2:") ? jdbcUrl.substring("jdbc:h2:".length()) : "";
    rest = rest.contains(";") ? rest.substring(0, rest.indexOf(';')) : rest;
    if (rest.startsWith("mem:")) {
      return h2(jdbcUrl, ThisJvm.RING);
    }
    if (rest.isEmpty() || rest.startsWith("tcp:") || rest.startsWith("ssl:")) {
      return h2(jdbcUrl, environmentRing("JdbcStore.h2(jdbcUrl, keyRing)"));
    }
    String file = rest.startsWith("file:") ? rest.substring("file:".length()) : rest;
    if (file.startsWith("~")) {
      file = System.getProperty("user.home") + file.substring(1);
    }
    Path folder = Path.of(file).toAbsolutePath().getParent();
    return H2.open(jdbcUrl, Sealing.of(KeySource.embedded(folder)));
  }

  /** An H2 store for any H2 URL, sealing under this ring. */
  public static JdbcStore h2(String jdbcUrl, KeyRing keyRing) {
    return H2.open(jdbcUrl, Sealing.of(keyRing));
  }

  /** The ring of this JVM's in-memory databases, made when the first is opened. */
  private static final class ThisJvm {
    static final KeyRing RING = KeyRing.generate();
  }

  @Override
  public Optional<KeyRing> keyRing() {
    return Optional.ofNullable(sealed).map(Sealed::keyRing);
  }

  @Override
  public void checkKeys() {
    if (sealed != null) {
      sealed.checkKeys();
    }
  }

  @Override
  public ResealReport reseal() {
    if (sealed == null) {
      return AuthStore.super.reseal();
    }
    return sealed.reseal();
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
