package org.oauthdropins.store.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLTimeoutException;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The embedded store's pool hands out H2's connections themselves, and only clean ones. */
class H2PoolTest {

  private static String url(String name) {
    return "jdbc:h2:mem:" + name + "-" + System.nanoTime() + ";DB_CLOSE_DELAY=0";
  }

  @Test
  void aConnectionGivenBackCleanIsHandedOutAgainWithItsParsedStatements() throws SQLException {
    H2Pool pool = new H2Pool(url("reuse"));
    Connection first = pool.take();
    pool.give(first, false);
    Connection second = pool.take();
    assertThat(second).isSameAs(first);
    assertThat(second.getAutoCommit()).isTrue();
    pool.give(second, false);
    pool.close();
  }

  @Test
  void aConnectionFromAFailedOperationIsClosedNotReused() throws SQLException {
    H2Pool pool = new H2Pool(url("failed"));
    Connection keep = pool.take(); // keeps the in-memory database open
    Connection failed = pool.take();
    pool.give(failed, true);
    assertThat(failed.isClosed()).isTrue();
    Connection next = pool.take();
    assertThat(next).isNotSameAs(failed);
    pool.give(next, false);
    pool.give(keep, false);
    pool.close();
  }

  @Test
  void aConnectionLeftInATransactionIsClosedSoItsChangesRollBack() throws SQLException {
    H2Pool pool = new H2Pool(url("tx"));
    Connection keep = pool.take();
    try (var s = keep.createStatement()) {
      s.execute("CREATE TABLE t (x INT)");
    }
    Connection c = pool.take();
    c.setAutoCommit(false);
    try (var s = c.createStatement()) {
      s.execute("INSERT INTO t VALUES (1)");
    }
    pool.give(c, false);
    assertThat(c.isClosed()).isTrue();
    try (var s = keep.createStatement();
        var r = s.executeQuery("SELECT COUNT(*) FROM t")) {
      r.next();
      assertThat(r.getInt(1)).isZero();
    }
    pool.give(keep, false);
    pool.close();
  }

  @Test
  void noMoreThanTheMaximumAreOutAtOnceAndTheNextWaitsThenFails() throws SQLException {
    H2Pool pool = new H2Pool(url("max"), 2, Duration.ofMillis(200));
    Connection a = pool.take();
    Connection b = pool.take();
    assertThatThrownBy(pool::take).isInstanceOf(SQLTimeoutException.class);
    pool.give(a, false);
    Connection c = pool.take(); // a's permit came back
    pool.give(b, false);
    pool.give(c, false);
    pool.close();
  }

  @Test
  void closingClosesTheIdleConnectionsAndRefusesNewOperations() throws SQLException {
    H2Pool pool = new H2Pool(url("close"));
    Connection c = pool.take();
    pool.give(c, false);
    pool.close();
    assertThat(c.isClosed()).isTrue();
    assertThatThrownBy(pool::take).isInstanceOf(SQLException.class);
  }

  @Test
  void theEmbeddedUrlGetsABiggerStatementCacheAndNoTraceFileUnlessItSetsThem() {
    assertThat(H2.tuned("jdbc:h2:/tmp/x"))
        .isEqualTo("jdbc:h2:/tmp/x;" + H2.QUERY_CACHE + ";" + H2.NO_TRACE_FILE);
    assertThat(H2.tuned("jdbc:h2:mem:x;query_cache_size=4;TRACE_LEVEL_FILE=1"))
        .isEqualTo("jdbc:h2:mem:x;query_cache_size=4;TRACE_LEVEL_FILE=1");
  }
}
