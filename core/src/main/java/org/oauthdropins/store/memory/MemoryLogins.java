package org.oauthdropins.store.memory;

import java.time.Clock;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;
import org.oauthdropins.store.AuthRecord;
import org.oauthdropins.store.Key;
import org.oauthdropins.store.LoginStore;

/** {@link MemoryStore}'s logins: a map whose atomic compute is the compare-and-set. */
final class MemoryLogins implements LoginStore {

  /** The order of {@link #page}. */
  static final Comparator<Key> ORDER = Comparator.comparing(Key::kind).thenComparing(Key::id);

  private final Clock clock;
  private final Map<Key, AuthRecord> entities = new ConcurrentHashMap<>();

  /** Spent states until they expire (see {@link #putSpendingState}). */
  private final Map<String, Instant> spent = new ConcurrentHashMap<>();

  /** When spent states were last swept: at most once a second, not on every callback. */
  private final AtomicReference<Instant> swept = new AtomicReference<>(Instant.MIN);

  MemoryLogins(Clock clock) {
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
  public Optional<AuthRecord> putSpendingState(AuthRecord record, String state, Instant until) {
    // No step between the two can fail, so the pair is as good as one: a reader may see the state
    // spent a moment before the login is there, never the login without the state spent.
    return spendState(state, until) ? Optional.of(put(record)) : Optional.empty();
  }

  @Override
  public boolean spendState(String state, Instant until) {
    Instant now = clock.instant();
    Instant last = swept.get();
    if (!now.isBefore(last.plusSeconds(1)) && swept.compareAndSet(last, now)) {
      spent.values().removeIf(t -> !now.isBefore(t));
    }
    boolean[] first = {false};
    spent.compute(
        state,
        (k, old) -> {
          if (old != null && now.isBefore(old)) {
            return old;
          }
          first[0] = true;
          return until;
        });
    return first[0];
  }

  @Override
  public boolean delete(Key key) {
    return entities.remove(key) != null;
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
  public List<AuthRecord> page(Key after, int limit) {
    return entities.values().stream()
        .filter(r -> after == null || ORDER.compare(r.key(), after) > 0)
        .sorted(Comparator.comparing(AuthRecord::key, ORDER))
        .limit(limit)
        .toList();
  }
}
