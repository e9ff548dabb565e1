package org.oauthdropins.store.jdbc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.oauthdropins.errors.StoreUnavailableException;
import org.oauthdropins.internal.seal.Sealing;
import org.oauthdropins.keys.KeyRing;
import org.oauthdropins.store.AuthRecord;
import org.oauthdropins.store.Key;

/** The embedded store opens in the background: start-up does not wait, store calls do. */
class EmbeddedOpeningTest {

  @TempDir Path dir;

  @Test
  void aStoreCallWaitsUntilTheDatabaseIsOpen() throws Exception {
    CountDownLatch release = new CountDownLatch(1);
    H2Pool pool = new H2Pool(H2.tuned("jdbc:h2:" + dir.resolve("slow")));
    OpenedInBackground opening =
        new OpenedInBackground(
            pool,
            pool,
            () -> {
              await(release);
              JdbcStore.createSchema(pool);
            },
            Duration.ofSeconds(30));
    // Constructing the store returned while the database is still opening.
    try (JdbcStore store = JdbcStore.openedInBackground(opening, Sealing.of(KeyRing.generate()))) {
      CompletableFuture<Optional<AuthRecord>> call =
          CompletableFuture.supplyAsync(() -> store.get(new Key("github", "nobody")));
      Thread.sleep(200);
      assertFalse(call.isDone(), "the call waits while the database opens");
      release.countDown();
      assertTrue(call.get(30, TimeUnit.SECONDS).isEmpty());
    }
  }

  @Test
  void aDatabaseThatCannotOpenIsLoggedAtOnceAndFailsEveryCall() throws Exception {
    // A directory that is a file: H2 cannot create its database there.
    Path file = Files.writeString(dir.resolve("not-a-directory"), "x");
    // The build sends every test's log to this file (the root POM's surefire configuration).
    Path log = Path.of(System.getProperty("org.slf4j.simpleLogger.logFile"));
    long before = Files.size(log);
    JdbcStore store = JdbcStore.embedded(file);
    Instant deadline = Instant.now().plusSeconds(30);
    while (!logSince(log, before).contains("credential store failed")
        && Instant.now().isBefore(deadline)) {
      Thread.sleep(10);
    }
    assertTrue(
        logSince(log, before).contains("credential store failed"),
        "the failure is logged before any store call");
    for (int i = 0; i < 2; i++) {
      StoreUnavailableException e =
          assertThrows(
              StoreUnavailableException.class, () -> store.get(new Key("github", "nobody")));
      assertEquals(Database.UNAVAILABLE, e.getMessage());
    }
    store.close();
  }

  private static String logSince(Path log, long offset) throws IOException {
    byte[] all = Files.readAllBytes(log);
    return new String(all, (int) offset, all.length - (int) offset, StandardCharsets.UTF_8);
  }

  private static void await(CountDownLatch latch) {
    try {
      latch.await(30, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
