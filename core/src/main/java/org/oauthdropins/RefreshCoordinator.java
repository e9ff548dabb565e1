package org.oauthdropins;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import org.oauthdropins.errors.StoreUnavailableException;
import org.oauthdropins.internal.secrets.Secrets;
import org.oauthdropins.store.AuthRecord;
import org.oauthdropins.store.LoginStore;
import org.oauthdropins.store.RefreshLeases;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Refreshes a stale login once across every server that shares a store, so that a single-use
 * refresh token is spent only once: with rotating refresh tokens a second spend fails with {@code
 * invalid_grant}, and a server with replay detection (RFC 9700 §4.14.2) then revokes the whole
 * grant.
 *
 * <p>The store is read first (another server may have refreshed already: its tokens are used, with
 * no call to the site); then one caller takes the store's short {@linkplain RefreshLeases refresh
 * lease} and refreshes while the others poll the store for its new tokens; the write-back is a
 * compare-and-set on the tokens that were spent ({@link LoginStore#putIfTokensUnchanged}), so that
 * a refresh whose lease lapsed midway never overwrites newer tokens. What refreshing at the site
 * means is the caller's ({@code AuthEntity} asks its site); this class knows only the store.
 */
final class RefreshCoordinator {

  /**
   * How long one server may hold the right to refresh a login: longer than a token request takes
   * (the transport's timeouts are seconds), short enough that a server that died holding it delays
   * the others only briefly.
   */
  static final Duration LEASE = Duration.ofSeconds(30);

  /** How long a caller waits for another server's refresh before giving up with a 503. */
  static final Duration WAIT = LEASE.plusSeconds(15);

  private static final Logger LOG = LoggerFactory.getLogger(RefreshCoordinator.class);

  private final LoginStore logins;
  private final RefreshLeases leases;
  private final Clock clock;

  /**
   * @param logins where the login is read and its new tokens written
   * @param leases the leases of the same store
   * @param clock tells when to stop waiting for another server
   */
  RefreshCoordinator(LoginStore logins, RefreshLeases leases, Clock clock) {
    this.logins = Objects.requireNonNull(logins, "logins");
    this.leases = Objects.requireNonNull(leases, "leases");
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  /**
   * Brings a stale login up to date: with the tokens another server stored, or by refreshing at the
   * site while holding the lease.
   *
   * @param stale the record whose tokens the caller found expired or refused
   * @param refreshAtSite spends the refresh token of the record it is given and returns the record
   *     with the new tokens, or empty where the site cannot refresh it
   * @return the record every server uses from now on; empty where there is nothing newer (the login
   *     was deleted meanwhile, or the site could not refresh it), so the caller keeps what it has
   * @throws StoreUnavailableException if the store fails, or another server holds the lease for
   *     longer than {@link #WAIT}
   */
  Optional<AuthRecord> refresh(
      AuthRecord stale, Function<AuthRecord, Optional<AuthRecord>> refreshAtSite) {
    String holder = Secrets.random(12);
    Instant giveUp = clock.instant().plus(WAIT);
    long pause = 10;
    while (true) {
      Optional<AuthRecord> stored = logins.get(stale.key());
      if (stored.isEmpty()) {
        // Deleted meanwhile (a logout): nothing to refresh, and nothing to bring back.
        return Optional.empty();
      }
      if (!stored.get().sameTokensAs(stale)) {
        return stored;
      }
      if (leases.lease(stale.key(), holder, LEASE)) {
        try {
          return refreshHoldingLease(stale, refreshAtSite);
        } finally {
          release(stale, holder);
        }
      }
      if (!clock.instant().isBefore(giveUp)) {
        throw new StoreUnavailableException(
            "another server is still refreshing this login; please try again", null);
      }
      sleep(pause);
      pause = Math.min(pause * 2, 200);
    }
  }

  private Optional<AuthRecord> refreshHoldingLease(
      AuthRecord stale, Function<AuthRecord, Optional<AuthRecord>> refreshAtSite) {
    // Read again under the lease: the previous holder may have written just before we took it.
    AuthRecord current = logins.get(stale.key()).orElse(null);
    if (current == null) {
      return Optional.empty();
    }
    if (!current.sameTokensAs(stale)) {
      return Optional.of(current);
    }
    Optional<AuthRecord> fresh = refreshAtSite.apply(current);
    if (fresh.isEmpty()) {
      return Optional.empty();
    }
    Optional<AuthRecord> written = logins.putIfTokensUnchanged(current, fresh.get());
    if (written.isPresent()) {
      return written;
    }
    // The lease lapsed and another server refreshed (or the login was deleted): the store's
    // tokens are the ones every server uses; ours stay unused.
    return Optional.of(logins.get(stale.key()).orElse(fresh.get()));
  }

  /**
   * Ends our lease early so that waiting servers move on; if the store fails now, the lease lapses
   * by itself, and the refresh's own result (or failure) is what the caller must see.
   */
  private void release(AuthRecord stale, String holder) {
    try {
      leases.release(stale.key(), holder);
    } catch (StoreUnavailableException e) {
      LOG.debug("{}: the refresh lease could not be released; it lapses by itself", stale.site());
    }
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new StoreUnavailableException("interrupted while waiting for a refresh", e);
    }
  }
}
