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

  private record Lease(String holder, Instant until) {}

  MemoryLeases(Clock clock) {
    this.clock = clock;
  }

  @Override
  public boolean lease(Key key, String holder, Duration ttl) {
    Instant now = clock.instant();
    Lease mine = new Lease(holder, now.plus(ttl));
    Lease after =
        leases.compute(
            key,
            (k, old) ->
                old == null || old.holder().equals(holder) || !now.isBefore(old.until())
                    ? mine
                    : old);
    return after == mine;
  }

  @Override
  public void release(Key key, String holder) {
    leases.computeIfPresent(key, (k, old) -> old.holder().equals(holder) ? null : old);
  }
}
