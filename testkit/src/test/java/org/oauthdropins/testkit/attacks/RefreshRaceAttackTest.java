package org.oauthdropins.testkit.attacks;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.oauthdropins.internal.secrets.Secrets;
import org.oauthdropins.store.AuthStore;
import org.oauthdropins.store.jdbc.JdbcStore;
import org.oauthdropins.store.memory.MemoryStore;
import org.oauthdropins.testkit.RefreshRace;

/**
 * Refresh races (issue 14, finding 4): with rotating single-use refresh tokens, two refreshes of
 * one login that both spend the same refresh token make the second fail with {@code invalid_grant},
 * and a server with replay detection (RFC 9700 §4.14.2) then revokes the whole grant, logging the
 * user out everywhere. The fake X here revokes on reuse. PostgreSQL and Datastore fleets race in
 * the datastore module's {@code FleetRefreshTest}.
 */
class RefreshRaceAttackTest {

  private static final int ROUNDS = 3;

  @Test
  void twoLoadsOfOneLoginInOneServerSpendTheRefreshTokenOnce() throws Exception {
    MemoryStore store = new MemoryStore();
    for (int round = 0; round < ROUNDS; round++) {
      assertOneRefreshAndEveryoneWins(RefreshRace.run(List.of(store, store)));
    }
  }

  @Test
  void manyThreadsOfOneServerSpendTheRefreshTokenOnce() throws Exception {
    MemoryStore store = new MemoryStore();
    assertOneRefreshAndEveryoneWins(RefreshRace.run(Collections.nCopies(8, store)));
  }

  @Test
  void twoServersOnOneDatabaseSpendTheRefreshTokenOnce() throws Exception {
    String url = "jdbc:h2:mem:race-" + Secrets.random(6) + ";DB_CLOSE_DELAY=-1";
    List<AuthStore> servers = new ArrayList<>();
    try {
      for (int i = 0; i < 2; i++) {
        servers.add(JdbcStore.h2(url));
      }
      for (int round = 0; round < ROUNDS; round++) {
        assertOneRefreshAndEveryoneWins(RefreshRace.run(servers));
      }
    } finally {
      servers.forEach(AuthStore::close);
    }
  }

  static void assertOneRefreshAndEveryoneWins(RefreshRace.Outcome race) {
    assertThat(race.broken()).as("rules of a safe refresh that the race broke").isEmpty();
  }
}
