package org.oauthdropins.store;

import java.util.List;
import java.util.Optional;

/**
 * This app's client registrations at the servers it registers itself with ({@link AppRegistration}:
 * Mastodon, Pixelfed, Misskey instances, and the library's own secrets), one per site and instance.
 * One of the four concerns of an {@link AuthStore}.
 *
 * <p>Contract: writes are compare-and-set, so servers that register at one instance at once agree
 * on one registration ({@link #putIfAbsent}: the first one wins; {@link #replace}: only over the
 * expected client id); an {@linkplain AppRegistration#isExpired expired} registration is as good as
 * absent and is swept on the write path. A store that cannot reach its backend throws {@link
 * org.oauthdropins.errors.StoreUnavailableException} whose message only says so, and has written
 * nothing.
 */
public interface AppRegistrations {

  /** The registration of this app at an instance; an expired one is as good as absent. */
  Optional<AppRegistration> get(String site, String instance);

  /**
   * The registration at an instance with this client id, if the store still has it: the one a login
   * was made with, whose client alone can refresh the login's tokens. A store that keeps one
   * registration per site and instance has it only while it is that one; the Datastore store also
   * finds the others it holds for the instance, such as a Python app's that a login's {@code app}
   * names.
   */
  default Optional<AppRegistration> get(String site, String instance, String clientId) {
    return get(site, instance).filter(a -> a.clientId().equals(clientId));
  }

  /**
   * Stores a registration unless an unexpired one exists for the same site and instance, setting
   * its {@code created} time to now. Expired registrations are swept here, on the write path, so no
   * background job is needed.
   *
   * @return the registration that is stored now: the given one, or the one that was there first
   */
  AppRegistration putIfAbsent(AppRegistration app);

  /**
   * Replaces the registration at the replacement's site and instance, but only if the stored one
   * (expired or not) has the expected client id: a compare-and-set, so that of several servers that
   * find one registration gone, or push its expiry back, none overwrites what another stored first.
   * A replacement without a {@code created} time is stamped with now; one with a time keeps it.
   *
   * @return the unexpired registration stored now: the replacement, another writer's, or empty
   */
  Optional<AppRegistration> replace(String expectedClientId, AppRegistration replacement);

  /**
   * Up to {@code limit} stored registrations, expired ones too, that come after {@code after} in
   * the order of site, instance and client id: what a job that visits every registration reads, one
   * page at a time, such as re-sealing every client secret under a new key ({@link
   * AuthStore#reseal()}). Stores return them as they hold them, without sweeping anything.
   *
   * @param after the last registration of the previous page, or null for the first page
   * @param limit the most registrations to return, at least 1
   * @return the registrations, fewer than {@code limit} (maybe none) on the last page
   * @throws UnsupportedOperationException by default, for a store that cannot list them
   */
  default List<AppRegistration> page(AppRegistration after, int limit) {
    throw new UnsupportedOperationException(
        getClass().getName() + " cannot list its app registrations, so they cannot be re-sealed");
  }

  /**
   * Forgets a registration, e.g. after the instance has forgotten it; returns whether it existed.
   */
  boolean delete(String site, String instance);
}
