package org.oauthdropins.store;

import com.fasterxml.jackson.core.type.TypeReference;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import javax.sql.DataSource;
import org.oauthdropins.AccessToken;
import org.oauthdropins.Key;
import org.oauthdropins.StoreUnavailableException;
import org.oauthdropins.internal.http.Json;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A store on any JDBC database; tested on H2 (the embedded default) and PostgreSQL. The schema is
 * created on first use. Times are epoch milliseconds so that one schema fits every database.
 *
 * <p>Pass a pooled {@link DataSource} (HikariCP, or the pool of your app server) in production;
 * {@link #embedded(Path)} brings its own small pool.
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
   * App registrations expire (see {@link AppRegistration#expiresAt()}); databases made before that
   * get the column here. Both H2 and PostgreSQL (9.6+) know {@code IF NOT EXISTS} for these.
   */
  private static final String[] APP_SCHEMA = {
    "ALTER TABLE oauth_app ADD COLUMN IF NOT EXISTS expires_at BIGINT",
    "CREATE INDEX IF NOT EXISTS oauth_app_expires ON oauth_app (expires_at)"
  };

  private static final String AUTH_COLUMNS =
      "site, token_type, token, token_secret, refresh_token, expires_at, user_json, extra_json";

  private static final String UPDATE_AUTH =
      "UPDATE oauth_auth SET site = ?, token_type = ?, token = ?, token_secret = ?,"
          + " refresh_token = ?, expires_at = ?, user_json = ?, extra_json = ?,"
          + " updated = ?, created = ? WHERE kind = ? AND id = ?";

  private static final String UPDATE_AUTH_KEEPING_CREATED =
      "UPDATE oauth_auth SET site = ?, token_type = ?, token = ?, token_secret = ?,"
          + " refresh_token = ?, expires_at = ?, user_json = ?, extra_json = ?,"
          + " updated = ? WHERE kind = ? AND id = ?";

  private static final String INSERT_AUTH =
      "INSERT INTO oauth_auth ("
          + AUTH_COLUMNS
          + ", updated, created, kind, id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";

  private static final Logger LOG = LoggerFactory.getLogger(JdbcStore.class);

  /** The whole message of every failure: the database's own text goes to the log only. */
  static final String UNAVAILABLE = "the credential store is unavailable; please try again later";

  private static final long SWEEP_EVERY_MILLIS = 1000;

  private final Connections connections;

  /** When this store last swept expired pending logins, in {@link #clock} millis. */
  private final AtomicLong lastSweep = new AtomicLong(Long.MIN_VALUE / 2);

  private final Clock clock;
  private final AutoCloseable onClose;

  /** How the database returns what a statement changed; null until the first operation asks. */
  private volatile ReturningSql returning;

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
    this.connections = connections;
    this.clock = clock;
    this.onClose = onClose;
    this.returning = returning;
    if (!schema) {
      return;
    }
    run(
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
    return new JdbcStore(connections, clock, () -> {}, true, returning);
  }

  /**
   * A store that runs the statements meant for databases it does not know, whatever the database:
   * the contract tests run them on H2 so that they are tested too.
   */
  static JdbcStore withoutReturning(DataSource dataSource, Clock clock) {
    return new JdbcStore(Connections.of(dataSource), clock, () -> {}, true, ReturningSql.PORTABLE);
  }

  /** What the database returns from a change, asked once per store at its first use. */
  private ReturningSql returning() {
    ReturningSql r = returning;
    if (r == null) {
      r = run(ReturningSql::of);
      returning = r;
    }
    return r;
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
  public Optional<AuthRecord> get(Key key) {
    return run(c -> Optional.ofNullable(select(c, key, false)));
  }

  /** The stored record, or null; {@code lock} locks its row until the transaction ends. */
  private static AuthRecord select(Connection c, Key key, boolean lock) throws SQLException {
    try (PreparedStatement s =
        c.prepareStatement(
            "SELECT "
                + AUTH_COLUMNS
                + ", created, updated FROM oauth_auth WHERE kind = ? AND id = ?"
                + (lock ? " FOR UPDATE" : ""))) {
      s.setString(1, key.kind());
      s.setString(2, key.id());
      try (ResultSet r = s.executeQuery()) {
        return r.next() ? readAuth(key, r) : null;
      }
    }
  }

  /** Runs {@link #UPDATE_AUTH} or {@link #INSERT_AUTH} for a record. */
  private static void write(Connection c, String sql, AuthRecord record, long updated, long created)
      throws SQLException {
    try (PreparedStatement s = c.prepareStatement(sql)) {
      bindWrite(s, record, updated, created);
      s.executeUpdate();
    }
  }

  /** Binds a record, its times and its key, in the order of {@link #INSERT_AUTH}. */
  private static void bindWrite(PreparedStatement s, AuthRecord record, long updated, long created)
      throws SQLException {
    int i = bindAuth(s, record);
    s.setLong(i++, updated);
    s.setLong(i++, created);
    s.setString(i++, record.key().kind());
    s.setString(i, record.key().id());
  }

  @Override
  public AuthRecord put(AuthRecord record) {
    try {
      return tryPut(record);
    } catch (StoreUnavailableException e) {
      // Two first writes of one key both find no row to lock, and the later INSERT hits the
      // primary key. The row exists now, so a second try locks it and updates.
      if (e.getCause() instanceof SQLException sql && isDuplicate(sql)) {
        return tryPut(record);
      }
      throw e;
    }
  }

  private AuthRecord tryPut(AuthRecord record) {
    long now = clock.millis();
    // Of two racing first writes, the primary key lets one through (see put).
    String upsert = returning().upsert();
    if (upsert != null) {
      return run(
          c -> {
            try (PreparedStatement s = c.prepareStatement(upsert)) {
              bindWrite(s, record, now, now);
              try (ResultSet rows = s.executeQuery()) {
                rows.next();
                return record.withTimes(
                    Instant.ofEpochMilli(rows.getLong(1)), Instant.ofEpochMilli(now));
              }
            }
          });
    }
    // The UPDATE locks the row if there is one. No row: a first write.
    return inTransaction(
        c -> {
          try (PreparedStatement s = c.prepareStatement(UPDATE_AUTH_KEEPING_CREATED)) {
            bindKeepingCreated(s, record, now);
            if (s.executeUpdate() == 0) {
              write(c, INSERT_AUTH, record, now, now);
              return record.withTimes(Instant.ofEpochMilli(now), Instant.ofEpochMilli(now));
            }
          }
          try (PreparedStatement s =
              c.prepareStatement("SELECT created FROM oauth_auth WHERE kind = ? AND id = ?")) {
            s.setString(1, record.key().kind());
            s.setString(2, record.key().id());
            try (ResultSet r = s.executeQuery()) {
              r.next();
              return record.withTimes(
                  Instant.ofEpochMilli(r.getLong(1)), Instant.ofEpochMilli(now));
            }
          }
        });
  }

  private static void bindKeepingCreated(PreparedStatement s, AuthRecord record, long now)
      throws SQLException {
    int i = bindAuth(s, record);
    s.setLong(i++, now);
    s.setString(i++, record.key().kind());
    s.setString(i, record.key().id());
  }

  @Override
  public Optional<AuthRecord> putIfTokensUnchanged(AuthRecord spent, AuthRecord fresh) {
    long now = clock.millis();
    return inTransaction(
        c -> {
          // The row lock makes the compare and the set one step for every other writer.
          AuthRecord stored = select(c, fresh.key(), true);
          if (stored == null || !stored.sameTokensAs(spent)) {
            return Optional.<AuthRecord>empty();
          }
          write(c, UPDATE_AUTH, fresh, now, stored.created().toEpochMilli());
          return Optional.of(fresh.withTimes(stored.created(), Instant.ofEpochMilli(now)));
        });
  }

  @Override
  public boolean leaseRefresh(Key key, String holder, Duration ttl) {
    long now = clock.millis();
    return run(
        c -> {
          // Each statement is atomic on its own: the UPDATE takes over a lapsed lease or extends
          // our own (its WHERE is checked again after waiting for a concurrent writer's lock), and
          // the primary key lets exactly one INSERT of a new lease through.
          try (PreparedStatement s =
              c.prepareStatement(
                  "UPDATE oauth_refresh_lease SET holder = ?, lease_until = ?"
                      + " WHERE kind = ? AND id = ? AND (holder = ? OR lease_until <= ?)")) {
            s.setString(1, holder);
            s.setLong(2, now + ttl.toMillis());
            s.setString(3, key.kind());
            s.setString(4, key.id());
            s.setString(5, holder);
            s.setLong(6, now);
            if (s.executeUpdate() == 1) {
              return true;
            }
          }
          try (PreparedStatement s =
              c.prepareStatement(
                  "INSERT INTO oauth_refresh_lease (kind, id, holder, lease_until)"
                      + " VALUES (?, ?, ?, ?)")) {
            s.setString(1, key.kind());
            s.setString(2, key.id());
            s.setString(3, holder);
            s.setLong(4, now + ttl.toMillis());
            s.executeUpdate();
            return true;
          } catch (SQLException e) {
            if (isDuplicate(e)) {
              return false;
            }
            throw e;
          }
        });
  }

  @Override
  public void releaseRefresh(Key key, String holder) {
    run(
        c -> {
          try (PreparedStatement s =
              c.prepareStatement(
                  "DELETE FROM oauth_refresh_lease WHERE kind = ? AND id = ? AND holder = ?")) {
            s.setString(1, key.kind());
            s.setString(2, key.id());
            s.setString(3, holder);
            // Whether a lease was there to end does not matter: releasing is idempotent.
            s.executeUpdate();
            return null;
          }
        });
  }

  @Override
  public boolean delete(Key key) {
    return run(
        c -> {
          try (PreparedStatement s =
              c.prepareStatement("DELETE FROM oauth_auth WHERE kind = ? AND id = ?")) {
            s.setString(1, key.kind());
            s.setString(2, key.id());
            return s.executeUpdate() > 0;
          }
        });
  }

  @Override
  public void putPending(PendingLogin login) {
    putPending(login, true);
  }

  @Override
  public void putPendingOfNewBrowser(PendingLogin login) {
    putPending(login, false);
  }

  private void putPending(PendingLogin login, boolean cap) {
    run(
        c -> {
          // Expired logins are swept here, on the write path, so no background job is needed;
          // at most once a second, since a sweep is a statement of its own on every start and
          // rows only expire after minutes (takePending refuses an expired one in any case).
          long now = clock.millis();
          long last = lastSweep.get();
          if (Math.abs(now - last) >= SWEEP_EVERY_MILLIS && lastSweep.compareAndSet(last, now)) {
            try (PreparedStatement s =
                c.prepareStatement("DELETE FROM oauth_pending WHERE expires_at < ?")) {
              s.setLong(1, now);
              s.executeUpdate();
            }
          }
          try (PreparedStatement s =
              c.prepareStatement(
                  "INSERT INTO oauth_pending (id, site, browser_hash, app_state, redirect_uri,"
                      + " data_json, expires_at) VALUES (?, ?, ?, ?, ?, ?, ?)")) {
            s.setString(1, login.id());
            s.setString(2, login.site());
            s.setString(3, login.browserHash());
            s.setString(4, login.appState());
            s.setString(5, login.redirectUri());
            s.setString(6, Json.write(login.data()));
            s.setLong(7, login.expiresAt().toEpochMilli());
            s.executeUpdate();
          }
          if (!cap) {
            return null;
          }
          // The browser's cap: keep its newest logins, drop the rest. The first login past the
          // cap, newest first, is found on the (browser_hash, expires_at) index; usually there is
          // none and nothing is deleted. (One DELETE ... NOT IN (SELECT ... LIMIT) took 1.5 ms per
          // start on H2 for a browser with 20 rows: JMH LoginBench.start.)
          long expires;
          String id;
          try (PreparedStatement s =
              c.prepareStatement(
                  "SELECT expires_at, id FROM oauth_pending WHERE browser_hash = ?"
                      + " ORDER BY expires_at DESC, id DESC LIMIT 1 OFFSET "
                      + PENDING_PER_BROWSER)) {
            s.setString(1, login.browserHash());
            try (ResultSet r = s.executeQuery()) {
              if (!r.next()) {
                return null;
              }
              expires = r.getLong(1);
              id = r.getString(2);
            }
          }
          try (PreparedStatement s =
              c.prepareStatement(
                  "DELETE FROM oauth_pending WHERE browser_hash = ?"
                      + " AND (expires_at < ? OR (expires_at = ? AND id <= ?))")) {
            s.setString(1, login.browserHash());
            s.setLong(2, expires);
            s.setLong(3, expires);
            s.setString(4, id);
            s.executeUpdate();
          }
          return null;
        });
  }

  @Override
  public Optional<PendingLogin> takePending(String id) {
    String take = returning().take();
    return run(
        c -> {
          PendingLogin login;
          if (take != null) {
            // One statement: of two callers, only the one whose DELETE removed the row gets it.
            try (PreparedStatement s = c.prepareStatement(take)) {
              s.setString(1, id);
              login = readPending(id, s);
            }
          } else {
            try (PreparedStatement s =
                c.prepareStatement(
                    "SELECT " + ReturningSql.PENDING + " FROM oauth_pending WHERE id = ?")) {
              s.setString(1, id);
              login = readPending(id, s);
            }
            if (login != null) {
              // The delete decides the race: only the caller whose delete removed the row wins.
              try (PreparedStatement s = c.prepareStatement(ReturningSql.DELETE_PENDING)) {
                s.setString(1, id);
                if (s.executeUpdate() != 1) {
                  login = null;
                }
              }
            }
          }
          return login != null && clock.instant().isBefore(login.expiresAt())
              ? Optional.of(login)
              : Optional.<PendingLogin>empty();
        });
  }

  private static final TypeReference<Map<String, String>> STRINGS = new TypeReference<>() {};

  /** The pending login a query of {@link ReturningSql#PENDING} found, or null. */
  private static PendingLogin readPending(String id, PreparedStatement s) throws SQLException {
    try (ResultSet r = s.executeQuery()) {
      if (!r.next()) {
        return null;
      }
      return new PendingLogin(
          id,
          r.getString(1),
          r.getString(2),
          r.getString(3),
          r.getString(4),
          Json.read(r.getString(5), STRINGS),
          Instant.ofEpochMilli(r.getLong(6)));
    }
  }

  @Override
  public Optional<AppRegistration> getApp(String site, String instance) {
    return run(
        c -> {
          try (PreparedStatement s =
              c.prepareStatement(
                  "SELECT client_id, client_secret, data_json, created, expires_at FROM oauth_app"
                      + " WHERE site = ? AND instance = ?")) {
            s.setString(1, site);
            s.setString(2, instance);
            try (ResultSet r = s.executeQuery()) {
              if (!r.next()) {
                return Optional.<AppRegistration>empty();
              }
              long expires = r.getLong(5);
              Instant expiresAt = r.wasNull() ? null : Instant.ofEpochMilli(expires);
              AppRegistration app =
                  new AppRegistration(
                      site,
                      instance,
                      r.getString(1),
                      r.getString(2),
                      r.getString(3),
                      Instant.ofEpochMilli(r.getLong(4)),
                      expiresAt);
              return app.isExpired(clock.instant())
                  ? Optional.<AppRegistration>empty()
                  : Optional.of(app);
            }
          }
        });
  }

  @Override
  public AppRegistration putAppIfAbsent(AppRegistration app) {
    long now = clock.millis();
    try {
      run(
          c -> {
            // Expired registrations are swept here, on the write path, so no job is needed; the
            // one at this instance, if any, goes too and makes room for the new one.
            try (PreparedStatement s =
                c.prepareStatement("DELETE FROM oauth_app WHERE expires_at <= ?")) {
              s.setLong(1, now);
              s.executeUpdate();
            }
            try (PreparedStatement s =
                c.prepareStatement(
                    "INSERT INTO oauth_app (site, instance, client_id, client_secret, data_json,"
                        + " created, expires_at) VALUES (?, ?, ?, ?, ?, ?, ?)")) {
              s.setString(1, app.site());
              s.setString(2, app.instance());
              s.setString(3, app.clientId());
              s.setString(4, app.clientSecret());
              s.setString(5, app.dataJson());
              s.setLong(6, now);
              setInstant(s, 7, app.expiresAt());
              s.executeUpdate();
            }
            return null;
          });
    } catch (StoreUnavailableException e) {
      if (!(e.getCause() instanceof SQLException sql) || !isDuplicate(sql)) {
        throw e;
      }
    }
    return getApp(app.site(), app.instance())
        .orElseThrow(() -> new StoreUnavailableException("app registration vanished", null));
  }

  @Override
  public Optional<AppRegistration> replaceApp(
      String expectedClientId, AppRegistration replacement) {
    run(
        c -> {
          // One conditional UPDATE is the compare-and-set: of two writers expecting the same
          // client id, the second finds the first one's and changes nothing.
          try (PreparedStatement s =
              c.prepareStatement(
                  "UPDATE oauth_app SET client_id = ?, client_secret = ?, data_json = ?,"
                      + " created = ?, expires_at = ? WHERE site = ? AND instance = ?"
                      + " AND client_id = ?")) {
            s.setString(1, replacement.clientId());
            s.setString(2, replacement.clientSecret());
            s.setString(3, replacement.dataJson());
            s.setLong(
                4,
                replacement.created() != null
                    ? replacement.created().toEpochMilli()
                    : clock.millis());
            setInstant(s, 5, replacement.expiresAt());
            s.setString(6, replacement.site());
            s.setString(7, replacement.instance());
            s.setString(8, expectedClientId);
            return s.executeUpdate();
          }
        });
    return getApp(replacement.site(), replacement.instance());
  }

  private static void setInstant(PreparedStatement s, int i, Instant t) throws SQLException {
    if (t == null) {
      s.setNull(i, Types.BIGINT);
    } else {
      s.setLong(i, t.toEpochMilli());
    }
  }

  @Override
  public boolean deleteApp(String site, String instance) {
    return run(
        c -> {
          try (PreparedStatement s =
              c.prepareStatement("DELETE FROM oauth_app WHERE site = ? AND instance = ?")) {
            s.setString(1, site);
            s.setString(2, instance);
            return s.executeUpdate() > 0;
          }
        });
  }

  @Override
  public void close() {
    try {
      onClose.close();
    } catch (Exception e) {
      throw new StoreUnavailableException("closing the store failed", e);
    }
  }

  private static boolean isDuplicate(SQLException e) {
    return "23505".equals(e.getSQLState());
  }

  private static int bindAuth(PreparedStatement s, AuthRecord r) throws SQLException {
    int i = 1;
    s.setString(i++, r.site());
    if (r.token() instanceof AccessToken.Bearer b) {
      s.setString(i++, "bearer");
      s.setString(i++, b.value());
      s.setNull(i++, Types.VARCHAR);
    } else if (r.token() instanceof AccessToken.OAuth1 o) {
      s.setString(i++, "oauth1");
      s.setString(i++, o.key());
      s.setString(i++, o.secret());
    } else {
      s.setNull(i++, Types.VARCHAR);
      s.setNull(i++, Types.VARCHAR);
      s.setNull(i++, Types.VARCHAR);
    }
    s.setString(i++, r.refreshToken());
    if (r.expiresAt() == null) {
      s.setNull(i++, Types.BIGINT);
    } else {
      s.setLong(i++, r.expiresAt().toEpochMilli());
    }
    s.setString(i++, r.userJson());
    s.setString(i++, r.extraJson());
    return i;
  }

  private static AuthRecord readAuth(Key key, ResultSet r) throws SQLException {
    String type = r.getString(2);
    AccessToken token =
        type == null
            ? null
            : type.equals("oauth1")
                ? new AccessToken.OAuth1(r.getString(3), r.getString(4))
                : new AccessToken.Bearer(r.getString(3));
    long expires = r.getLong(6);
    Instant expiresAt = r.wasNull() ? null : Instant.ofEpochMilli(expires);
    return new AuthRecord(
        key,
        r.getString(1),
        token,
        r.getString(5),
        expiresAt,
        r.getString(7),
        r.getString(8),
        Instant.ofEpochMilli(r.getLong(9)),
        Instant.ofEpochMilli(r.getLong(10)));
  }

  private interface Work<T> {
    T apply(Connection c) throws SQLException;
  }

  private <T> T run(Work<T> work) {
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

  /**
   * The failure the caller sees, which says only that the store is unavailable: a database's text
   * can name its host, user, schema or a value, and callers show the message in the 503 page. The
   * detail is logged instead, with quoted values blanked, since some databases quote the values of
   * the failing statement (H2 does) and those may be tokens.
   */
  private static StoreUnavailableException unavailable(SQLException e) {
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

  private <T> T inTransaction(Work<T> work) {
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
}
