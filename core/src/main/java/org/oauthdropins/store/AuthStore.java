package org.oauthdropins.store;

import java.time.Duration;
import java.util.Optional;
import org.oauthdropins.Key;

/**
 * Where logins live: auth entities by key, short-lived pending logins, and long-lived app
 * registrations. Implementations are thread-safe and share nothing in process memory that another
 * server would need. Failures to reach the backing store are {@link
 * org.oauthdropins.StoreUnavailableException}s whose message only says that the store is
 * unavailable: the backend's own text (a database host and user, a statement, a value) goes to the
 * log, never into the 503 page. No method leaves a half-written value behind.
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

  /**
   * The {@code auth_entity} string of a key in the finish redirect: {@link Key#urlsafe()} unless
   * the store shares its data with the Python library, whose form ({@link Key#pythonUrlsafe}) then
   * lets both apps parse it. {@link Key#fromUrlsafe} reads either.
   */
  default String urlsafe(Key key) {
    return key.urlsafe();
  }

  // ---- refresh: a single-use refresh token is spent once per fleet, not once per server

  /**
   * Claims, for a while, the right to refresh one entity's tokens. Refreshing spends the refresh
   * token at the provider, and with rotating single-use refresh tokens a second spend fails and may
   * revoke the whole grant (RFC 9700 §4.14.2); so the servers of a fleet take turns through this
   * lease, and a server that does not get it waits for the holder's new tokens in the store instead
   * of refreshing itself. The lease lapses by itself after {@code ttl}, so a holder that dies does
   * not block the login for longer.
   *
   * @param key the entity
   * @param holder a random id of the caller, the same for its {@link #releaseRefresh}
   * @param ttl how long the lease lasts unless released
   * @return true if {@code holder} holds the lease now (taken, taken over after it lapsed, or
   *     extended); false while another holder's lease stands
   */
  boolean leaseRefresh(Key key, String holder, Duration ttl);

  /** Ends {@code holder}'s lease on refreshing an entity; does nothing if it holds none. */
  void releaseRefresh(Key key, String holder);

  /**
   * Writes refreshed tokens back, but only if the stored entity's tokens (access token and refresh
   * token) are still those of {@code spent}, the record the refresh started from: a compare-and-set
   * on the tokens. It keeps a refresh whose lease lapsed midway from overwriting the newer tokens
   * of the server that took over, and never brings back an entity deleted meanwhile. Keeps {@code
   * created} and sets {@code updated} to now, like {@link #put}.
   *
   * @param spent the record as it was read before refreshing
   * @param fresh the record to store, with the new tokens (same key)
   * @return the record as stored, with its times; empty if the stored tokens had changed or the
   *     entity is gone, in which case nothing was written
   */
  Optional<AuthRecord> putIfTokensUnchanged(AuthRecord spent, AuthRecord fresh);

  // ---- pending logins

  /**
   * At most this many pending logins are kept per browser ({@link PendingLogin#browserHash()}): one
   * browser (or one script replaying a cookie) cannot fill the store, while a person with a few
   * tabs or retries never notices.
   */
  int PENDING_PER_BROWSER = 20;

  /**
   * Stores a pending login under its id. When its browser has {@link #PENDING_PER_BROWSER} pending
   * logins already, the oldest (earliest to expire) are dropped.
   */
  void putPending(PendingLogin login);

  /**
   * Stores the first pending login of a browser whose id was made for this login, so that the store
   * holds nothing of that browser yet and there is nothing to cap: a store may skip that work (the
   * JDBC store saves a statement, a round trip on PostgreSQL, on every such start). By default the
   * same as {@link #putPending}. Only the code that made the id may call this; a browser id that
   * came with a request must go through {@link #putPending}.
   */
  default void putPendingOfNewBrowser(PendingLogin login) {
    putPending(login);
  }

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
   * The registration at an instance with this client id, if the store still has it: the one a login
   * was made with, whose client alone can refresh the login's tokens. A store that keeps one
   * registration per site and instance has it only while it is that one; the Datastore store also
   * finds the others it holds for the instance, such as a Python app's that a login's {@code app}
   * names.
   */
  default Optional<AppRegistration> getApp(String site, String instance, String clientId) {
    return getApp(site, instance).filter(a -> a.clientId().equals(clientId));
  }

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
