package org.oauthdropins.store;

import java.time.Clock;

/** Opens H2 stores. Kept apart so that JdbcStore loads without H2 on the classpath. */
final class H2 {

  private H2() {}

  static JdbcStore open(String jdbcUrl) {
    try {
      Class.forName("org.h2.jdbcx.JdbcConnectionPool");
    } catch (ClassNotFoundException e) {
      throw new IllegalStateException(
          "the embedded store needs H2: add the dependency com.h2database:h2 to your app", e);
    }
    var pool = org.h2.jdbcx.JdbcConnectionPool.create(jdbcUrl, "sa", "");
    pool.setMaxConnections(16);
    return new JdbcStore(pool, Clock.systemUTC(), pool::dispose);
  }
}
