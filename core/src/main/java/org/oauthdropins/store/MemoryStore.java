package org.oauthdropins.store;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.oauthdropins.Key;

/** An in-memory store for tests and single-process experiments. Lost when the process ends. */
public final class MemoryStore implements AuthStore {

  private final Clock clock;
  private final Map<Key, AuthRecord> entities = new ConcurrentHashMap<>();
  private final Map<String, PendingLogin> pending = new ConcurrentHashMap<>();
  private final Map<String, AppRegistration> apps = new ConcurrentHashMap<>();
  private final Map<Key, Lease> leases = new ConcurrentHashMap<>();

  private record Lease(String holder, Instant until) {}

  /** An empty store on the system clock. */
  public MemoryStore() {
    this(Clock.systemUTC());
  }

  /** An empty store whose expiries follow this clock, for tests. */
  public MemoryStore(Clock clock) {
    this.clock = clock;
  }

  @Override
  public Optional<AuthRecord> get(Key key) {
    return Optional.ofNullable(entities.get(key));
  }

  @Override
  public AuthRecord put(AuthRecord record) {
    Instant now = clock.instant();
    return entities.compute(
        record.key(), (k, old) -> record.withTimes(old == null ? now : old.created(), now));
  }

  @Override
  public boolean delete(Key key) {
    return entities.remove(key) != null;
  }

  @Override
  public boolean leaseRefresh(Key key, String holder, Duration ttl) {
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
  public void releaseRefresh(Key key, String holder) {
    leases.computeIfPresent(key, (k, old) -> old.holder().equals(holder) ? null : old);
  }

  @Override
  public Optional<AuthRecord> putIfTokensUnchanged(AuthRecord spent, AuthRecord fresh) {
    Instant now = clock.instant();
    AuthRecord[] written = new AuthRecord[1];
    entities.computeIfPresent(
        fresh.key(),
        (k, old) -> {
          if (!old.sameTokensAs(spent)) {
            return old;
          }
          written[0] = fresh.withTimes(old.created(), now);
          return written[0];
        });
    return Optional.ofNullable(written[0]);
  }

  @Override
  public synchronized void putPending(PendingLogin login) {
    pending.values().removeIf(p -> p.expiresAt().isBefore(clock.instant()));
    List<PendingLogin> same =
        pending.values().stream()
            .filter(p -> p.browserHash().equals(login.browserHash()))
            .sorted(Comparator.comparing(PendingLogin::expiresAt))
            .toList();
    for (int i = 0; i <= same.size() - PENDING_PER_BROWSER; i++) {
      pending.remove(same.get(i).id());
    }
    pending.put(login.id(), login);
  }

  @Override
  public Optional<PendingLogin> takePending(String id) {
    PendingLogin login = pending.remove(id);
    if (login == null || !clock.instant().isBefore(login.expiresAt())) {
      return Optional.empty();
    }
    return Optional.of(login);
  }

  @Override
  public Optional<AppRegistration> getApp(String site, String instance) {
    return live(apps.get(site + " " + instance));
  }

  @Override
  public AppRegistration putAppIfAbsent(AppRegistration app) {
    Instant now = clock.instant();
    apps.values().removeIf(a -> a.isExpired(now));
    return apps.compute(
        app.site() + " " + app.instance(),
        (k, old) -> old == null || old.isExpired(now) ? app.withCreated(now) : old);
  }

  @Override
  public Optional<AppRegistration> replaceApp(
      String expectedClientId, AppRegistration replacement) {
    Instant now = clock.instant();
    return live(
        apps.computeIfPresent(
            replacement.site() + " " + replacement.instance(),
            (k, old) ->
                !old.clientId().equals(expectedClientId)
                    ? old
                    : replacement.created() == null ? replacement.withCreated(now) : replacement));
  }

  private Optional<AppRegistration> live(AppRegistration app) {
    return Optional.ofNullable(app).filter(a -> !a.isExpired(clock.instant()));
  }

  @Override
  public boolean deleteApp(String site, String instance) {
    return apps.remove(site + " " + instance) != null;
  }
}
