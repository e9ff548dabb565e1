package org.oauthdropins.store;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Stored logins ({@link AuthRecord}s) by key: what the callback writes and every later request
 * reads. One of the four concerns of an {@link AuthStore}.
 *
 * <p>Contract: a write is whole or absent (no reader ever sees half of one record and half of
 * another, even when servers write one key at once); {@code created} is the first write's time and
 * survives every overwrite; {@link #putIfTokensUnchanged} is a compare-and-set on the tokens. A
 * store that cannot reach its backend throws {@link
 * org.oauthdropins.errors.StoreUnavailableException} whose message only says so (the backend's text
 * goes to the log, never into the 503 page), and has written nothing.
 */
public interface LoginStore {

  /** The login with this key. */
  Optional<AuthRecord> get(Key key);

  /**
   * Stores a login, replacing any with the same key. Keeps the first {@code created} time and sets
   * {@code updated} to now.
   *
   * @return the record as stored, with its times
   */
  AuthRecord put(AuthRecord record);

  /** Deletes a login; returns whether it existed. */
  boolean delete(Key key);

  /**
   * Writes refreshed tokens back, but only if the stored login's tokens (access token and refresh
   * token) are still those of {@code spent}, the record the refresh started from: a compare-and-set
   * on the tokens. It keeps a refresh whose lease ({@link RefreshLeases}) lapsed midway from
   * overwriting the newer tokens of the server that took over, and never brings back a login
   * deleted meanwhile. Keeps {@code created} and sets {@code updated} to now, like {@link #put}.
   *
   * @param spent the record as it was read before refreshing
   * @param fresh the record to store, with the new tokens (same key)
   * @return the record as stored, with its times; empty if the stored tokens had changed or the
   *     login is gone, in which case nothing was written
   */
  Optional<AuthRecord> putIfTokensUnchanged(AuthRecord spent, AuthRecord fresh);

  /**
   * Stores a login and spends the state of the callback that made it, in one atomic step (one
   * statement or one transaction): so that a callback is used once even when its pending login
   * travelled in a sealed cookie ({@link org.oauthdropins.PendingStorage#IN_COOKIE}), which the
   * store never saw. Of several callers with one state, exactly one stores its login; for the
   * others nothing is written. A spent state is remembered until {@code until}, after which its
   * callback is refused as expired anyway; stores forget expired ones on their write path.
   *
   * @param record the login, as for {@link #put}
   * @param state the id of the spent state: a hash of the site, the state nonce and the browser
   * @param until when the state would have expired; a state always comes with the same instant (the
   *     library takes it from where the state was sealed or stored), so a store may key what it
   *     spent by state and expiry together, as the JDBC store does
   * @return the record as stored, with its times; empty if the state was spent already
   * @throws UnsupportedOperationException by default, for a store that cannot spend states: use
   *     {@link org.oauthdropins.PendingStorage#IN_STORE} with it
   */
  default Optional<AuthRecord> putSpendingState(AuthRecord record, String state, Instant until) {
    throw new UnsupportedOperationException(
        getClass().getName()
            + " cannot spend a callback's state with its login: mount its sites with"
            + " pendingLogins(PendingStorage.IN_STORE)");
  }

  /**
   * Spends a state without storing a login: a callback the user declined or that failed is used up
   * too. Atomic like {@link #putSpendingState}, with the same state and expiry rules.
   *
   * @return whether this call spent it (false: it was spent already)
   * @throws UnsupportedOperationException by default, as {@link #putSpendingState}
   */
  default boolean spendState(String state, Instant until) {
    throw new UnsupportedOperationException(
        getClass().getName()
            + " cannot spend a callback's state: mount its sites with"
            + " pendingLogins(PendingStorage.IN_STORE)");
  }

  /**
   * Up to {@code limit} stored logins whose keys come after {@code after}, in an order of keys that
   * is the store's own but stable: what a job that visits every login reads, one page at a time,
   * such as re-sealing every token under a new key ({@link AuthStore#reseal()}). Stores return the
   * rows as they hold them, without refreshing or sweeping anything.
   *
   * @param after the last key of the previous page, or null for the first page
   * @param limit the most records to return, at least 1
   * @return the records, fewer than {@code limit} (maybe none) on the last page
   * @throws UnsupportedOperationException by default, for a store that cannot list its logins
   */
  default List<AuthRecord> page(Key after, int limit) {
    throw new UnsupportedOperationException(
        getClass().getName() + " cannot list its logins, so they cannot be re-sealed");
  }

  /**
   * The {@code auth_entity} string of a key in the finish redirect: {@link Key#urlsafe()} unless
   * the store shares its data with the Python library, whose form ({@link Key#pythonUrlsafe}) then
   * lets both apps parse it. {@link Key#fromUrlsafe} reads either.
   */
  default String urlsafe(Key key) {
    return key.urlsafe();
  }
}
