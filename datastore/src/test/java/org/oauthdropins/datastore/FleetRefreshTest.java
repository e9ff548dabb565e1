package org.oauthdropins.datastore;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.oauthdropins.store.AuthStore;
import org.oauthdropins.store.TestPostgres;
import org.oauthdropins.store.jdbc.JdbcStore;
import org.oauthdropins.testkit.RefreshRace;

/**
 * Two app servers, one store, one expired login refreshed by both at the same moment against a
 * provider that rotates refresh tokens and revokes the grant when one is spent twice (RFC 9700
 * §4.14.2): both calls succeed, one refresh reaches the provider, and the login stays alive. The
 * in-memory and H2 races are in the testkit's {@code RefreshRaceAttackTest}.
 */
class FleetRefreshTest {

  private static final int ROUNDS = 3;

  @Test
  void twoServersOnOnePostgresSpendTheRefreshTokenOnce() throws Exception {
    race(() -> new JdbcStore(TestPostgres.dataSource()));
  }

  @Test
  void twoServersOnOneDatastoreSpendTheRefreshTokenOnce() throws Exception {
    String host = Emulator.get().hostPort();
    race(() -> DatastoreStore.emulator(host, Emulator.PROJECT));
  }

  @Test
  void twoServersOnOneDatastoreSealingThePythonKindsTooSpendTheRefreshTokenOnce() throws Exception {
    String host = Emulator.get().hostPort();
    race(() -> DatastoreStore.emulator(host, Emulator.PROJECT).sealingPythonKinds());
  }

  /** Each server opens its own connection to the shared store, as separate processes would. */
  private static void race(Supplier<AuthStore> connect) throws Exception {
    List<AuthStore> servers = new ArrayList<>();
    try {
      servers.add(connect.get());
      servers.add(connect.get());
      for (int round = 0; round < ROUNDS; round++) {
        assertThat(RefreshRace.run(servers).broken())
            .as("rules of a safe refresh broken in round %d", round)
            .isEmpty();
      }
    } finally {
      servers.forEach(AuthStore::close);
    }
  }
}
