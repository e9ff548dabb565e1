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
import java.util.Optional;
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
    return storeOn(dataSource(), clock);
  }

  /** The store under test on a data source, e.g. one that fails on cue. */
  protected JdbcStore storeOn(DataSource source, Clock clock) {
    return new JdbcStore(source, clock, () -> {});
  }

  @Test
  void aConnectionLostInsideAWriteLeavesTheOldRecordWhole() {
    FaultyDataSource faulty = new FaultyDataSource(dataSource());
    JdbcStore s = storeOn(faulty, clock);
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
    JdbcStore s = storeOn(faulty, clock);
    // Lost before the first statement, or between a SELECT and its DELETE where a take is two.
    for (int n = 0; n < 2; n++) {
      PendingLogin login = pending(Duration.ofMinutes(5));
      s.putPending(login);
      faulty.failAfter(n);
      Optional<PendingLogin> taken;
      try {
        taken = s.takePending(login.id());
      } catch (StoreUnavailableException e) {
        taken = Optional.empty();
      }
      faulty.failAfter(Integer.MAX_VALUE);
      if (taken.isPresent()) {
        assertThat(taken).as("taken whole with %d statements", n).contains(login);
        assertThat(store.takePending(login.id())).isEmpty();
      } else {
        assertThat(store.takePending(login.id()))
            .as("after failing at statement %d", n)
            .contains(login);
      }
    }
  }

  /** Whether the database returns the rows a DELETE or UPDATE changed (H2, PostgreSQL). */
  protected boolean returnsChangedRows() {
    return true;
  }

  @Test
  void takingAPendingLoginIsOneStatementWhereTheDatabaseReturnsDeletedRows() {
    FaultyDataSource faulty = new FaultyDataSource(dataSource());
    JdbcStore s = storeOn(faulty, clock);
    PendingLogin login = pending(Duration.ofMinutes(5));
    s.putPending(login);
    faulty.failAfter(1);
    if (returnsChangedRows()) {
      assertThat(s.takePending(login.id())).contains(login);
    } else {
      assertThatThrownBy(() -> s.takePending(login.id()))
          .isInstanceOf(StoreUnavailableException.class);
    }
  }

  @Test
  void storingANewLoginIsOneStatementWhereTheDatabaseReturnsWrittenRows() {
    FaultyDataSource faulty = new FaultyDataSource(dataSource());
    JdbcStore s = storeOn(faulty, clock);
    Key key = newKey("GitHubAuth");
    faulty.failAfter(1);
    if (returnsChangedRows()) {
      assertThat(s.put(sample(key)).created()).isEqualTo(clock.instant());
    } else {
      assertThatThrownBy(() -> s.put(sample(key))).isInstanceOf(StoreUnavailableException.class);
    }
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
    JdbcStore s = storeOn(faulty, clock);
    return Outage.of(s, faulty::down);
  }

  static List<String> tables() {
    return List.of("oauth_auth", "oauth_pending", "oauth_app");
  }
}
