package org.oauthdropins.store.memory;

import java.time.Clock;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.oauthdropins.store.AppRegistration;
import org.oauthdropins.store.AppRegistrations;

/** {@link MemoryStore}'s app registrations, one per site and instance. */
final class MemoryRegistrations implements AppRegistrations {

  /** The order of {@link #page}. */
  private static final Comparator<AppRegistration> ORDER =
      Comparator.comparing(AppRegistration::site)
          .thenComparing(AppRegistration::instance)
          .thenComparing(AppRegistration::clientId);

  private final Clock clock;
  private final Map<String, AppRegistration> apps = new ConcurrentHashMap<>();

  MemoryRegistrations(Clock clock) {
    this.clock = clock;
  }

  @Override
  public Optional<AppRegistration> get(String site, String instance) {
    return live(apps.get(site + " " + instance));
  }

  @Override
  public AppRegistration putIfAbsent(AppRegistration app) {
    Instant now = clock.instant();
    apps.values().removeIf(a -> a.isExpired(now));
    return apps.compute(
        app.site() + " " + app.instance(),
        (k, old) -> old == null || old.isExpired(now) ? app.withCreated(now) : old);
  }

  @Override
  public Optional<AppRegistration> replace(String expectedClientId, AppRegistration replacement) {
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
  public boolean delete(String site, String instance) {
    return apps.remove(site + " " + instance) != null;
  }

  @Override
  public List<AppRegistration> page(AppRegistration after, int limit) {
    return apps.values().stream()
        .filter(a -> after == null || ORDER.compare(a, after) > 0)
        .sorted(ORDER)
        .limit(limit)
        .toList();
  }
}
