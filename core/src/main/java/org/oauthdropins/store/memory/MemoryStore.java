package org.oauthdropins.store.memory;

import java.time.Clock;
import org.oauthdropins.store.AppRegistrations;
import org.oauthdropins.store.AuthStore;
import org.oauthdropins.store.LoginStore;
import org.oauthdropins.store.PendingLogins;
import org.oauthdropins.store.RefreshLeases;

/** An in-memory store for tests and single-process experiments. Lost when the process ends. */
public final class MemoryStore implements AuthStore {

  private final LoginStore logins;
  private final PendingLogins pendingLogins;
  private final AppRegistrations registrations;
  private final RefreshLeases leases;

  /** An empty store on the system clock. */
  public MemoryStore() {
    this(Clock.systemUTC());
  }

  /** An empty store whose expiries follow this clock, for tests. */
  public MemoryStore(Clock clock) {
    this.logins = new MemoryLogins(clock);
    this.pendingLogins = new MemoryPendingLogins(clock);
    this.registrations = new MemoryRegistrations(clock);
    this.leases = new MemoryLeases(clock);
  }

  @Override
  public LoginStore logins() {
    return logins;
  }

  @Override
  public PendingLogins pendingLogins() {
    return pendingLogins;
  }

  @Override
  public AppRegistrations registrations() {
    return registrations;
  }

  @Override
  public RefreshLeases leases() {
    return leases;
  }
}
