package org.oauthdropins.testkit.attacks;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Logger;
import javax.sql.DataSource;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;
import org.oauthdropins.PendingStorage;
import org.oauthdropins.internal.secrets.Secrets;
import org.oauthdropins.keys.KeyRing;
import org.oauthdropins.sites.github.GitHub;
import org.oauthdropins.store.jdbc.JdbcStore;
import org.oauthdropins.testkit.Browser;
import org.oauthdropins.testkit.FakeGitHub;
import org.oauthdropins.testkit.TestApp;

/**
 * Backend text in error pages (issue 14, finding 10): a database's error names its host, port, user
 * and sometimes the values of the failing statement. An anonymous visitor who can make the store
 * fail (or who arrives while it is down) must learn only that it is unavailable.
 */
class StoreFailureDisclosureAttackTest {

  /** What a PostgreSQL driver says when the database refuses the app's login. */
  private static final String DRIVER_TEXT =
      "FATAL: password authentication failed for user \"oauth_app\" (db.internal.example:5432)";

  /** An H2 database that, once broken, fails every connection with a driver's revealing text. */
  private static final class BreakableDataSource implements DataSource {
    private final JdbcDataSource h2 = new JdbcDataSource();
    final AtomicBoolean broken = new AtomicBoolean();

    BreakableDataSource() {
      h2.setURL("jdbc:h2:mem:disclosure-" + Secrets.random(6) + ";DB_CLOSE_DELAY=-1");
    }

    @Override
    public Connection getConnection() throws SQLException {
      if (broken.get()) {
        throw new SQLException(DRIVER_TEXT, "28P01");
      }
      return h2.getConnection();
    }

    @Override
    public Connection getConnection(String user, String password) throws SQLException {
      return getConnection();
    }

    @Override
    public PrintWriter getLogWriter() {
      return null;
    }

    @Override
    public void setLogWriter(PrintWriter out) {}

    @Override
    public void setLoginTimeout(int seconds) {}

    @Override
    public int getLoginTimeout() {
      return 0;
    }

    @Override
    public Logger getParentLogger() throws SQLFeatureNotSupportedException {
      throw new SQLFeatureNotSupportedException();
    }

    @Override
    public <T> T unwrap(Class<T> type) throws SQLException {
      throw new SQLException("not a wrapper");
    }

    @Override
    public boolean isWrapperFor(Class<?> type) {
      return false;
    }
  }

  @Test
  void aStoreFailureShowsNoDatabaseTextInThe503Page() {
    BreakableDataSource db = new BreakableDataSource();
    JdbcStore store = new JdbcStore(db, KeyRing.generate());
    try (FakeGitHub fake = new FakeGitHub();
        // A start that writes to the store, so that it meets the failure too.
        TestApp app =
            new TestApp(store)
                .pendingLogins(PendingStorage.IN_STORE)
                .mount(GitHub.create(fake.options()), fake)) {
      Browser browser = new Browser();
      Browser.Page consent = browser.post(app.url("/github/start"), Map.of());
      db.broken.set(true);

      Browser.Page atStart = browser.post(app.url("/github/start"), Map.of());
      Browser.Page atCallback = browser.click(consent, "Approve");

      for (Browser.Page page : new Browser.Page[] {atStart, atCallback}) {
        assertThat(page.status()).isEqualTo(503);
        assertThat(page.body())
            .contains("unavailable")
            .doesNotContain("FATAL", "oauth_app", "db.internal", "5432", "28P01", "Exception");
      }
    }
  }
}
