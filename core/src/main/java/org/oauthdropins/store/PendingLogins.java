package org.oauthdropins.store;

import java.util.Optional;

/**
 * Logins between their start and their callback ({@link PendingLogin}): short-lived, single use,
 * and kept in the store rather than in process memory, so that any server of a fleet can finish a
 * login another one started. One of the four concerns of an {@link AuthStore}.
 *
 * <p>Contract: {@link #take} is atomic, so of several callbacks racing for one state exactly one
 * gets the login; an expired login is never returned; each browser keeps at most {@link
 * #PER_BROWSER} pending logins; expired ones are swept on the write path, with no background job. A
 * store that cannot reach its backend throws {@link
 * org.oauthdropins.errors.StoreUnavailableException} whose message only says so, and a login it
 * failed to take is still there for a retry.
 */
public interface PendingLogins {

  /**
   * At most this many pending logins are kept per browser ({@link PendingLogin#browserHash()}): one
   * browser (or one script replaying a cookie) cannot fill the store, while a person with a few
   * tabs or retries never notices.
   */
  int PER_BROWSER = 20;

  /**
   * Stores a pending login under its id. When its browser has {@link #PER_BROWSER} pending logins
   * already, the oldest (earliest to expire) are dropped.
   */
  void put(PendingLogin login);

  /**
   * Stores the first pending login of a browser whose id was made for this login, so that the store
   * holds nothing of that browser yet and there is nothing to cap: a store may skip that work (the
   * JDBC store saves a statement, a round trip on PostgreSQL, on every such start). By default the
   * same as {@link #put}. Only the code that made the id may call this; a browser id that came with
   * a request must go through {@link #put}.
   */
  default void putOfNewBrowser(PendingLogin login) {
    put(login);
  }

  /**
   * Removes and returns a pending login. Exactly one of several concurrent callers for the same id
   * gets it; an expired login is removed and not returned.
   */
  Optional<PendingLogin> take(String id);
}
