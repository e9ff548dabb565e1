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
 *
 * <p>A lapsed lease is not a sign that the refresh token is unspent: its holder may have died (or
 * stalled) after the provider took the token and before the new tokens were stored, and spending it
 * again is the reuse that revokes the grant. So a holder records which token it is about to spend
 * ({@link #startSpending}); that record outlives the lease when it lapses and is taken over, and is
 * forgotten only when its holder releases the lease (its refresh ended, and the store's tokens say
 * how). A taker of a lapsed lease whose holder had not started spending may spend, as before.
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

  /**
   * Ends {@code holder}'s lease on refreshing a login, and forgets what it recorded of spending;
   * does nothing if it holds none. (A holder that must leave its record of spending behind lets its
   * lease lapse instead: {@link #lease} with a {@code ttl} of zero ends it at once and keeps it.)
   */
  void release(Key key, String holder);

  /**
   * Records, just before the holder sends a refresh token to the provider, that it is spending that
   * token; refuses where a holder before it had recorded the same token and never released the
   * lease, so that token may be spent already.
   *
   * @param key the login
   * @param holder the holder of the lease on it
   * @param token a digest of the refresh token about to be spent (never the token itself), at most
   *     64 characters
   * @return true if {@code holder} holds the lease and may spend {@code token}; false if it lost
   *     the lease, or if an earlier holder of it recorded spending the same token and died or
   *     stalled without releasing it: then the caller must not spend it
   */
  boolean startSpending(Key key, String holder, String token);
}
