package org.oauthdropins.store.jdbc;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.oauthdropins.errors.StoreUnavailableException;
import org.oauthdropins.store.AppRegistration;
import org.oauthdropins.store.AppRegistrations;

/** {@link JdbcStore}'s app registrations: the {@code oauth_app} table, one row per instance. */
final class JdbcRegistrations implements AppRegistrations {

  private final Database db;

  JdbcRegistrations(Database db) {
    this.db = db;
  }

  @Override
  public Optional<AppRegistration> get(String site, String instance) {
    return db.run(
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
              AppRegistration app = read(site, instance, r);
              return app.isExpired(db.clock.instant())
                  ? Optional.<AppRegistration>empty()
                  : Optional.of(app);
            }
          }
        });
  }

  /** A registration from a row of client_id, client_secret, data_json, created, expires_at. */
  private static AppRegistration read(String site, String instance, ResultSet r)
      throws SQLException {
    long expires = r.getLong(5);
    Instant expiresAt = r.wasNull() ? null : Instant.ofEpochMilli(expires);
    return new AppRegistration(
        site,
        instance,
        r.getString(1),
        r.getString(2),
        r.getString(3),
        Instant.ofEpochMilli(r.getLong(4)),
        expiresAt);
  }

  @Override
  public List<AppRegistration> page(AppRegistration after, int limit) {
    return db.run(
        c -> {
          // One registration per site and instance here, so those two order them.
          try (PreparedStatement s =
              c.prepareStatement(
                  "SELECT client_id, client_secret, data_json, created, expires_at, site, instance"
                      + " FROM oauth_app"
                      + (after == null ? "" : " WHERE site > ? OR (site = ? AND instance > ?)")
                      + " ORDER BY site, instance LIMIT ?")) {
            int i = 1;
            if (after != null) {
              s.setString(i++, after.site());
              s.setString(i++, after.site());
              s.setString(i++, after.instance());
            }
            s.setInt(i, limit);
            List<AppRegistration> page = new ArrayList<>();
            try (ResultSet r = s.executeQuery()) {
              while (r.next()) {
                page.add(read(r.getString(6), r.getString(7), r));
              }
            }
            return page;
          }
        });
  }

  @Override
  public AppRegistration putIfAbsent(AppRegistration app) {
    long now = db.clock.millis();
    try {
      db.run(
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
              Database.setInstant(s, 7, app.expiresAt());
              s.executeUpdate();
            }
            return null;
          });
    } catch (StoreUnavailableException e) {
      if (!Database.isDuplicate(e)) {
        throw e;
      }
    }
    return get(app.site(), app.instance())
        .orElseThrow(() -> new StoreUnavailableException("app registration vanished", null));
  }

  @Override
  public Optional<AppRegistration> replace(String expectedClientId, AppRegistration replacement) {
    db.run(
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
                    : db.clock.millis());
            Database.setInstant(s, 5, replacement.expiresAt());
            s.setString(6, replacement.site());
            s.setString(7, replacement.instance());
            s.setString(8, expectedClientId);
            return s.executeUpdate();
          }
        });
    return get(replacement.site(), replacement.instance());
  }

  @Override
  public boolean delete(String site, String instance) {
    return db.run(
        c -> {
          try (PreparedStatement s =
              c.prepareStatement("DELETE FROM oauth_app WHERE site = ? AND instance = ?")) {
            s.setString(1, site);
            s.setString(2, instance);
            return s.executeUpdate() > 0;
          }
        });
  }
}
