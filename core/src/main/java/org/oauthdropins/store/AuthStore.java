package org.oauthdropins.store;

import java.util.Optional;
import org.oauthdropins.Key;

/**
 * Where logins live: auth entities by key, short-lived pending logins, and long-lived app
 * registrations. Implementations are thread-safe and share nothing in process memory that another
 * server would need. Failures to reach the backing store are {@link
 * org.oauthdropins.StoreUnavailableException}s; no method leaves a half-written value behind.
 */
public interface AuthStore extends AutoCloseable {

  /** The entity with this key. */
  Optional<AuthRecord> get(Key key);

  /**
   * Stores an entity, replacing any with the same key. Keeps the first {@code created} time and
   * sets {@code updated} to now.
   *
   * @return the record as stored, with its times
   */
  AuthRecord put(AuthRecord record);

  /** Deletes an entity; returns whether it existed. */
  boolean delete(Key key);

  /** Stores a pending login under its id. */
  void putPending(PendingLogin login);

  /**
   * Removes and returns a pending login. Exactly one of several concurrent callers for the same id
   * gets it; an expired login is removed and not returned.
   */
  Optional<PendingLogin> takePending(String id);

  /**
   * The registration of this app at an instance; an {@linkplain AppRegistration#isExpired expired}
   * one is as good as absent.
   */
  Optional<AppRegistration> getApp(String site, String instance);

  /**
   * Stores a registration unless an unexpired one exists for the same site and instance, setting
   * its {@code created} time to now. Expired registrations are swept here, on the write path, so no
   * background job is needed.
   *
   * @return the registration that is stored now: the given one, or the one that was there first
   */
  AppRegistration putAppIfAbsent(AppRegistration app);

  /**
   * Replaces the registration at the replacement's site and instance, but only if the stored one
   * (expired or not) has the expected client id: a compare-and-set, so that of several servers that
   * find one registration gone, or push its expiry back, none overwrites what another stored first.
   * A replacement without a {@code created} time is stamped with now; one with a time keeps it.
   *
   * @return the unexpired registration stored now: the replacement, another writer's, or empty
   */
  Optional<AppRegistration> replaceApp(String expectedClientId, AppRegistration replacement);

  /** Forgets a registration, e.g. after the instance has forgotten it. */
  boolean deleteApp(String site, String instance);

  @Override
  default void close() {}
}
