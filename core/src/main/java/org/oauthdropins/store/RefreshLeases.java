package org.oauthdropins.store;

import java.time.Duration;

/**
 * Short leases on refreshing one login's tokens, so that a single-use refresh token is spent once
 * per fleet, not once per server. Refreshing spends the refresh token at the provider, and with
 * rotating single-use refresh tokens a second spend fails and may revoke the whole grant (RFC 9700
 * §4.14.2): so the servers of a fleet take turns through this lease, and a server that does not get
 * it waits for the holder's new tokens in the {@link LoginStore} instead of refreshing itself. One
 * of the four concerns of an {@link AuthStore}.
 *
 * <p>Contract: at most one holder has a key's lease at a time, also when servers race for a new or
 * a lapsed one; the holder may extend it; it lapses by itself after its time to live, so a holder
 * that dies blocks the login no longer; only its holder ends it. A store that cannot reach its
 * backend throws {@link org.oauthdropins.errors.StoreUnavailableException} whose message only says
 * so.
 */
public interface RefreshLeases {

  /**
   * Claims, for a while, the right to refresh one login's tokens.
   *
   * @param key the login
   * @param holder a random id of the caller, the same for its {@link #release}
   * @param ttl how long the lease lasts unless released
   * @return true if {@code holder} holds the lease now (taken, taken over after it lapsed, or
   *     extended); false while another holder's lease stands
   */
  boolean lease(Key key, String holder, Duration ttl);

  /** Ends {@code holder}'s lease on refreshing a login; does nothing if it holds none. */
  void release(Key key, String holder);
}
