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

  /** The registration of this app at an instance. */
  Optional<AppRegistration> getApp(String site, String instance);

  /**
   * Stores a registration unless one exists for the same site and instance.
   *
   * @return the registration that is stored now: the given one, or the one that was there first
   */
  AppRegistration putAppIfAbsent(AppRegistration app);

  /** Forgets a registration, e.g. after the instance has forgotten it. */
  boolean deleteApp(String site, String instance);

  @Override
  default void close() {}
}
