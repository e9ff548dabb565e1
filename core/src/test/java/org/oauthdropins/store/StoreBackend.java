package org.oauthdropins.store;

import java.time.Clock;

/**
 * One store implementation as the contracts run it: a backend started once per test class (a
 * database, the Datastore emulator), on which each test opens a store.
 */
public interface StoreBackend {

  /** A store on the shared backend that reads the time from {@code clock}. */
  AuthStore open(Clock clock);

  /**
   * A store that works until its backend is taken down, or null where there is no backend to lose
   * (the in-memory store); the down-store tests are then skipped with a message.
   */
  Outage outage(Clock clock) throws Exception;

  /** An empty backend of the test's own (see {@link Scratch}). */
  Scratch scratch() throws Exception;
}
