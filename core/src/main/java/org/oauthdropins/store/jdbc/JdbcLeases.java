package org.oauthdropins.store.jdbc;

import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import org.oauthdropins.store.Key;
import org.oauthdropins.store.RefreshLeases;

/** {@link JdbcStore}'s refresh leases: the {@code oauth_refresh_lease} table, one row per key. */
final class JdbcLeases implements RefreshLeases {

  private final Database db;

  JdbcLeases(Database db) {
    this.db = db;
  }

  @Override
  public boolean lease(Key key, String holder, Duration ttl) {
    long now = db.clock.millis();
    return db.run(
        c -> {
          // Each statement is atomic on its own: the UPDATE takes over a lapsed lease or extends
          // our own (its WHERE is checked again after waiting for a concurrent writer's lock),
          // keeping its record of spending, and the primary key lets exactly one INSERT of a new
          // lease through.
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
            if (Database.isDuplicate(e)) {
              return false;
            }
            throw e;
          }
        });
  }

  @Override
  public boolean startSpending(Key key, String holder, String token) {
    return db.run(
        c -> {
          // One conditional UPDATE: only the holder records, and not a token recorded before.
          try (PreparedStatement s =
              c.prepareStatement(
                  "UPDATE oauth_refresh_lease SET spending = ?"
                      + " WHERE kind = ? AND id = ? AND holder = ?"
                      + " AND (spending IS NULL OR spending <> ?)")) {
            s.setString(1, token);
            s.setString(2, key.kind());
            s.setString(3, key.id());
            s.setString(4, holder);
            s.setString(5, token);
            return s.executeUpdate() == 1;
          }
        });
  }

  @Override
  public void release(Key key, String holder) {
    db.run(
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
}
