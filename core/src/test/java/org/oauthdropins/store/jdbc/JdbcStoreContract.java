package org.oauthdropins.store.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.oauthdropins.errors.StoreUnavailableException;
import org.oauthdropins.store.AccessToken;
import org.oauthdropins.store.AuthRecord;
import org.oauthdropins.store.Key;
import org.oauthdropins.store.PendingLogin;
import org.oauthdropins.store.StoreContract;

/**
 * What only a JDBC store can show, on each database beside the four contracts: a connection lost
 * mid-write, statements per operation, indexes, a database down at start-up.
 */
abstract class JdbcStoreContract extends StoreContract {

  @Override
  protected abstract JdbcBackend backend();

  @Test
  void aConnectionLostInsideAWriteLeavesTheOldRecordWhole() {
    FaultyDataSource faulty = new FaultyDataSource(backend().dataSource());
    JdbcStore s = backend().storeOn(faulty, clock);
    for (int n = 0; n < 3; n++) {
      Key key = newKey("GitHubAuth");
      AuthRecord before = s.logins().put(sample(key));
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
        s.logins().put(after);
        faulty.failAfter(Integer.MAX_VALUE);
        assertThat(store.logins().get(key).orElseThrow().token()).isEqualTo(after.token());
      } catch (StoreUnavailableException e) {
        faulty.failAfter(Integer.MAX_VALUE);
        assertThat(store.logins().get(key)).as("after failing at statement %d", n).contains(before);
      }
    }
  }

  @Test
  void aConnectionLostWhileTakingAPendingLoginKeepsItForARetry() {
    FaultyDataSource faulty = new FaultyDataSource(backend().dataSource());
    JdbcStore s = backend().storeOn(faulty, clock);
    // Lost before the first statement, or between a SELECT and its DELETE where a take is two.
    for (int n = 0; n < 2; n++) {
      PendingLogin login = pending(Duration.ofMinutes(5));
      s.pendingLogins().put(login);
      faulty.failAfter(n);
      Optional<PendingLogin> taken;
      try {
        taken = s.pendingLogins().take(login.id());
      } catch (StoreUnavailableException e) {
        taken = Optional.empty();
      }
      faulty.failAfter(Integer.MAX_VALUE);
      if (taken.isPresent()) {
        assertThat(taken).as("taken whole with %d statements", n).contains(login);
        assertThat(store.pendingLogins().take(login.id())).isEmpty();
      } else {
        assertThat(store.pendingLogins().take(login.id()))
            .as("after failing at statement %d", n)
            .contains(login);
      }
    }
  }

  @Test
  void takingAPendingLoginIsOneStatementWhereTheDatabaseReturnsDeletedRows() {
    FaultyDataSource faulty = new FaultyDataSource(backend().dataSource());
    JdbcStore s = backend().storeOn(faulty, clock);
    PendingLogin login = pending(Duration.ofMinutes(5));
    s.pendingLogins().put(login);
    faulty.failAfter(1);
    if (backend().returnsChangedRows()) {
      assertThat(s.pendingLogins().take(login.id())).contains(login);
    } else {
      assertThatThrownBy(() -> s.pendingLogins().take(login.id()))
          .isInstanceOf(StoreUnavailableException.class);
    }
  }

  /**
   * The table's own write; sealing reads the row first (one statement more), so that a row the key
   * ring cannot open is never written over.
   */
  @Test
  void storingANewLoginIsOneStatementWhereTheDatabaseReturnsWrittenRows() {
    FaultyDataSource faulty = new FaultyDataSource(backend().dataSource());
    JdbcStore s = backend().storeOn(faulty, clock).unsealed();
    Key key = newKey("GitHubAuth");
    faulty.failAfter(1);
    if (backend().returnsChangedRows()) {
      assertThat(s.logins().put(sample(key)).created()).isEqualTo(clock.instant());
    } else {
      assertThatThrownBy(() -> s.logins().put(sample(key)))
          .isInstanceOf(StoreUnavailableException.class);
    }
  }

  @Test
  void aDatabaseThatIsDownAtStartupFailsClearly() {
    FaultyDataSource faulty = new FaultyDataSource(backend().dataSource());
    faulty.down();
    assertThatThrownBy(() -> new JdbcStore(faulty, backend().ring()))
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
    try (Connection c = backend().dataSource().getConnection()) {
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

  static List<String> tables() {
    return List.of("oauth_auth", "oauth_pending", "oauth_app");
  }
}
