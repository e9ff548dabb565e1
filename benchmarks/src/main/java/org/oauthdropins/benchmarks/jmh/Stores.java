package org.oauthdropins.benchmarks.jmh;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.file.Files;
import org.oauthdropins.store.AuthStore;
import org.oauthdropins.store.jdbc.JdbcStore;
import org.oauthdropins.store.memory.MemoryStore;

/** The stores the micro benchmarks run on, by name: memory, h2 (the embedded default), postgres. */
final class Stores {

  private Stores() {}

  /** A store and what must be closed with it. */
  // close() may throw InterruptedException (it stops a server); callers handle Exception.
  @SuppressWarnings("try")
  record Open(AuthStore store, AutoCloseable server) implements AutoCloseable {
    @Override
    public void close() throws Exception {
      store.close();
      if (server != null) {
        server.close();
      }
    }
  }

  static Open open(String name) throws IOException {
    return switch (name) {
      case "memory" -> new Open(new MemoryStore(), null);
      case "h2" -> new Open(JdbcStore.embedded(Files.createTempDirectory("bench-h2")), null);
      case "postgres" -> {
        EmbeddedPostgres pg = EmbeddedPostgres.builder().start();
        com.zaxxer.hikari.HikariConfig config = new com.zaxxer.hikari.HikariConfig();
        config.setDataSource(pg.getPostgresDatabase());
        config.setMaximumPoolSize(4);
        yield new Open(
            JdbcStore.owning(
                new com.zaxxer.hikari.HikariDataSource(config),
                org.oauthdropins.keys.KeyRing.generate()),
            pg);
      }
      default -> throw new IllegalArgumentException("no store " + name);
    };
  }
}
