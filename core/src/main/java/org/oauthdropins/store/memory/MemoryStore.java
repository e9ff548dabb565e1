package org.oauthdropins.store.memory;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.oauthdropins.internal.seal.Sealed;
import org.oauthdropins.internal.seal.Sealing;
import org.oauthdropins.keys.KeyRing;
import org.oauthdropins.keys.ResealReport;
import org.oauthdropins.store.AppRegistrations;
import org.oauthdropins.store.AuthStore;
import org.oauthdropins.store.LoginStore;
import org.oauthdropins.store.PendingLogins;
import org.oauthdropins.store.RefreshLeases;

/**
 * An in-memory store for tests and single-process experiments. Lost when the process ends. It seals
 * what it holds as the other stores do, so that tests run the sealing path too.
 */
public final class MemoryStore implements AuthStore {

  private final MemoryLogins rawLogins;
  private final MemoryPendingLogins rawPending;
  private final MemoryRegistrations rawRegistrations;
  private final Sealed sealed;
  private final MemoryLeases leases;

  /** An empty store on the system clock, sealing under a new random key ring of its own. */
  public MemoryStore() {
    this(Clock.systemUTC());
  }

  /** An empty store whose expiries follow this clock, for tests; with a random key ring. */
  public MemoryStore(Clock clock) {
    this(clock, KeyRing.generate());
  }

  /** An empty store sealing under this key ring. */
  public MemoryStore(KeyRing keyRing) {
    this(Clock.systemUTC(), keyRing);
  }

  /** An empty store on this clock, sealing under this key ring. */
  public MemoryStore(Clock clock, KeyRing keyRing) {
    this(
        new MemoryLogins(clock),
        new MemoryPendingLogins(clock),
        new MemoryRegistrations(clock),
        new MemoryLeases(clock),
        Sealing.of(keyRing));
  }

  private MemoryStore(
      MemoryLogins logins,
      MemoryPendingLogins pending,
      MemoryRegistrations registrations,
      MemoryLeases leases,
      Sealing sealing) {
    this.rawLogins = logins;
    this.rawPending = pending;
    this.rawRegistrations = registrations;
    this.leases = leases;
    this.sealed = new Sealed(logins, pending, registrations, sealing);
  }

  /**
   * The same data under another key ring, as a restarted process with a rotated ring would see it
   * (in memory, there is no restart).
   */
  MemoryStore withKeys(KeyRing keyRing) {
    return new MemoryStore(rawLogins, rawPending, rawRegistrations, leases, Sealing.of(keyRing));
  }

  /** The same data as it is held, sealed values and all: what the tests look at. */
  AuthStore unsealed() {
    return new AuthStore() {
      @Override
      public LoginStore logins() {
        return rawLogins;
      }

      @Override
      public PendingLogins pendingLogins() {
        return rawPending;
      }

      @Override
      public AppRegistrations registrations() {
        return rawRegistrations;
      }

      @Override
      public RefreshLeases leases() {
        return leases;
      }
    };
  }

  /** Every value held, as it is held, for the tests that look for secrets in it. */
  List<Object> held() {
    List<Object> all = new ArrayList<>();
    all.addAll(rawLogins.page(null, Integer.MAX_VALUE));
    all.addAll(rawRegistrations.page(null, Integer.MAX_VALUE));
    all.addAll(rawPending.all());
    return all;
  }

  @Override
  public LoginStore logins() {
    return sealed.logins();
  }

  @Override
  public PendingLogins pendingLogins() {
    return sealed.pendingLogins();
  }

  @Override
  public AppRegistrations registrations() {
    return sealed.registrations();
  }

  @Override
  public RefreshLeases leases() {
    return leases;
  }

  @Override
  public Optional<KeyRing> keyRing() {
    return Optional.of(sealed.keyRing());
  }

  @Override
  public void checkKeys() {
    sealed.checkKeys();
  }

  @Override
  public ResealReport reseal() {
    return sealed.reseal();
  }
}
