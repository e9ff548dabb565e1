package org.oauthdropins.store;

import java.time.Duration;
import java.util.Optional;
import org.oauthdropins.keys.KeyRing;
import org.oauthdropins.keys.ResealReport;

/**
 * Where logins live, on one backend: the four concerns of a store, each behind its own narrow
 * interface with its own contract ({@link #logins()}, {@link #pendingLogins()}, {@link
 * #registrations()}, {@link #leases()}). An implementation ({@link
 * org.oauthdropins.store.memory.MemoryStore}, {@link org.oauthdropins.store.jdbc.JdbcStore}, the
 * Datastore store) is a small facade that opens the backend and hands out the four; each is
 * thread-safe and shares nothing in process memory that another server would need. Failures to
 * reach the backend are {@link org.oauthdropins.errors.StoreUnavailableException}s whose message
 * only says that the store is unavailable: the backend's own text (a database host and user, a
 * statement, a value) goes to the log, never into the 503 page. No method leaves a half-written
 * value behind.
 *
 * <p>The other methods are shorthands for calls on the four, kept so that code written against the
 * one wide store of earlier versions still compiles; new code calls the narrow interfaces. A store
 * implements only the four accessors (and {@link #close()} if it holds resources).
 */
public interface AuthStore extends AutoCloseable {

  /** The stored logins. */
  LoginStore logins();

  /** The logins between start and callback. */
  PendingLogins pendingLogins();

  /** This app's registrations at instances. */
  AppRegistrations registrations();

  /** The leases that let one server of a fleet refresh a login at a time. */
  RefreshLeases leases();

  /** Releases what the store holds (a pool it owns, a client); by default nothing. */
  @Override
  default void close() {}

  /**
   * The key ring this store seals tokens and secrets with at rest, which the library also signs its
   * logins cookie with; empty for a store that keeps them as given. The stores of this library seal
   * by default.
   */
  default Optional<KeyRing> keyRing() {
    return Optional.empty();
  }

  /**
   * Checks, before the store is first used, that the key ring opens what the store holds: every key
   * id that sealed a stored value is in the ring and is the same key. A sealing store runs this
   * check itself on its first use; an app calls it at start-up to fail there, with the message,
   * rather than on its first request. Records the ring's first key as one that seals from now on.
   * Does nothing for a store that does not seal.
   *
   * @throws org.oauthdropins.errors.StoreUnavailableException naming the key id that is missing or
   *     wrong, and what to do, or if the store cannot be reached
   */
  default void checkKeys() {}

  /**
   * Seals every stored login and app registration again under the ring's first key: the second step
   * of a key rotation (put a new key first in the ring, restart, re-seal, then drop the old keys
   * that the report names retired). Values stored before sealing began are sealed too. Each row is
   * written with a compare-and-set, so a refresh that lands meanwhile is kept; a row the ring
   * cannot open is counted and left as it is. Pending logins are not re-sealed: they live minutes,
   * so an old key should stay in the ring that long after a re-seal.
   *
   * @throws UnsupportedOperationException for a store that does not seal
   * @throws org.oauthdropins.errors.StoreUnavailableException if the store cannot be reached, or if
   *     a key of the ring is not the key that sealed under its id
   */
  default ResealReport reseal() {
    throw new UnsupportedOperationException(
        getClass().getName() + " does not seal what it stores, so there is nothing to re-seal");
  }

  // ---- shorthands

  /** {@link PendingLogins#PER_BROWSER}. */
  int PENDING_PER_BROWSER = PendingLogins.PER_BROWSER;

  /** {@link LoginStore#get}. */
  default Optional<AuthRecord> get(Key key) {
    return logins().get(key);
  }

  /** {@link LoginStore#put}. */
  default AuthRecord put(AuthRecord record) {
    return logins().put(record);
  }

  /** {@link LoginStore#delete}. */
  default boolean delete(Key key) {
    return logins().delete(key);
  }

  /** {@link LoginStore#urlsafe}. */
  default String urlsafe(Key key) {
    return logins().urlsafe(key);
  }

  /** {@link LoginStore#putIfTokensUnchanged}. */
  default Optional<AuthRecord> putIfTokensUnchanged(AuthRecord spent, AuthRecord fresh) {
    return logins().putIfTokensUnchanged(spent, fresh);
  }

  /** {@link RefreshLeases#lease}. */
  default boolean leaseRefresh(Key key, String holder, Duration ttl) {
    return leases().lease(key, holder, ttl);
  }

  /** {@link RefreshLeases#release}. */
  default void releaseRefresh(Key key, String holder) {
    leases().release(key, holder);
  }

  /** {@link PendingLogins#put}. */
  default void putPending(PendingLogin login) {
    pendingLogins().put(login);
  }

  /** {@link PendingLogins#putOfNewBrowser}. */
  default void putPendingOfNewBrowser(PendingLogin login) {
    pendingLogins().putOfNewBrowser(login);
  }

  /** {@link PendingLogins#take}. */
  default Optional<PendingLogin> takePending(String id) {
    return pendingLogins().take(id);
  }

  /** {@link AppRegistrations#get(String, String)}. */
  default Optional<AppRegistration> getApp(String site, String instance) {
    return registrations().get(site, instance);
  }

  /** {@link AppRegistrations#get(String, String, String)}. */
  default Optional<AppRegistration> getApp(String site, String instance, String clientId) {
    return registrations().get(site, instance, clientId);
  }

  /** {@link AppRegistrations#putIfAbsent}. */
  default AppRegistration putAppIfAbsent(AppRegistration app) {
    return registrations().putIfAbsent(app);
  }

  /** {@link AppRegistrations#replace}. */
  default Optional<AppRegistration> replaceApp(
      String expectedClientId, AppRegistration replacement) {
    return registrations().replace(expectedClientId, replacement);
  }

  /** {@link AppRegistrations#delete}. */
  default boolean deleteApp(String site, String instance) {
    return registrations().delete(site, instance);
  }
}
