package org.oauthdropins;

import java.net.URI;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import org.oauthdropins.http.HttpCall;
import org.oauthdropins.store.AuthRecord;
import org.oauthdropins.store.AuthStore;
import org.oauthdropins.store.Key;

/**
 * A configured login provider: GitHub with your app's credentials, say. A site is mostly data on
 * top of a protocol engine ({@code oauth2}, {@code oauth1}, ...); {@link Start} and {@link
 * Callback} run the parts that every site shares (state, browser binding, storage, finish) around
 * it.
 *
 * @param <A> the entity type that {@link #load} and {@link #entity} give, so that callers need no
 *     cast: {@code GitHub.create(options).load(store, key)} is an {@code Optional<GitHubAuth>}
 */
public interface Site<A extends AuthEntity> {

  /** The site's id, as the Python library's module name: {@code github}, {@code google_signin}. */
  String name();

  /** The entity kind the site stores, as the Python library names it: {@code GitHubAuth}. */
  String kind();

  /** How the site's login button looks. */
  Button button();

  /**
   * The first leg: where to send the browser, and what the callback will need to know.
   *
   * @throws org.oauthdropins.errors.BadRequestException if the user's input (an instance, a handle)
   *     is unusable
   * @throws org.oauthdropins.errors.ProviderException if the provider fails
   */
  Authorization authorize(AuthorizeRequest request);

  /**
   * The second leg: turns the provider's answer into a stored-to-be record, or a decline.
   *
   * @throws org.oauthdropins.errors.BadRequestException if the callback request is malformed
   * @throws org.oauthdropins.errors.ProviderException if the provider fails or answers nonsense
   */
  LoginResult complete(CallbackRequest request);

  /** Wraps a stored record in this site's entity type. */
  A entity(AuthRecord record, AuthStore store);

  /** Adds this site's credentials for the record to a request to the site's API. */
  HttpCall sign(HttpCall call, AuthRecord record);

  /**
   * Exchanges the record's refresh token for new tokens.
   *
   * @param record the stored login
   * @param store the store, for what the refresh needs besides the record (an instance's app
   *     registration); the caller writes the new record back
   * @return the record with new tokens, or empty if this site or record cannot refresh
   * @throws org.oauthdropins.errors.ProviderException if the provider refuses
   */
  default Optional<AuthRecord> refresh(AuthRecord record, AuthStore store) {
    return Optional.empty();
  }

  /**
   * How this site ends a stored login's tokens at the provider (see {@link Revocation}); {@link
   * Revocation#none()} by default, for a provider with no way to.
   */
  default Revocation revocation() {
    return Revocation.none();
  }

  /**
   * Ends a stored login's tokens at the provider as {@link #revocation()} says (the refresh token
   * too, where the login has one and the provider tells them apart); nothing for a site that cannot
   * revoke. Leaves the store alone: {@link Disconnect} deletes the login once this returns.
   *
   * @return whether the provider ended the tokens: false for a site (or a login's server) that has
   *     no way to, whose tokens stay valid until they expire
   * @param record the stored login
   * @param store the store, for what the revocation needs besides the record (an instance's app
   *     registration)
   * @throws org.oauthdropins.errors.ProviderException if the provider is unreachable, fails or does
   *     not confirm; the token may then still be valid
   */
  default boolean revoke(AuthRecord record, AuthStore store) {
    if (revocation().revokes()) {
      throw new UnsupportedOperationException(name() + " declares a revocation it cannot run");
    }
    return false;
  }

  /**
   * Where the site's REST API lives, e.g. {@code https://api.github.com}, following the app's base
   * URL overrides (GitHub Enterprise, a test fake): an entity's {@link AuthEntity#apiUrl} puts a
   * path on it, so that an app calls the API without knowing the host. Empty for a site without one
   * app-wide API (sign-in only, or one per instance, which the entity names).
   */
  default Optional<URI> apiBase() {
    return Optional.empty();
  }

  /**
   * Whether the site answers with {@code response_mode=form_post}, POSTing the result to the
   * callback: the callback takes POST for such a site only, and a GET for every other.
   */
  default boolean formPostCallback() {
    return false;
  }

  /**
   * Where this site's profile JSON keeps the user's id, name and picture, which {@link AuthEntity}
   * reads unless the site's entity type says otherwise; none by default.
   */
  default ProfileFields profileFields() {
    return ProfileFields.none();
  }

  /**
   * The clock this site dates tokens by: their expiry at login and refresh, and when its stored
   * logins count as expired. Tests of expiry move it; the system clock by default.
   */
  default Clock clock() {
    return Clock.systemUTC();
  }

  /**
   * Hears this site's login events: the default listener of its {@link Start} and {@link Callback},
   * and the one its stored logins report token refreshes to. Sites take it from {@link
   * SiteOptions#listener()}; none by default.
   */
  default LoginListener listener() {
    return LoginListener.NONE;
  }

  /**
   * The routes this site serves beside its start and callback, which every adapter mounts (see
   * {@link SiteRoute}); none by default.
   *
   * @param context the settings of the mount the routes belong to
   */
  default List<SiteRoute> routes(SiteRoute.Context context) {
    return List.of();
  }

  /** Loads this site's entity for a key from a store, or empty if it is not there or not ours. */
  default Optional<A> load(AuthStore store, Key key) {
    if (!key.kind().equals(kind())) {
      return Optional.empty();
    }
    return store.logins().get(key).map(r -> entity(r, store));
  }
}
