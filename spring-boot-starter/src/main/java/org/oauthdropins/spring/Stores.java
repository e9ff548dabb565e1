package org.oauthdropins.spring;

import javax.sql.DataSource;
import org.oauthdropins.spring.OAuthDropinsProperties.Store;
import org.oauthdropins.spring.OAuthDropinsProperties.StoreType;
import org.oauthdropins.store.AuthStore;
import org.oauthdropins.store.Key;
import org.oauthdropins.store.jdbc.JdbcStore;

/** Picks the store from the properties and what the app has. */
final class Stores {

  private static final String DATASTORE = "org.oauthdropins.datastore.DatastoreStore";

  private Stores() {}

  static AuthStore create(Store p, DataSource dataSource) {
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
        // The app's pool is the app's: the store does not close it.
        if (p.createSchema()) {
          yield new JdbcStore(dataSource);
        }
        // Tables owned by the app's migrations: look for them now, so that a missing migration
        // stops the app at start-up rather than at its first login.
        JdbcStore store = JdbcStore.withoutSchema(dataSource);
        store.get(new Key("OAuthDropinsSchemaCheck", "start-up"));
        yield store;
      }
      case DATASTORE -> DatastoreStores.connect(p.datastoreProjectId());
      case EMBEDDED -> JdbcStore.embedded(p.directory());
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
