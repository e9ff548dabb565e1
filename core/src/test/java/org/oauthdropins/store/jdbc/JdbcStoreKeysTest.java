package org.oauthdropins.store.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.oauthdropins.keys.KeyRing;
import org.oauthdropins.keys.KeySource;
import org.oauthdropins.store.AccessToken;
import org.oauthdropins.store.AuthRecord;
import org.oauthdropins.store.Key;

/**
 * Where a JDBC store's key ring comes from: every form that is given a data source or a URL reads
 * the environment and, without a ring there, fails at construction naming what to set; every form
 * has a twin that takes a ring; the embedded store makes its own key file.
 */
class JdbcStoreKeysTest {

  @TempDir Path dir;

  @BeforeAll
  static void noRingInThisEnvironment() {
    if (KeySource.environment().isPresent()) {
      String why =
          "a key ring is set in this environment (OAUTH_DROPINS_KEYS or oauth_dropins_keys)";
      System.out.println("SKIPPED JdbcStoreKeysTest: " + why);
      Assumptions.abort(why);
    }
  }

  private JdbcDataSource database() {
    JdbcDataSource d = new JdbcDataSource();
    d.setURL("jdbc:h2:" + dir.resolve("db"));
    d.setUser("sa");
    return d;
  }

  @Test
  void aStoreGivenOnlyADataSourceFailsAtConstructionNamingWhatToSet() {
    JdbcDataSource db = database();
    Map<String, Supplier<JdbcStore>> forms =
        Map.of(
            "new JdbcStore(dataSource, keyRing)", () -> new JdbcStore(db),
            "JdbcStore.owning(dataSource, keyRing)", () -> JdbcStore.owning(db),
            "JdbcStore.withoutSchema(dataSource, keyRing)", () -> JdbcStore.withoutSchema(db),
            "JdbcStore.h2(jdbcUrl, keyRing)", () -> JdbcStore.h2("jdbc:h2:" + dir.resolve("h2")));
    forms.forEach(
        (withRing, form) ->
            assertThatThrownBy(form::get)
                .as(withRing)
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("OAUTH_DROPINS_KEYS")
                .hasMessageContaining("oauth_dropins_keys")
                .hasMessageContaining(withRing));
  }

  @Test
  void eachFormTakesARing() {
    KeyRing ring = KeyRing.generate();
    JdbcDataSource db = database();
    for (JdbcStore store :
        List.of(
            new JdbcStore(db, ring),
            JdbcStore.owning(db, ring),
            JdbcStore.withoutSchema(db, ring),
            JdbcStore.embedded(dir.resolve("embedded"), ring),
            JdbcStore.h2("jdbc:h2:" + dir.resolve("db"), ring))) {
      try (store) {
        assertThat(store.keyRing()).contains(ring);
        Key key = new Key("GitHubAuth", "mona");
        store.put(
            AuthRecord.of(key, "github", new AccessToken.Bearer("gho_x"), null, null, "{}", "{}"));
        assertThat(store.get(key).orElseThrow().token()).isEqualTo(new AccessToken.Bearer("gho_x"));
      }
    }
  }

  @Test
  void theEmbeddedStoreMakesItsOwnKeyFileBesideTheDatabase() {
    Path folder = dir.resolve("data");
    KeyRing ring;
    try (JdbcStore store = JdbcStore.embedded(folder)) {
      ring = store.keyRing().orElseThrow();
      store.put(
          AuthRecord.of(
              new Key("GitHubAuth", "mona"),
              "github",
              new AccessToken.Bearer("gho_x"),
              null,
              null,
              "{}",
              "{}"));
    }
    assertThat(folder.resolve(KeySource.EMBEDDED_FILE_NAME)).exists();
    // Opened again, it finds the same ring and reads what it sealed.
    try (JdbcStore again = JdbcStore.embedded(folder)) {
      assertThat(again.keyRing().orElseThrow().spec()).isEqualTo(ring.spec());
      assertThat(again.get(new Key("GitHubAuth", "mona"))).isPresent();
    }
  }

  @Test
  void inMemoryH2DatabasesOfOneJvmShareARing() {
    String url = "jdbc:h2:mem:keys-" + System.nanoTime() + ";DB_CLOSE_DELAY=-1";
    try (JdbcStore one = JdbcStore.h2(url);
        JdbcStore two = JdbcStore.h2(url)) {
      Key key = new Key("GitHubAuth", "mona");
      one.put(
          AuthRecord.of(key, "github", new AccessToken.Bearer("gho_x"), null, null, "{}", "{}"));
      assertThat(two.get(key).orElseThrow().token()).isEqualTo(new AccessToken.Bearer("gho_x"));
    }
  }
}
