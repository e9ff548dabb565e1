package org.oauthdropins.store.jdbc;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * The statements a database phrases in its own way: ones that change rows and return them, so that
 * taking a pending login or writing a stored one is one statement instead of two: one round trip to
 * PostgreSQL. Any other database, H2 included (see {@link #of}), gets {@link #PORTABLE}: the
 * separate statements, as safe, in a transaction.
 *
 * @param take deletes the pending login whose {@code id} is bound and returns its {@link #PENDING}
 *     columns; null where the store runs a SELECT and a DELETE
 * @param upsert inserts or updates a stored login, bound as {@link JdbcStore}'s INSERT is, and
 *     returns its {@code created}, the first write's time on an update; null where the store runs
 *     an UPDATE and an INSERT in a transaction
 * @param spendingUpsert spends the state whose id and expiry are bound first and, only if this
 *     statement spent it, upserts the login bound after them as {@link #upsert} binds it, returning
 *     its {@code created}; no row if the state was spent already. Null where the store runs the
 *     state's INSERT and the login's write in a transaction
 */
record ReturningSql(String take, String upsert, String spendingUpsert) {

  /** The columns of a pending login that a take returns, in this order. */
  static final String PENDING =
      "site, browser_hash, app_state, redirect_uri, data_json, expires_at";

  static final String DELETE_PENDING = "DELETE FROM oauth_pending WHERE id = ?";

  /** The columns of a stored login, as they are bound: the record's, then times, then the key. */
  private static final List<String> WRITTEN =
      List.of(
          "site VARCHAR(64)",
          "token_type VARCHAR(16)",
          "token VARCHAR",
          "token_secret VARCHAR",
          "refresh_token VARCHAR",
          "expires_at BIGINT",
          "user_json VARCHAR",
          "extra_json VARCHAR",
          "sealed_with VARCHAR(64)",
          "updated BIGINT",
          "created BIGINT",
          "kind VARCHAR(64)",
          "id VARCHAR(1024)");

  /** Any database: no returning statements. */
  static final ReturningSql PORTABLE = new ReturningSql(null, null, null);

  /** PostgreSQL's {@code RETURNING} and {@code ON CONFLICT} (9.5 and later). */
  static final ReturningSql POSTGRESQL = postgresql(null);

  /** The stored row's stamp of the key that sealed it, as the statements name it. */
  static final String STAMP = "t.sealed_with";

  /** The stored row's token columns, as the statements name them. */
  static final List<String> TOKENS = List.of("t.token", "t.token_secret", "t.refresh_token");

  /**
   * The same statements, but an upsert leaves a stored row as it is unless {@code guard}, an SQL
   * condition on the stored row's {@link #STAMP} and {@link #TOKENS}, holds for it: it then returns
   * no row. {@link #PORTABLE} has no statements to change; its caller checks the row it locks.
   */
  ReturningSql guarded(String guard) {
    if (equals(POSTGRESQL)) {
      return postgresql(guard);
    }
    return this;
  }

  private static ReturningSql postgresql(String guard) {
    String onConflict =
        " ON CONFLICT (kind, id) DO UPDATE SET "
            + updated("EXCLUDED.")
            + (guard == null ? "" : " WHERE " + guard)
            + " RETURNING created";
    return new ReturningSql(
        DELETE_PENDING + " RETURNING " + PENDING,
        "INSERT INTO oauth_auth AS t ("
            + names(WRITTEN)
            + ") VALUES ("
            + WRITTEN.stream().map(c -> "?").collect(Collectors.joining(", "))
            + ")"
            + onConflict,
        guard == null
            // One statement, one round trip: the state's row decides; a conflict inserts no login.
            ? "WITH spent AS (INSERT INTO oauth_spent_state (id, expires_at) VALUES (?, ?)"
                + " ON CONFLICT DO NOTHING RETURNING id) INSERT INTO oauth_auth AS t ("
                + names(WRITTEN)
                + ") SELECT "
                + casts()
                + " FROM spent"
                + onConflict
            // The same, but a stored row the guard keeps spends no state either (a callback that
            // fails for a missing key can run again once the ring has it).
            : "WITH s (id, expires_at) AS (VALUES (CAST(? AS VARCHAR(128)), CAST(? AS BIGINT))),"
                + " v ("
                + names(WRITTEN)
                + ") AS (VALUES ("
                + casts()
                + ")), kept AS (SELECT 1 FROM oauth_auth t JOIN v ON t.kind = v.kind AND t.id ="
                + " v.id WHERE NOT "
                + guard
                + "), spent AS (INSERT INTO oauth_spent_state (id, expires_at) SELECT id,"
                + " expires_at FROM s WHERE NOT EXISTS (SELECT 1 FROM kept)"
                + " ON CONFLICT DO NOTHING RETURNING id) INSERT INTO oauth_auth AS t ("
                + names(WRITTEN)
                + ") SELECT v.* FROM v, spent"
                + onConflict);
  }

  /** A parameter per written column, typed, for a database that cannot infer a bare one's type. */
  private static String casts() {
    return WRITTEN.stream()
        .map(c -> "CAST(? AS " + c.split(" ")[1] + ")")
        .collect(Collectors.joining(", "));
  }

  private static String names(List<String> columns) {
    return columns.stream().map(c -> c.split(" ")[0]).collect(Collectors.joining(", "));
  }

  /** {@code site = s.site, ...} for every column an update changes: all but created and the key. */
  private static String updated(String source) {
    return WRITTEN.stream()
        .map(c -> c.split(" ")[0])
        .filter(c -> !List.of("created", "kind", "id").contains(c))
        .map(c -> c + " = " + source + c)
        .collect(Collectors.joining(", "));
  }

  /** What the database behind a connection supports, from the name it gives itself. */
  static ReturningSql of(Connection c) throws SQLException {
    String product = c.getMetaData().getDatabaseProductName().toLowerCase(Locale.ROOT);
    return switch (product) {
      case "postgresql" -> POSTGRESQL;
      // H2 has returning forms (data change delta tables, MERGE ... USING), but parses them
      // again at every run, while it keeps the plain statements parsed: on the embedded store a
      // callback's write took 67 us with them and 40 us without (one thread, 20,000 writes).
      default -> PORTABLE;
    };
  }
}
