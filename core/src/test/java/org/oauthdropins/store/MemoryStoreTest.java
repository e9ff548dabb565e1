package org.oauthdropins.store;

import java.time.Clock;

/** The contract against the in-memory store. */
class MemoryStoreTest extends AuthStoreContract {

  private MemoryStore shared;

  @Override
  protected AuthStore openStore(Clock clock) {
    // One store per class, like the other stores' shared backends.
    if (shared == null) {
      shared = new MemoryStore(clock);
    }
    return shared;
  }

  @Override
  protected Outage outage() {
    return null;
  }
}
