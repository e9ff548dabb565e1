package org.oauthdropins.store;

import java.time.Clock;
import java.time.Instant;
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

  public MemoryStore() {
    this(Clock.systemUTC());
  }

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
  public void putPending(PendingLogin login) {
    pending.values().removeIf(p -> p.expiresAt().isBefore(clock.instant()));
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
