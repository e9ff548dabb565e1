package org.oauthdropins.internal.seal;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import org.oauthdropins.errors.StoreUnavailableException;
import org.oauthdropins.keys.KeyRing;
import org.oauthdropins.keys.ResealReport;
import org.oauthdropins.store.AppRegistration;
import org.oauthdropins.store.AppRegistrations;
import org.oauthdropins.store.AuthRecord;
import org.oauthdropins.store.Key;
import org.oauthdropins.store.LoginStore;
import org.oauthdropins.store.PendingLogins;

/**
 * A store's concerns sealed at rest: the three decorators and the key check over the store's raw
 * concerns, and the re-sealer, so that a store facade ({@code MemoryStore}, {@code JdbcStore}, the
 * Datastore store) hands these out and answers {@code keyRing()}, {@code checkKeys()} and {@code
 * reseal()} from here. Public for the stores of other modules.
 */
public final class Sealed {

  /** Rows per page while re-sealing. */
  private static final int PAGE = 100;

  private static final int TRIES = 10;

  private final LoginStore rawLogins;
  private final AppRegistrations rawRegistrations;
  private final Sealing sealing;
  private final KeyCheck check;
  private final SealedLogins logins;
  private final SealedPendingLogins pendingLogins;
  private final SealedRegistrations registrations;

  /**
   * @param logins the store's own logins
   * @param pendingLogins the store's own pending logins
   * @param registrations the store's own registrations, which also keep the key check's record
   * @param sealing the ring and which sites are sealed
   */
  public Sealed(
      LoginStore logins,
      PendingLogins pendingLogins,
      AppRegistrations registrations,
      Sealing sealing) {
    this.rawLogins = logins;
    this.rawRegistrations = registrations;
    this.sealing = sealing;
    this.check = new KeyCheck(registrations, sealing);
    this.logins = new SealedLogins(logins, sealing, check);
    this.pendingLogins = new SealedPendingLogins(pendingLogins, sealing, check);
    this.registrations = new SealedRegistrations(registrations, sealing, check);
  }

  /** The sealed logins. */
  public LoginStore logins() {
    return logins;
  }

  /** The sealed pending logins. */
  public PendingLogins pendingLogins() {
    return pendingLogins;
  }

  /** The sealed registrations. */
  public AppRegistrations registrations() {
    return registrations;
  }

  /** The ring. */
  public KeyRing keyRing() {
    return sealing.ring();
  }

  /** The key check, as {@code AuthStore.checkKeys()}. */
  public void checkKeys() {
    check.ensure();
  }

  /**
   * Re-seals every login and registration under the ring's first key, as {@code
   * AuthStore.reseal()}.
   */
  public ResealReport reseal() {
    check.run(true);
    Count count = new Count();
    Key after = null;
    for (List<AuthRecord> page = rawLogins.page(null, PAGE);
        !page.isEmpty();
        page = rawLogins.page(after, PAGE)) {
      for (AuthRecord row : page) {
        after = row.key();
        resealLogin(row, count);
      }
      if (page.size() < PAGE) {
        break;
      }
    }
    AppRegistration last = null;
    for (List<AppRegistration> page = rawRegistrations.page(null, PAGE);
        !page.isEmpty();
        page = rawRegistrations.page(last, PAGE)) {
      for (AppRegistration row : page) {
        last = row;
        if (!KeyCheck.isRecord(row)) {
          resealRegistration(row, count);
        }
      }
      if (page.size() < PAGE) {
        break;
      }
    }
    KeyRing ring = sealing.ring();
    Set<Integer> keep = new HashSet<>(count.unreadable.keySet());
    keep.add(ring.primaryId());
    check.retain(keep);
    List<Integer> retired = new ArrayList<>(ring.ids());
    retired.removeAll(keep);
    return new ResealReport(count.resealed, count.current, count.unreadable, retired);
  }

  private static final class Count {
    long resealed;
    long current;
    final Map<Integer, Long> unreadable = new TreeMap<>();

    /** Counts a row that did not open; whether {@code e} was that (else it is thrown on). */
    void unreadable(StoreUnavailableException e) {
      Integer id = Sealing.unreadableKeyId(e);
      if (id == null) {
        throw e;
      }
      unreadable.merge(id, 1L, Long::sum);
    }
  }

  /** One login: sealed again with a compare-and-set on its raw tokens, read again if it lost. */
  private void resealLogin(AuthRecord row, Count count) {
    AuthRecord raw = row;
    for (int i = 0; i < TRIES; i++) {
      AuthRecord opened;
      try {
        opened = logins.open(raw);
      } catch (StoreUnavailableException e) {
        count.unreadable(e);
        return;
      }
      if (logins.current(raw)) {
        count.current++;
        return;
      }
      if (rawLogins.putIfTokensUnchanged(raw, logins.seal(opened)).isPresent()) {
        count.resealed++;
        return;
      }
      Optional<AuthRecord> again = rawLogins.get(row.key());
      if (again.isEmpty()) {
        return; // deleted meanwhile
      }
      raw = again.get();
    }
    throw new StoreUnavailableException("a login kept changing while it was re-sealed", null);
  }

  /** One registration: sealed again with a compare-and-set on its client id. */
  private void resealRegistration(AppRegistration row, Count count) {
    if (rawRegistrations.get(row.site(), row.instance(), row.clientId()).isEmpty()) {
      return; // expired: as good as absent, and swept on the next registration
    }
    AppRegistration opened;
    try {
      opened = registrations.open(row);
    } catch (StoreUnavailableException e) {
      count.unreadable(e);
      return;
    }
    if (registrations.current(row)) {
      count.current++;
      return;
    }
    AppRegistration sealed = registrations.seal(opened);
    Optional<AppRegistration> stored = rawRegistrations.replace(row.clientId(), sealed);
    if (stored.filter(sealed::equals).isPresent()) {
      count.resealed++;
    }
  }
}
