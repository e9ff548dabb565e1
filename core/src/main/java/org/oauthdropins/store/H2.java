package org.oauthdropins.store;

import java.time.Clock;
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

  static JdbcStore open(String jdbcUrl) {
    try {
      Class.forName("org.h2.jdbcx.JdbcDataSource");
    } catch (ClassNotFoundException e) {
      throw new IllegalStateException(
          "the embedded store needs H2: add the dependency com.h2database:h2 to your app", e);
    }
    H2Pool pool = new H2Pool(tuned(jdbcUrl));
    return new JdbcStore(pool, Clock.systemUTC(), pool);
  }

  /** The URL with {@link #QUERY_CACHE}, unless it sets a cache size itself. */
  static String tuned(String jdbcUrl) {
    return jdbcUrl.toUpperCase(Locale.ROOT).contains(";QUERY_CACHE_SIZE=")
        ? jdbcUrl
        : jdbcUrl + ";" + QUERY_CACHE;
  }
}
