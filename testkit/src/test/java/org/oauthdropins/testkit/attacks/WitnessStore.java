package org.oauthdropins.testkit.attacks;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.oauthdropins.store.AuthRecord;
import org.oauthdropins.store.PendingLogin;
import org.oauthdropins.store.memory.MemoryStore;
import org.oauthdropins.testkit.ForwardingStore;

/**
 * A memory store that remembers every write and every pending login taken, so that an attack test
 * can prove a refused request stored nothing and consumed nothing.
 */
final class WitnessStore extends ForwardingStore {

  final List<PendingLogin> pendingPut = new CopyOnWriteArrayList<>();
  final List<String> pendingTaken = new CopyOnWriteArrayList<>();
  final List<AuthRecord> put = new CopyOnWriteArrayList<>();

  WitnessStore(Clock clock) {
    super(new MemoryStore(clock));
  }

  /** How many writes of any kind, and takes of pending logins, it has seen. */
  int touches() {
    return pendingPut.size() + pendingTaken.size() + put.size() + spent.size();
  }

  /**
   * States spent without a login (a declined or failed callback whose pending login was sealed).
   */
  final List<String> spent = new CopyOnWriteArrayList<>();

  @Override
  public Optional<AuthRecord> putSpendingState(AuthRecord record, String state, Instant until) {
    Optional<AuthRecord> written = super.putSpendingState(record, state, until);
    written.ifPresent(put::add);
    return written;
  }

  @Override
  public boolean spendState(String state, Instant until) {
    spent.add(state);
    return super.spendState(state, until);
  }

  @Override
  public AuthRecord put(AuthRecord record) {
    put.add(record);
    return super.put(record);
  }

  @Override
  public void putPending(PendingLogin login) {
    pendingPut.add(login);
    super.putPending(login);
  }

  @Override
  public Optional<PendingLogin> takePending(String id) {
    Optional<PendingLogin> taken = super.takePending(id);
    if (taken.isPresent()) {
      pendingTaken.add(id);
    }
    return taken;
  }
}
