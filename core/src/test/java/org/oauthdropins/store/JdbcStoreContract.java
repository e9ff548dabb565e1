package org.oauthdropins.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.sql.ResultSet;
import java.time.Clock;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.oauthdropins.AccessToken;
import org.oauthdropins.Key;
import org.oauthdropins.StoreUnavailableException;

/** The store contract plus what only a JDBC store can show: a connection lost mid-write. */
abstract class JdbcStoreContract extends AuthStoreContract {

  /** The class's shared database. */
  protected abstract DataSource dataSource();

  @Override
  protected AuthStore openStore(Clock clock) {
    return new JdbcStore(dataSource(), clock, () -> {});
  }

  @Test
  void aConnectionLostInsideAWriteLeavesTheOldRecordWhole() {
    FaultyDataSource faulty = new FaultyDataSource(dataSource());
    JdbcStore s = new JdbcStore(faulty, clock, () -> {});
    for (int n = 0; n < 3; n++) {
      Key key = newKey("GitHubAuth");
      AuthRecord before = s.put(sample(key));
      clock.advance(Duration.ofSeconds(1));
      AuthRecord after =
          AuthRecord.of(
              key,
              "github",
              new AccessToken.OAuth1("new-key", "new-secret"),
              "new-refresh",
              null,
              "{\"login\":\"new\"}",
              "{\"x\":1}");
      faulty.failAfter(n);
      try {
        s.put(after);
        faulty.failAfter(Integer.MAX_VALUE);
        assertThat(store.get(key).orElseThrow().token()).isEqualTo(after.token());
      } catch (StoreUnavailableException e) {
        faulty.failAfter(Integer.MAX_VALUE);
        assertThat(store.get(key)).as("after failing at statement %d", n).contains(before);
      }
    }
  }

  @Test
  void aConnectionLostWhileTakingAPendingLoginKeepsItForARetry() {
    FaultyDataSource faulty = new FaultyDataSource(dataSource());
    JdbcStore s = new JdbcStore(faulty, clock, () -> {});
    PendingLogin login = pending(Duration.ofMinutes(5));
    s.putPending(login);
    faulty.failAfter(1); // the SELECT runs, the DELETE finds the connection gone
    assertThatThrownBy(() -> s.takePending(login.id()))
        .isInstanceOf(StoreUnavailableException.class);
    faulty.failAfter(Integer.MAX_VALUE);
    assertThat(store.takePending(login.id())).contains(login);
  }

  @Test
  void aDatabaseThatIsDownAtStartupFailsClearly() {
    FaultyDataSource faulty = new FaultyDataSource(dataSource());
    faulty.down();
    assertThatThrownBy(() -> new JdbcStore(faulty))
        .isInstanceOf(StoreUnavailableException.class)
        // The driver's text is for the log: the message is what a 503 page shows.
        .hasMessageNotContaining("Connection refused")
        .hasMessageContaining("unavailable")
        .cause()
        .hasMessageContaining("Connection refused");
  }

  /**
   * Every start runs the expiry sweep ({@code DELETE ... WHERE expires_at < ?}) and the browser's
   * cap ({@code WHERE browser_hash = ?}): each must find its rows through an index whose first
   * column it filters on, not by reading the whole table.
   */
  @Test
  void theExpirySweepAndTheBrowserCapUseIndexes() throws Exception {
    Set<String> leading = new HashSet<>();
    try (Connection c = dataSource().getConnection()) {
      for (String table : List.of("oauth_pending", "OAUTH_PENDING")) {
        try (ResultSet r = c.getMetaData().getIndexInfo(null, null, table, false, false)) {
          while (r.next()) {
            if (r.getShort("ORDINAL_POSITION") == 1) {
              leading.add(r.getString("COLUMN_NAME").toLowerCase(Locale.ROOT));
            }
          }
        }
      }
    }
    assertThat(leading).contains("expires_at", "browser_hash");
  }

  /** An outage of a store on a wrapped connection source. */
  protected Outage switchedOutage() {
    FaultyDataSource faulty = new FaultyDataSource(dataSource());
    JdbcStore s = new JdbcStore(faulty, clock, () -> {});
    return Outage.of(s, faulty::down);
  }

  static List<String> tables() {
    return List.of("oauth_auth", "oauth_pending", "oauth_app");
  }
}
