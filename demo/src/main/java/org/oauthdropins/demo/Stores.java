package org.oauthdropins.demo;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.net.URI;
import java.nio.file.Path;
import org.oauthdropins.datastore.DatastoreStore;
import org.oauthdropins.store.AuthStore;
import org.oauthdropins.store.jdbc.JdbcStore;

/** Opens the store the demo's {@code --db} names, or the embedded one in {@code --data}. */
final class Stores {

  private Stores() {}

  /**
   * @param db the store {@code --db} names, or null for the embedded database
   * @param data the embedded database's folder
   */
  static AuthStore open(String db, Path data) {
    if (db == null) {
      return JdbcStore.embedded(data);
    }
    if (db.startsWith("datastore://")) {
      // datastore://HOST:PORT/PROJECT: the emulator at that address.
      URI u = URI.create(db);
      String project = u.getPath() == null ? "" : u.getPath().replaceFirst("^/", "");
      if (u.getAuthority() == null || project.isEmpty()) {
        throw new IllegalArgumentException("--db datastore://HOST:PORT/PROJECT needs both parts");
      }
      return DatastoreStore.emulator(u.getAuthority(), project);
    }
    if (db.startsWith("datastore:")) {
      // Honours DATASTORE_EMULATOR_HOST, else application default credentials.
      return DatastoreStore.connect(db.substring("datastore:".length()));
    }
    if (db.startsWith("jdbc:h2:")) {
      return JdbcStore.h2(db);
    }
    if (db.startsWith("jdbc:")) {
      HikariConfig config = new HikariConfig();
      config.setJdbcUrl(db);
      config.setMaximumPoolSize(8);
      return JdbcStore.owning(new HikariDataSource(config));
    }
    throw new IllegalArgumentException(
        "--db takes a JDBC URL (jdbc:h2:..., jdbc:postgresql://...) or datastore:PROJECT, not "
            + db);
  }
}
