package org.oauthdropins.store.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.UUID;
import javax.sql.DataSource;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.oauthdropins.internal.seal.Sealing;
import org.oauthdropins.keys.KeyRing;
import org.oauthdropins.store.AccessToken;
import org.oauthdropins.store.AuthRecord;
import org.oauthdropins.store.Key;
import org.oauthdropins.store.LoginStore;
import org.oauthdropins.store.TestPostgres;

/**
 * A database made before spent states were keyed by expiry first: its {@code oauth_spent_state} is
 * keyed by the state alone, with an index on the expiry. The store's statements serve it as they
 * serve a new one: a state spent before the upgrade stays spent, and each new state is let through
 * once, with a login or alone.
 */
class SpentStateTableUpgradeTest {

  private static final Clock CLOCK =
      Clock.fixed(Instant.parse("2026-03-01T12:00:00Z"), ZoneOffset.UTC);
  private static final Instant UNTIL = CLOCK.instant().plus(Duration.ofMinutes(10));

  @ParameterizedTest
  @ValueSource(strings = {"h2", "postgres"})
  void aTableKeyedByTheStateAloneStillLetsEachStateThroughOnce(String database) throws Exception {
    DataSource ds = database.equals("h2") ? h2() : TestPostgres.newDatabase();
    try (Connection c = ds.getConnection();
        Statement s = c.createStatement()) {
      s.execute(
          "CREATE TABLE oauth_spent_state (id VARCHAR(128) NOT NULL PRIMARY KEY,"
              + " expires_at BIGINT NOT NULL)");
      s.execute("CREATE INDEX oauth_spent_state_expires ON oauth_spent_state (expires_at)");
      s.execute(
          "INSERT INTO oauth_spent_state VALUES ('spent-before', " + UNTIL.toEpochMilli() + ")");
    }
    try (JdbcStore store = new JdbcStore(ds, CLOCK, () -> {}, Sealing.of(KeyRing.generate()))) {
      LoginStore logins = store.logins();
      assertThat(logins.spendState("spent-before", UNTIL)).as("spent before the upgrade").isFalse();
      assertThat(logins.putSpendingState(login(), "spent-before", UNTIL)).isEmpty();

      assertThat(logins.spendState("alone", UNTIL)).isTrue();
      assertThat(logins.spendState("alone", UNTIL)).isFalse();

      AuthRecord first = login();
      assertThat(logins.putSpendingState(first, "with-a-login", UNTIL)).isPresent();
      assertThat(logins.putSpendingState(login(), "with-a-login", UNTIL))
          .as("the same callback again")
          .isEmpty();
      assertThat(logins.get(first.key())).isPresent();
    }
  }

  private static DataSource h2() {
    JdbcDataSource ds = new JdbcDataSource();
    ds.setURL("jdbc:h2:mem:spent-upgrade-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
    return ds;
  }

  private static AuthRecord login() {
    return AuthRecord.of(
        new Key("GitHubAuth", "user-" + UUID.randomUUID()),
        "github",
        new AccessToken.Bearer("gho_" + UUID.randomUUID()),
        null,
        null,
        "{\"login\":\"mona\"}",
        "{}");
  }
}
