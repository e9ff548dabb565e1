package org.oauthdropins.store.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.UUID;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;
import org.oauthdropins.keys.KeyRing;
import org.oauthdropins.store.Key;
import org.oauthdropins.store.RefreshLeases;

/**
 * A database made before leases recorded what their holder spends: its {@code oauth_refresh_lease}
 * table has no {@code spending} column, and opening the store adds it, keeping the leases in it.
 */
class LeaseTableUpgradeTest {

  @Test
  void aLeaseTableWithoutTheSpendingColumnGetsItAndKeepsItsLeases() throws Exception {
    JdbcDataSource ds = new JdbcDataSource();
    ds.setURL("jdbc:h2:mem:upgrade-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
    try (Connection c = ds.getConnection();
        Statement s = c.createStatement()) {
      s.execute(
          "CREATE TABLE oauth_refresh_lease (kind VARCHAR(64) NOT NULL, id VARCHAR(1024) NOT NULL,"
              + " holder VARCHAR(128) NOT NULL, lease_until BIGINT NOT NULL,"
              + " PRIMARY KEY (kind, id))");
      s.execute(
          "INSERT INTO oauth_refresh_lease VALUES ('GitHubAuth', '1', 'old-server', "
              + (System.currentTimeMillis() + 60_000)
              + ")");
    }
    try (JdbcStore store = new JdbcStore(ds, KeyRing.generate())) {
      RefreshLeases leases = store.leases();
      Key key = new Key("GitHubAuth", "1");
      assertThat(leases.lease(key, "new-server", Duration.ofSeconds(10)))
          .as("the old server's lease stands")
          .isFalse();
      assertThat(leases.startSpending(key, "old-server", "t1")).isTrue();
      assertThat(leases.startSpending(key, "old-server", "t1")).isFalse();
    }
  }
}
