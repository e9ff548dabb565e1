package org.oauthdropins.store.jdbc;

import com.fasterxml.jackson.core.type.TypeReference;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import org.oauthdropins.internal.http.Json;
import org.oauthdropins.store.PendingLogin;
import org.oauthdropins.store.PendingLogins;

/** {@link JdbcStore}'s pending logins: the {@code oauth_pending} table, one row per login. */
final class JdbcPendingLogins implements PendingLogins {

  private static final long SWEEP_EVERY_MILLIS = 1000;

  private static final TypeReference<Map<String, String>> STRINGS = new TypeReference<>() {};

  private final Database db;

  /** When this store last swept expired pending logins, in the store's clock's millis. */
  private final AtomicLong lastSweep = new AtomicLong(Long.MIN_VALUE / 2);

  JdbcPendingLogins(Database db) {
    this.db = db;
  }

  @Override
  public void put(PendingLogin login) {
    put(login, true);
  }

  @Override
  public void putOfNewBrowser(PendingLogin login) {
    put(login, false);
  }

  private void put(PendingLogin login, boolean cap) {
    db.run(
        c -> {
          // Expired logins are swept here, on the write path, so no background job is needed;
          // at most once a second, since a sweep is a statement of its own on every start and
          // rows only expire after minutes (take refuses an expired one in any case).
          long now = db.clock.millis();
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
                      + PER_BROWSER)) {
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
  public Optional<PendingLogin> take(String id) {
    String take = db.returning().take();
    return db.run(
        c -> {
          PendingLogin login;
          if (take != null) {
            // One statement: of two callers, only the one whose DELETE removed the row gets it.
            try (PreparedStatement s = c.prepareStatement(take)) {
              s.setString(1, id);
              login = read(id, s);
            }
          } else {
            try (PreparedStatement s =
                c.prepareStatement(
                    "SELECT " + ReturningSql.PENDING + " FROM oauth_pending WHERE id = ?")) {
              s.setString(1, id);
              login = read(id, s);
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
          return login != null && db.clock.instant().isBefore(login.expiresAt())
              ? Optional.of(login)
              : Optional.<PendingLogin>empty();
        });
  }

  /** The pending login a query of {@link ReturningSql#PENDING} found, or null. */
  private static PendingLogin read(String id, PreparedStatement s) throws SQLException {
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
}
