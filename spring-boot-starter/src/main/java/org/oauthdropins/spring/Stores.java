package org.oauthdropins.spring;

import java.util.Optional;
import javax.sql.DataSource;
import org.oauthdropins.BaseUrl;
import org.oauthdropins.internal.keys.ConfiguredKeys;
import org.oauthdropins.keys.KeyRing;
import org.oauthdropins.spring.OAuthDropinsProperties.Store;
import org.oauthdropins.spring.OAuthDropinsProperties.StoreType;
import org.oauthdropins.store.AuthStore;
import org.oauthdropins.store.Key;
import org.oauthdropins.store.jdbc.JdbcStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Picks the store from the properties and what the app has, sealing under the configured ring. */
final class Stores {

  private static final Logger LOG = LoggerFactory.getLogger(Stores.class);
  private static final String DATASTORE = "org.oauthdropins.datastore.DatastoreStore";

  private Stores() {}

  /**
   * @param keys the configured ring ({@code oauth-dropins.keys}...), empty if none is
   */
  static AuthStore create(Store p, DataSource dataSource, Optional<KeyRing> keys, BaseUrl baseUrl) {
    StoreType type = p.type();
    if (type == StoreType.AUTO) {
      if (dataSource != null) {
        type = StoreType.JDBC;
      } else if (p.datastoreProjectId() != null && present(DATASTORE)) {
        type = StoreType.DATASTORE;
      } else {
        type = StoreType.EMBEDDED;
      }
    }
    return switch (type) {
      case JDBC -> {
        if (dataSource == null) {
          throw new IllegalStateException(
              "oauth-dropins.store.type=jdbc needs a DataSource (spring.datasource.*)");
        }
        KeyRing ring = ConfiguredKeys.required(keys, "The JDBC store on the app's DataSource");
        // The app's pool is the app's: the store does not close it.
        if (p.createSchema()) {
          yield new JdbcStore(dataSource, ring);
        }
        // Tables owned by the app's migrations: look for them now, so that a missing migration
        // stops the app at start-up rather than at its first login.
        JdbcStore store = JdbcStore.withoutSchema(dataSource, ring);
        store.get(new Key("OAuthDropinsSchemaCheck", "start-up"));
        yield store;
      }
      case DATASTORE -> DatastoreStores.connect(p.datastoreProjectId(), keys);
      case EMBEDDED -> {
        ConfiguredKeys.embeddedKeyFileWarning(keys, p.directory(), baseUrl).ifPresent(LOG::warn);
        yield keys.map(ring -> JdbcStore.embedded(p.directory(), ring))
            .orElseGet(() -> JdbcStore.embedded(p.directory()));
      }
      case AUTO -> throw new AssertionError();
    };
  }

  private static boolean present(String className) {
    try {
      Class.forName(className, false, Stores.class.getClassLoader());
      return true;
    } catch (ClassNotFoundException e) {
      return false;
    }
  }
}
