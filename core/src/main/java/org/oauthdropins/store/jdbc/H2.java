package org.oauthdropins.store.jdbc;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import org.oauthdropins.errors.StoreUnavailableException;
import org.oauthdropins.internal.seal.Sealing;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Opens H2 stores. Kept apart so that JdbcStore loads without H2 on the classpath. */
final class H2 {

  private static final Logger LOG = LoggerFactory.getLogger(H2.class);

  private H2() {}

  /**
   * H2 keeps the parsed form of a session's last 8 statements and parses any other again; one login
   * runs about 10 distinct ones (start, callback, the app's read), so with the default every
   * statement of a login was parsed again, a fifth of the library's own time per login (JFR on
   * {@code LoginBench}). A bigger cache makes each statement parsed once per connection.
   */
  static final String QUERY_CACHE = "QUERY_CACHE_SIZE=64";

  /** How long a store operation waits for the database to open, as long as for a connection. */
  static final Duration OPEN_WAIT = Duration.ofSeconds(30);

  /** The name of the embedded database's files in its folder: {@code oauth-dropins.mv.db}... */
  static final String NAME = "oauth-dropins";

  static JdbcStore open(String jdbcUrl, Sealing sealing) {
    return open(jdbcUrl, sealing, () -> {}, () -> {});
  }

  /**
   * The embedded database in {@code directory}, which is made (or kept) its owner's alone before H2
   * opens it, and the files H2 made while opening it too (see {@link OwnerOnlyFolder}).
   */
  static JdbcStore openIn(Path directory, Sealing sealing) {
    Path dir = directory.toAbsolutePath();
    return open(
        "jdbc:h2:" + dir.resolve(NAME),
        sealing,
        () -> OwnerOnlyFolder.prepare(dir, NAME),
        () -> OwnerOnlyFolder.tightenFiles(dir, NAME));
  }

  /** What is done to the database's files around opening it. */
  @FunctionalInterface
  private interface FileStep {
    void run() throws IOException;
  }

  private static JdbcStore open(String jdbcUrl, Sealing sealing, FileStep before, FileStep after) {
    try {
      Class.forName("org.h2.jdbcx.JdbcDataSource");
    } catch (ClassNotFoundException e) {
      throw new IllegalStateException(
          "the embedded store needs H2: add the dependency com.h2database:h2 to your app", e);
    }
    H2Pool pool = new H2Pool(tuned(jdbcUrl));
    // Opened in the background so that an app's start-up does not wait for H2 (see
    // OpenedInBackground); creating a store over the pool runs the schema's DDL. The files' modes
    // are set on that thread too, before H2 makes any file and after it made its first ones.
    OpenedInBackground opening =
        new OpenedInBackground(
            pool,
            pool,
            () -> {
              files(before);
              createSchema(pool);
              files(after);
              warm(sealing);
            },
            OPEN_WAIT);
    return JdbcStore.openedInBackground(opening, sealing);
  }

  /** A step on the database's files; a failure keeps the store from opening, logged here. */
  private static void files(FileStep step) {
    try {
      step.run();
    } catch (IOException e) {
      LOG.error("credential store failed: its folder could not be prepared: {}", e.toString());
      throw new StoreUnavailableException(Database.UNAVAILABLE, e);
    }
  }

  /**
   * Reads the key ring (the embedded key file) while the database opens, so that the first request
   * does not; a ring that cannot be read fails the store's calls instead, logged by {@link
   * Sealing#ring()}.
   */
  private static void warm(Sealing sealing) {
    try {
      sealing.ring();
    } catch (StoreUnavailableException e) {
      // each store call reports it
    }
  }

  /**
   * One store's DDL at a time in this JVM: two stores on one database (servers of a fleet in one
   * test, say) that ran it at once made H2 fail one of them with a concurrent update of its system
   * table (error 90131), where opening them one after the other had run it in turn.
   */
  private static synchronized void createSchema(H2Pool pool) {
    JdbcStore.createSchema(pool);
  }

  /**
   * H2's own trace file off: H2 writes a failing statement's text into it, and makes it with the
   * process's umask beside the owner-only database files (a demo test found it readable by all
   * after a lock timeout under load). The store logs its failures itself, scrubbed of values.
   */
  static final String NO_TRACE_FILE = "TRACE_LEVEL_FILE=0";

  /** The URL with {@link #QUERY_CACHE} and {@link #NO_TRACE_FILE}, unless it sets them itself. */
  static String tuned(String jdbcUrl) {
    String upper = jdbcUrl.toUpperCase(Locale.ROOT);
    String url = jdbcUrl;
    if (!upper.contains(";QUERY_CACHE_SIZE=")) {
      url += ";" + QUERY_CACHE;
    }
    if (!upper.contains(";TRACE_LEVEL_FILE=")) {
      url += ";" + NO_TRACE_FILE;
    }
    return url;
  }
}
