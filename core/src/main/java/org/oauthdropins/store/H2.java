package org.oauthdropins.store;

import java.time.Clock;
import java.time.Duration;
import java.util.Locale;

/** Opens H2 stores. Kept apart so that JdbcStore loads without H2 on the classpath. */
final class H2 {

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

  static JdbcStore open(String jdbcUrl) {
    try {
      Class.forName("org.h2.jdbcx.JdbcDataSource");
    } catch (ClassNotFoundException e) {
      throw new IllegalStateException(
          "the embedded store needs H2: add the dependency com.h2database:h2 to your app", e);
    }
    H2Pool pool = new H2Pool(tuned(jdbcUrl));
    // Opened in the background so that an app's start-up does not wait for H2 (see
    // OpenedInBackground); creating a store over the pool runs the schema's DDL.
    OpenedInBackground opening =
        new OpenedInBackground(pool, pool, () -> createSchema(pool), OPEN_WAIT);
    return JdbcStore.openedInBackground(opening);
  }

  /**
   * One store's DDL at a time in this JVM: two stores on one database (servers of a fleet in one
   * test, say) that ran it at once made H2 fail one of them with a concurrent update of its system
   * table (error 90131), where opening them one after the other had run it in turn.
   */
  private static synchronized void createSchema(H2Pool pool) {
    new JdbcStore(pool, Clock.systemUTC(), () -> {});
  }

  /** The URL with {@link #QUERY_CACHE}, unless it sets a cache size itself. */
  static String tuned(String jdbcUrl) {
    return jdbcUrl.toUpperCase(Locale.ROOT).contains(";QUERY_CACHE_SIZE=")
        ? jdbcUrl
        : jdbcUrl + ";" + QUERY_CACHE;
  }
}
