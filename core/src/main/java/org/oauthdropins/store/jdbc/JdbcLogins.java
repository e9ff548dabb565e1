package org.oauthdropins.store.jdbc;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.oauthdropins.errors.StoreUnavailableException;
import org.oauthdropins.store.AccessToken;
import org.oauthdropins.store.AuthRecord;
import org.oauthdropins.store.Key;
import org.oauthdropins.store.LoginStore;

/** {@link JdbcStore}'s logins: the {@code oauth_auth} table, one row per key. */
final class JdbcLogins implements LoginStore {

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

  private final Database db;

  JdbcLogins(Database db) {
    this.db = db;
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
      if (Database.isDuplicate(e)) {
        return tryPut(record);
      }
      throw e;
    }
  }

  private AuthRecord tryPut(AuthRecord record) {
    long now = db.clock.millis();
    // Of two racing first writes, the primary key lets one through (see put).
    String upsert = db.returning().upsert();
    if (upsert != null) {
      return db.run(
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
    return db.inTransaction(
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
    Database.setInstant(s, i++, r.expiresAt());
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
}
