package org.oauthdropins.store.memory;

import java.time.Clock;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.oauthdropins.store.PendingLogin;
import org.oauthdropins.store.PendingLogins;

/** {@link MemoryStore}'s pending logins: a map whose remove is the atomic take. */
final class MemoryPendingLogins implements PendingLogins {

  private final Clock clock;
  private final Map<String, PendingLogin> pending = new ConcurrentHashMap<>();

  MemoryPendingLogins(Clock clock) {
    this.clock = clock;
  }

  @Override
  public synchronized void put(PendingLogin login) {
    pending.values().removeIf(p -> p.expiresAt().isBefore(clock.instant()));
    List<PendingLogin> same =
        pending.values().stream()
            .filter(p -> p.browserHash().equals(login.browserHash()))
            .sorted(Comparator.comparing(PendingLogin::expiresAt))
            .toList();
    for (int i = 0; i <= same.size() - PER_BROWSER; i++) {
      pending.remove(same.get(i).id());
    }
    pending.put(login.id(), login);
  }

  @Override
  public Optional<PendingLogin> take(String id) {
    PendingLogin login = pending.remove(id);
    if (login == null || !clock.instant().isBefore(login.expiresAt())) {
      return Optional.empty();
    }
    return Optional.of(login);
  }

  /** Every pending login held, for the tests that look at what the store holds. */
  List<PendingLogin> all() {
    return List.copyOf(pending.values());
  }
}
