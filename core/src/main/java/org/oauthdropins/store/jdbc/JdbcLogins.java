package org.oauthdropins.store.jdbc;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import org.oauthdropins.errors.StoreUnavailableException;
import org.oauthdropins.internal.seal.SealedRowGuard;
import org.oauthdropins.store.AccessToken;
import org.oauthdropins.store.AuthRecord;
import org.oauthdropins.store.Key;
import org.oauthdropins.store.LoginStore;

/**
 * {@link JdbcStore}'s logins: the {@code oauth_auth} table, one row per key. With a guard, every
 * write leaves a row sealed under a key the ring lacks as it is, in the same statement or
 * transaction, so that the sealing decorator need not read the row first.
 */
final class JdbcLogins implements LoginStore, SealedRowGuard.Guarded {

  private static final String AUTH_COLUMNS =
      "site, token_type, token, token_secret, refresh_token, expires_at, user_json, extra_json";

  private static final String UPDATE_AUTH =
      "UPDATE oauth_auth SET site = ?, token_type = ?, token = ?, token_secret = ?,"
          + " refresh_token = ?, expires_at = ?, user_json = ?, extra_json = ?, sealed_with = ?,"
          + " updated = ?, created = ? WHERE kind = ? AND id = ?";

  /** What an update of a login sets, and the row it picks: all but {@code created}. */
  private static final String SET_KEEPING_CREATED =
      " SET site = ?, token_type = ?, token = ?, token_secret = ?, refresh_token = ?,"
          + " expires_at = ?, user_json = ?, extra_json = ?, sealed_with = ?, updated = ?"
          + " WHERE kind = ? AND id = ?";

  private static final String UPDATE_AUTH_KEEPING_CREATED =
      "UPDATE oauth_auth" + SET_KEEPING_CREATED;

  private static final String INSERT_AUTH =
      "INSERT INTO oauth_auth ("
          + AUTH_COLUMNS
          + ", sealed_with, updated, created, kind, id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?,"
          + " ?)";

  private final Database db;
  private final SealedRowGuard guard;
  private volatile ReturningSql sql;
  private volatile String guardedUpdate;

  /**
   * @param guard what a write may overwrite, or null for a view that seals nothing
   */
  JdbcLogins(Database db, SealedRowGuard guard) {
    this.db = db;
    this.guard = guard;
  }

  /** {@link #UPDATE_AUTH_KEEPING_CREATED} of a row the guard lets through only. */
  private String guardedUpdate() {
    String u = guardedUpdate;
    if (u == null) {
      // ReturningSql.STAMP and TOKENS name the stored row "t".
      u =
          "UPDATE oauth_auth t"
              + SET_KEEPING_CREATED
              + " AND "
              + guard.sql(ReturningSql.STAMP, ReturningSql.TOKENS);
      guardedUpdate = u;
    }
    return u;
  }

  /** The database's returning statements with the guard in them, made at the first write. */
  private ReturningSql sql() {
    ReturningSql r = sql;
    if (r == null) {
      r = db.returning();
      if (guard != null) {
        r = r.guarded(guard.sql(ReturningSql.STAMP, ReturningSql.TOKENS));
      }
      sql = r;
    }
    return r;
  }

  @Override
  public Optional<AuthRecord> get(Key key) {
    return db.run(c -> Optional.ofNullable(select(c, key, false)));
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
  private void write(Connection c, String sql, AuthRecord record, long updated, long created)
      throws SQLException {
    try (PreparedStatement s = c.prepareStatement(sql)) {
      bindWrite(s, record, updated, created);
      s.executeUpdate();
    }
  }

  /** Binds a record, its times and its key, in the order of {@link #INSERT_AUTH}. */
  private void bindWrite(PreparedStatement s, AuthRecord record, long updated, long created)
      throws SQLException {
    bindWrite(s, 1, record, updated, created);
  }

  /** {@link #bindWrite(PreparedStatement, AuthRecord, long, long)} from parameter {@code from}. */
  private void bindWrite(
      PreparedStatement s, int from, AuthRecord record, long updated, long created)
      throws SQLException {
    int i = bindAuth(s, from, record);
    s.setLong(i++, updated);
    s.setLong(i++, created);
    s.setString(i++, record.key().kind());
    s.setString(i, record.key().id());
  }

  @Override
  public AuthRecord put(AuthRecord record) {
    try {
      return tryPut(record, false);
    } catch (StoreUnavailableException e) {
      // Two first writes of one key both find no row to update, and the later INSERT hits the
      // primary key; or the guard kept the row (see write). The row exists now, so a second try
      // locks it and either updates it or tells that the guard keeps it.
      if (Database.isDuplicate(e)) {
        return tryPut(record, true);
      }
      throw e;
    }
  }

  private AuthRecord tryPut(AuthRecord record, boolean locking) {
    long now = db.clock.millis();
    // Of two racing first writes, the primary key lets one through (see put).
    String upsert = sql().upsert();
    if (upsert != null) {
      return db.run(c -> write(c, upsert, record, now, false));
    }
    return db.inTransaction(c -> write(c, null, record, now, locking));
  }

  /**
   * Writes a login on a connection: with the database's one-statement upsert if it has one, else
   * (in the caller's transaction) an UPDATE of the row if there is one, and an INSERT if there is
   * none.
   *
   * <p>Without {@code locking}, the guard is the UPDATE's own condition: a row it keeps is not
   * updated, and the INSERT then meets the primary key, as a racing first write does; the caller
   * tries again {@code locking}, which reads the row under a lock and tells the two apart. The
   * first try is the fast one: a {@code SELECT ... FOR UPDATE} is a statement H2 parses at every
   * run (it keeps no parsed form of it), the plain UPDATE one it parses once per connection.
   */
  private AuthRecord write(
      Connection c, String upsert, AuthRecord record, long now, boolean locking)
      throws SQLException {
    if (upsert != null) {
      try (PreparedStatement s = c.prepareStatement(upsert)) {
        bindWrite(s, record, now, now);
        try (ResultSet rows = s.executeQuery()) {
          if (!rows.next()) {
            throw new SealedRowGuard.KeptRowException(); // the guard held the row
          }
          return record.withTimes(Instant.ofEpochMilli(rows.getLong(1)), Instant.ofEpochMilli(now));
        }
      }
    }
    if (guard != null && locking) {
      // In the caller's transaction: the row stays locked until the write below.
      keepUnopenable(c, record.key());
    }
    String update = guard == null || locking ? UPDATE_AUTH_KEEPING_CREATED : guardedUpdate();
    try (PreparedStatement s = c.prepareStatement(update)) {
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
        return record.withTimes(Instant.ofEpochMilli(r.getLong(1)), Instant.ofEpochMilli(now));
      }
    }
  }

  /**
   * The state's row and the login in one transaction: the primary key of {@code oauth_spent_state}
   * lets one callback of a state through, and a login is never written without its state spent.
   */
  @Override
  public Optional<AuthRecord> putSpendingState(AuthRecord record, String state, Instant until) {
    String spending = sql().spendingUpsert();
    if (spending != null) {
      long now = db.clock.millis();
      return db.run(
          c -> {
            sweepSpent(c, now);
            try (PreparedStatement s = c.prepareStatement(spending)) {
              s.setString(1, state);
              s.setLong(2, until.toEpochMilli());
              bindWrite(s, 3, record, now, now);
              try (ResultSet rows = s.executeQuery()) {
                if (rows.next()) {
                  return Optional.of(
                      record.withTimes(
                          Instant.ofEpochMilli(rows.getLong(1)), Instant.ofEpochMilli(now)));
                }
              }
              if (guard != null) {
                // No row: the state was spent, or the guard kept the stored row (and spent
                // nothing); only a replay, or a ring that lacks a key, pays this read.
                keepUnopenable(c, record.key());
              }
              return Optional.<AuthRecord>empty();
            }
          });
    }
    String upsert = sql().upsert(); // asked before the transaction takes its connection
    for (int attempt = 0; ; attempt++) {
      long now = db.clock.millis();
      int tries = attempt;
      try {
        return Optional.of(
            db.inTransaction(
                c -> {
                  spend(c, state, until, now);
                  return write(c, upsert, record, now, tries > 0);
                }));
      } catch (AlreadySpent e) {
        return Optional.empty();
      } catch (StoreUnavailableException e) {
        // Two first writes of one key (see put): the transaction rolled back whole, state too.
        if (attempt == 0 && Database.isDuplicate(e)) {
          continue;
        }
        throw e;
      }
    }
  }

  @Override
  public boolean spendState(String state, Instant until) {
    long now = db.clock.millis();
    try {
      return db.run(
          c -> {
            spend(c, state, until, now);
            return true;
          });
    } catch (AlreadySpent e) {
      return false;
    }
  }

  /** When this store last swept expired spent states, in the store's clock's millis. */
  private final AtomicLong lastSweep = new AtomicLong(Long.MIN_VALUE / 2);

  /**
   * Inserts a spent state; sweeps expired ones first, at most once a second, on this write path
   * rather than in a background job.
   *
   * @throws AlreadySpent if its row is there (the primary key refused a second one)
   */
  private void spend(Connection c, String state, Instant until, long now) throws SQLException {
    sweepSpent(c, now);
    try (PreparedStatement s =
        c.prepareStatement("INSERT INTO oauth_spent_state (id, expires_at) VALUES (?, ?)")) {
      s.setString(1, state);
      s.setLong(2, until.toEpochMilli());
      s.executeUpdate();
    } catch (SQLException e) {
      if (Database.isDuplicate(e)) {
        throw new AlreadySpent();
      }
      throw e;
    }
  }

  /** Deletes expired spent states, at most once a second: a statement of its own. */
  private void sweepSpent(Connection c, long now) throws SQLException {
    long last = lastSweep.get();
    if (Math.abs(now - last) >= 1000 && lastSweep.compareAndSet(last, now)) {
      try (PreparedStatement s =
          c.prepareStatement("DELETE FROM oauth_spent_state WHERE expires_at < ?")) {
        s.setLong(1, now);
        s.executeUpdate();
      }
    }
  }

  /** A state's row was there already: its callback was used. */
  private static final class AlreadySpent extends RuntimeException {
    AlreadySpent() {
      super("state already spent", null, false, false);
    }
  }

  private void bindKeepingCreated(PreparedStatement s, AuthRecord record, long now)
      throws SQLException {
    int i = bindAuth(s, record);
    s.setLong(i++, now);
    s.setString(i++, record.key().kind());
    s.setString(i, record.key().id());
  }

  @Override
  public Optional<AuthRecord> putIfTokensUnchanged(AuthRecord spent, AuthRecord fresh) {
    long now = db.clock.millis();
    return db.inTransaction(
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

  /**
   * Throws {@link SealedRowGuard.KeptRowException} if the key's row is sealed under a key the ring
   * lacks; in a transaction, locks the row until it ends.
   */
  private void keepUnopenable(Connection c, Key key) throws SQLException {
    try (PreparedStatement s =
        c.prepareStatement(
            "SELECT sealed_with, token, token_secret, refresh_token FROM oauth_auth"
                + " WHERE kind = ? AND id = ?"
                + (c.getAutoCommit() ? "" : " FOR UPDATE"))) {
      s.setString(1, key.kind());
      s.setString(2, key.id());
      try (ResultSet r = s.executeQuery()) {
        if (r.next()
            && !guard.mayOverwrite(
                r.getString(1), Arrays.asList(r.getString(2), r.getString(3), r.getString(4)))) {
          throw new SealedRowGuard.KeptRowException();
        }
      }
    }
  }

  @Override
  public boolean delete(Key key) {
    return db.run(
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
  public List<AuthRecord> page(Key after, int limit) {
    return db.run(
        c -> {
          try (PreparedStatement s =
              c.prepareStatement(
                  "SELECT "
                      + AUTH_COLUMNS
                      + ", created, updated, kind, id FROM oauth_auth"
                      + (after == null ? "" : " WHERE kind > ? OR (kind = ? AND id > ?)")
                      + " ORDER BY kind, id LIMIT ?")) {
            int i = 1;
            if (after != null) {
              s.setString(i++, after.kind());
              s.setString(i++, after.kind());
              s.setString(i++, after.id());
            }
            s.setInt(i, limit);
            List<AuthRecord> page = new ArrayList<>();
            try (ResultSet r = s.executeQuery()) {
              while (r.next()) {
                page.add(readAuth(new Key(r.getString(11), r.getString(12)), r));
              }
            }
            return page;
          }
        });
  }

  private int bindAuth(PreparedStatement s, AuthRecord r) throws SQLException {
    return bindAuth(s, 1, r);
  }

  private int bindAuth(PreparedStatement s, int from, AuthRecord r) throws SQLException {
    int i = from;
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
    Database.setInstant(s, i++, r.expiresAt());
    s.setString(i++, r.userJson());
    s.setString(i++, r.extraJson());
    s.setString(i++, guard == null ? null : guard.stamp(r));
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
}
