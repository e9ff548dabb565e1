package org.oauthdropins.quarkus.deployment;

import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.QuarkusUnitTest;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.ResultSet;
import java.time.Duration;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.oauthdropins.Logins;
import org.oauthdropins.keys.KeyRing;
import org.oauthdropins.store.AuthStore;
import org.oauthdropins.store.jdbc.JdbcStore;

/**
 * An app with an Agroal datasource keeps its logins there, not in an embedded database, sealed
 * under the ring of {@code oauth-dropins.keys}, as is the logins cookie (with the max age of {@code
 * oauth-dropins.logins.max-age}).
 */
class DataSourceStoreTest {

  static final KeyRing RING = KeyRing.parse(SealedCookie.RING);

  @RegisterExtension
  static final QuarkusUnitTest APP =
      new QuarkusUnitTest()
          .withApplicationRoot(jar -> jar.addClass(SealedCookie.class))
          .overrideConfigKey("quarkus.datasource.db-kind", "h2")
          .overrideConfigKey("quarkus.datasource.jdbc.url", "jdbc:h2:mem:app;DB_CLOSE_DELAY=-1")
          .overrideConfigKey("quarkus.devservices.enabled", "false")
          .overrideConfigKey("oauth-dropins.store.directory", "target/must-not-exist-store")
          .overrideConfigKey("oauth-dropins.keys", RING.spec())
          .overrideConfigKey("oauth-dropins.logins.max-age", "2h");

  @Inject AuthStore store;
  @Inject DataSource dataSource;
  @Inject Logins logins;

  @Test
  void theStoreAndTheLoginsCookieSealUnderTheConfiguredRing() {
    assertThat(store.keyRing().map(KeyRing::spec)).contains(RING.spec());
    assertThat(logins.maxAge()).isEqualTo(Duration.ofHours(2));
    assertThat(SealedCookie.opensUnder(logins, RING)).isTrue();
    assertThat(SealedCookie.opensUnder(logins, KeyRing.generate())).isFalse();
  }

  @Test
  void theStoreIsOnTheAppsDataSource() throws Exception {
    assertThat(store).isInstanceOf(JdbcStore.class);
    store.get(new org.oauthdropins.store.Key("Any", "x"));
    try (Connection c = dataSource.getConnection();
        ResultSet r = c.getMetaData().getTables(null, null, "OAUTH_AUTH", null)) {
      assertThat(r.next()).as("the store's tables in the app's database").isTrue();
    }
    assertThat(new java.io.File("target/must-not-exist-store")).doesNotExist();
  }
}
