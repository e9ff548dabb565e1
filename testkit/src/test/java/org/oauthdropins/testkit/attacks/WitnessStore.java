package org.oauthdropins.testkit.attacks;

import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.oauthdropins.Key;
import org.oauthdropins.store.AppRegistration;
import org.oauthdropins.store.AuthRecord;
import org.oauthdropins.store.AuthStore;
import org.oauthdropins.store.MemoryStore;
import org.oauthdropins.store.PendingLogin;

/**
 * A memory store that remembers every write and every pending login taken, so that an attack test
 * can prove a refused request stored nothing and consumed nothing.
 */
final class WitnessStore implements AuthStore {

  private final MemoryStore store;
  final List<PendingLogin> pendingPut = new CopyOnWriteArrayList<>();
  final List<String> pendingTaken = new CopyOnWriteArrayList<>();
  final List<AuthRecord> put = new CopyOnWriteArrayList<>();

  WitnessStore(Clock clock) {
    this.store = new MemoryStore(clock);
  }

  /** How many writes of any kind, and takes of pending logins, it has seen. */
  int touches() {
    return pendingPut.size() + pendingTaken.size() + put.size();
  }

  @Override
  public Optional<AuthRecord> get(Key key) {
    return store.get(key);
  }

  @Override
  public AuthRecord put(AuthRecord record) {
    put.add(record);
    return store.put(record);
  }

  @Override
  public boolean delete(Key key) {
    return store.delete(key);
  }

  @Override
  public void putPending(PendingLogin login) {
    pendingPut.add(login);
    store.putPending(login);
  }

  @Override
  public Optional<PendingLogin> takePending(String id) {
    Optional<PendingLogin> taken = store.takePending(id);
    if (taken.isPresent()) {
      pendingTaken.add(id);
    }
    return taken;
  }

  @Override
  public Optional<AppRegistration> getApp(String site, String instance) {
    return store.getApp(site, instance);
  }

  @Override
  public AppRegistration putAppIfAbsent(AppRegistration app) {
    return store.putAppIfAbsent(app);
  }

  @Override
  public boolean deleteApp(String site, String instance) {
    return store.deleteApp(site, instance);
  }
}
