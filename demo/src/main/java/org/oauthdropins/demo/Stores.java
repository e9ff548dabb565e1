package org.oauthdropins.demo;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.net.URI;
import java.nio.file.Path;
import org.oauthdropins.datastore.DatastoreStore;
import org.oauthdropins.keys.KeyRing;
import org.oauthdropins.keys.KeySource;
import org.oauthdropins.store.AuthStore;
import org.oauthdropins.store.jdbc.JdbcStore;

/**
 * Opens the store the demo's {@code --db} names, or the embedded one in {@code --data}, sealing
 * tokens under the ring of {@code OAUTH_DROPINS_KEYS} (or the file {@code oauth_dropins_keys}) if
 * set, else under a key file {@code oauth-dropins.keys} made beside the database: in {@code --data}
 * for the embedded store, in the H2 file's folder for a {@code jdbc:h2:} file URL, and in {@code
 * --data} for any other {@code --db} (PostgreSQL, Datastore). An in-memory H2 database lives no
 * longer than the JVM, and is sealed under a ring of the JVM's.
 */
final class Stores {

  private Stores() {}

  /**
   * @param db the store {@code --db} names, or null for the embedded database
   * @param data the embedded database's folder, and the key file's for another {@code --db}
   */
  static AuthStore open(String db, Path data) {
    if (db == null) {
      return JdbcStore.embedded(data);
    }
    if (db.startsWith("jdbc:h2:mem:")) {
      return JdbcStore.h2(db);
    }
    Path h2Folder = h2FileFolder(db);
    if (h2Folder != null) {
      return JdbcStore.h2(db, KeySource.embedded(h2Folder).keyRing());
    }
    if (db.startsWith("datastore://")) {
      // datastore://HOST:PORT/PROJECT: the emulator at that address.
      URI u = URI.create(db);
      String project = u.getPath() == null ? "" : u.getPath().replaceFirst("^/", "");
      if (u.getAuthority() == null || project.isEmpty()) {
        throw new IllegalArgumentException("--db datastore://HOST:PORT/PROJECT needs both parts");
      }
      return DatastoreStore.emulator(u.getAuthority(), project, ring(data));
    }
    if (db.startsWith("datastore:")) {
      // Honours DATASTORE_EMULATOR_HOST, else application default credentials.
      return DatastoreStore.connect(db.substring("datastore:".length()), ring(data));
    }
    if (db.startsWith("jdbc:h2:")) {
      // jdbc:h2:tcp:// and the like: the database's folder is on another machine.
      return JdbcStore.h2(db, ring(data));
    }
    if (db.startsWith("jdbc:")) {
      HikariConfig config = new HikariConfig();
      config.setJdbcUrl(db);
      config.setMaximumPoolSize(8);
      return JdbcStore.owning(new HikariDataSource(config), ring(data));
    }
    throw new IllegalArgumentException(
        "--db takes a JDBC URL (jdbc:h2:..., jdbc:postgresql://...) or datastore:PROJECT, not "
            + db);
  }

  /** The environment's ring, else the key file in {@code --data}. */
  private static KeyRing ring(Path data) {
    return KeySource.embedded(data).keyRing();
  }

  /**
   * The folder of an H2 file database ({@code jdbc:h2:/path/db}, {@code jdbc:h2:file:./db}), or
   * null for any other URL.
   */
  static Path h2FileFolder(String db) {
    if (!db.startsWith("jdbc:h2:")) {
      return null;
    }
    String rest = db.substring("jdbc:h2:".length());
    if (rest.startsWith("mem:")
        || rest.startsWith("tcp:")
        || rest.startsWith("ssl:")
        || rest.startsWith("zip:")) {
      return null;
    }
    if (rest.startsWith("file:")) {
      rest = rest.substring("file:".length());
    }
    int semicolon = rest.indexOf(';');
    String path = semicolon < 0 ? rest : rest.substring(0, semicolon);
    if (path.startsWith("~")) {
      path = System.getProperty("user.home") + path.substring(1);
    }
    return Path.of(path).toAbsolutePath().getParent();
  }
}
