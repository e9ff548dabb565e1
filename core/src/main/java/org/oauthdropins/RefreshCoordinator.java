package org.oauthdropins;

import java.io.IOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import javax.net.ssl.SSLHandshakeException;
import org.oauthdropins.errors.OAuthError;
import org.oauthdropins.errors.ProviderException;
import org.oauthdropins.errors.StoreUnavailableException;
import org.oauthdropins.http.GuardedTransport;
import org.oauthdropins.http.HttpTransport;
import org.oauthdropins.http.JdkTransport;
import org.oauthdropins.http.Limits;
import org.oauthdropins.http.UnsafeUrlException;
import org.oauthdropins.internal.oauth2.RotationRefused;
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
 *
 * <p>Two rules come from a server killed in the middle of a refresh (issue 23's soak, {@code
 * benchmarks/repro-refresh-kill.sh}). The lease lasts about as long as a refresh can take, and no
 * caller waits longer than that: a dead holder costs the others seconds, not the half minute a
 * fixed lease did. And a lapsed lease is no sign that the refresh token is unspent: its holder may
 * have died after the provider took the token. So the holder records the token it spends ({@link
 * RefreshLeases#startSpending}) before it sends it; a server that takes over a lapsed lease whose
 * holder recorded the token it is about to spend does not spend it again (that reuse is what makes
 * the provider revoke the grant, and with it the user's access token) but answers that the login
 * must be renewed: a {@link ProviderException} with the provider's own word for a refresh token it
 * will not take, {@code invalid_grant}, which apps already handle by having the user log in again.
 * The stored login stays as it is; logging in again replaces its tokens, and a holder that was only
 * slow still writes its new tokens by the compare-and-set.
 *
 * <p>A holder that lives on is in the same place when its refresh ends without the store holding
 * its outcome: the provider rotated and the store failed the write (it was down), the provider
 * rotated and the library refused the new tokens ({@link RotationRefused}), or the request went out
 * and its answer never came ({@link #answerLost}). It lets its lease lapse instead of releasing it,
 * so that its record of spending outlives it and the next refresh, on any server, answers {@code
 * invalid_grant} instead of spending the old token again.
 */
final class RefreshCoordinator {

  /**
   * What a refresh does besides fetching, at most: reading the login, taking the lease, recording
   * the spend and writing the new tokens back, each a short statement on the store.
   */
  static final Duration STORE_MARGIN = Duration.ofSeconds(2);

  /** How long one server may hold the right to refresh a login, for the default transport. */
  static final Duration LEASE = leaseFor(Limits.DEFAULT.requestBudget());

  /**
   * How much longer than a lease a caller waits for another server's refresh: one more try after a
   * lease taken the moment it asked has lapsed (and for the fleet's clocks being a little apart).
   */
  static final Duration LAST_TRY = Duration.ofSeconds(1);

  /** How long a caller waits for another server's refresh, for the default transport. */
  static final Duration WAIT = LEASE.plus(LAST_TRY);

  private static final Logger LOG = LoggerFactory.getLogger(RefreshCoordinator.class);

  private final LoginStore logins;
  private final RefreshLeases leases;
  private final Clock clock;
  private final Duration lease;

  /**
   * @param logins where the login is read and its new tokens written
   * @param leases the leases of the same store
   * @param clock tells when to stop waiting for another server
   * @param transport how the site is reached: its time budget bounds a refresh, and so the lease
   */
  RefreshCoordinator(
      LoginStore logins, RefreshLeases leases, Clock clock, HttpTransport transport) {
    this.logins = Objects.requireNonNull(logins, "logins");
    this.leases = Objects.requireNonNull(leases, "leases");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.lease = leaseFor(budgetOf(transport));
  }

  /**
   * How long one server may hold the right to refresh a login, and how long the others wait for it:
   * as long as a refresh can take, which is its fetches, all within one {@linkplain
   * org.oauthdropins.http.FetchBudget time budget} of the transport (a site refreshes within one),
   * plus the store's part. Longer, and a server that died holding the lease keeps the others
   * waiting past any request's time budget; shorter, and a holder that is only slow loses the lease
   * while it still works, so the others answer that the login must be renewed (its compare-and-set
   * write still wins: nothing is lost, and nothing spent twice).
   */
  static Duration leaseFor(Duration fetchBudget) {
    return fetchBudget.plus(STORE_MARGIN);
  }

  /**
   * The time budget of a transport's fetches for one request: its {@link Limits#requestBudget()},
   * or the default's for a transport that does not tell (an app's own, or a wrapper).
   */
  static Duration budgetOf(HttpTransport transport) {
    if (transport instanceof JdkTransport j) {
      return j.limits().requestBudget();
    }
    if (transport instanceof GuardedTransport g) {
      return g.limits().requestBudget();
    }
    return Limits.DEFAULT.requestBudget();
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
   *     longer than a refresh can take ({@link #leaseFor} the transport's budget, and {@link
   *     #LAST_TRY})
   * @throws ProviderException with {@code invalid_grant} where a server that held the lease before
   *     started spending the same refresh token and never finished: the login must be renewed
   */
  Optional<AuthRecord> refresh(
      AuthRecord stale, Function<AuthRecord, Optional<AuthRecord>> refreshAtSite) {
    String holder = Secrets.random(12);
    Instant giveUp = clock.instant().plus(lease).plus(LAST_TRY);
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
      if (leases.lease(stale.key(), holder, lease)) {
        return refreshHoldingLease(stale, holder, refreshAtSite);
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
      AuthRecord stale, String holder, Function<AuthRecord, Optional<AuthRecord>> refreshAtSite) {
    boolean release = true;
    try {
      // Read again under the lease: the previous holder may have written just before we took it.
      AuthRecord current = logins.get(stale.key()).orElse(null);
      if (current == null) {
        return Optional.empty();
      }
      if (!current.sameTokensAs(stale)) {
        return Optional.of(current);
      }
      if (current.refreshToken() != null
          && !leases.startSpending(current.key(), holder, digest(current.refreshToken()))) {
        // A holder before us may have spent this token. Its write may land yet (it was only
        // slow); if not, the record must outlive our lease, so we let it lapse, not release it.
        Optional<AuthRecord> written = logins.get(stale.key());
        if (written.isEmpty() || !written.get().sameTokensAs(stale)) {
          return written;
        }
        release = false;
        throw mustRenew(stale);
      }
      Optional<AuthRecord> fresh;
      try {
        fresh = refreshAtSite.apply(current);
      } catch (RuntimeException e) {
        release = !answerLost(e) && !RotationRefused.in(e);
        throw e;
      }
      if (fresh.isEmpty()) {
        return Optional.empty();
      }
      Optional<AuthRecord> written;
      try {
        written = logins.putIfTokensUnchanged(current, fresh.get());
      } catch (RuntimeException e) {
        // The provider took the old token for the new one we could not store (the store is down):
        // the next refresh must not send the old one again.
        release = Objects.equals(fresh.get().refreshToken(), current.refreshToken());
        throw e;
      }
      if (written.isPresent()) {
        return written;
      }
      // The lease lapsed and another server refreshed (or the login was deleted): the store's
      // tokens are the ones every server uses; ours stay unused.
      return Optional.of(logins.get(stale.key()).orElse(fresh.get()));
    } finally {
      if (release) {
        release(stale, holder);
      } else {
        lapse(stale, holder);
      }
    }
  }

  /**
   * Whether a refresh failed where the provider may have rotated the tokens without our hearing it:
   * the request went out and its answer never came (the time budget ran out, the connection was
   * reset or closed). That is a {@link ProviderException} for an {@link IOException}, with no
   * {@link OAuthError} (a provider that answered with one said what it did: nothing), except the
   * failures that come before anything is sent: the server's name not found, its address refused or
   * unreachable, the TLS handshake or the URL guard failing. An answer the app could not use (a
   * 5xx, a body that is no token response) is not lost: the provider answered, and rotates only
   * with new tokens in a 2xx answer.
   */
  static boolean answerLost(RuntimeException failure) {
    if (!(failure instanceof ProviderException p) || p.error().isPresent()) {
      return false;
    }
    for (Throwable t = p.getCause(); t != null; t = t.getCause()) {
      if (t instanceof IOException io) {
        return !(io instanceof UnknownHostException
            || io instanceof ConnectException
            || io instanceof NoRouteToHostException
            || io instanceof SSLHandshakeException
            || io instanceof UnsafeUrlException);
      }
    }
    return false;
  }

  /**
   * The answer where the refresh token may be spent already: what the provider would answer to its
   * reuse, without the reuse that would make it revoke the grant.
   */
  private static ProviderException mustRenew(AuthRecord stale) {
    String message =
        "an earlier refresh of this login may have spent its refresh token without storing the"
            + " new one; log in again to renew it";
    return new ProviderException(
        stale.site() + ": " + message, null, new OAuthError("invalid_grant", message, null));
  }

  /** Ends our lease now, keeping what it records of spending for the next taker to see. */
  private void lapse(AuthRecord stale, String holder) {
    try {
      leases.lease(stale.key(), holder, Duration.ZERO);
    } catch (StoreUnavailableException e) {
      LOG.debug("{}: the refresh lease could not be ended; it lapses by itself", stale.site());
    }
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

  /** What a lease records of a refresh token: its SHA-256, so that no store holds the token. */
  static String digest(String refreshToken) {
    try {
      byte[] hash =
          MessageDigest.getInstance("SHA-256")
              .digest(refreshToken.getBytes(StandardCharsets.UTF_8));
      return Base64.getUrlEncoder().withoutPadding().encodeToString(hash);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java has SHA-256", e);
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
