package org.oauthdropins.store.memory;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.oauthdropins.store.Key;
import org.oauthdropins.store.RefreshLeases;

/** {@link MemoryStore}'s refresh leases: a map whose atomic compute decides each claim. */
final class MemoryLeases implements RefreshLeases {

  private final Clock clock;
  private final Map<Key, Lease> leases = new ConcurrentHashMap<>();

  /**
   * A holder's lease, and the token its holder or a holder before it recorded spending, or null.
   */
  private record Lease(String holder, Instant until, String spending) {}

  MemoryLeases(Clock clock) {
    this.clock = clock;
  }

  @Override
  public boolean lease(Key key, String holder, Duration ttl) {
    Instant now = clock.instant();
    Lease after =
        leases.compute(
            key,
            (k, old) -> {
              if (old == null) {
                return new Lease(holder, now.plus(ttl), null);
              }
              // Taken over or extended, the record of spending stays.
              return old.holder().equals(holder) || !now.isBefore(old.until())
                  ? new Lease(holder, now.plus(ttl), old.spending())
                  : old;
            });
    return after.holder().equals(holder);
  }

  @Override
  public boolean startSpending(Key key, String holder, String token) {
    boolean[] started = {false};
    leases.computeIfPresent(
        key,
        (k, old) -> {
          started[0] = old.holder().equals(holder) && !token.equals(old.spending());
          return started[0] ? new Lease(holder, old.until(), token) : old;
        });
    return started[0];
  }

  @Override
  public void release(Key key, String holder) {
    leases.computeIfPresent(key, (k, old) -> old.holder().equals(holder) ? null : old);
  }
}
