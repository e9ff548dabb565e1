package org.oauthdropins;

import java.time.Duration;
import org.oauthdropins.errors.BadRequestException;
import org.oauthdropins.errors.ProviderException;
import org.oauthdropins.errors.StoreUnavailableException;

/**
 * Something that happened to a login, as a {@link LoginListener} sees it: for metrics, audit logs
 * or alerts. A closed set, so a listener can handle every kind; each names the site and how long
 * the library's part took (the request's time in the library, provider round trips included; the
 * user's time at the site is not in it).
 *
 * <p>An event never carries a secret, a user's identity (but for the keys of {@link LoggedOut}) or
 * text that a provider or browser wrote: a failure is described by its {@link Failure} class only,
 * since exception messages quote what servers sent.
 */
public sealed interface LoginEvent {

  /** The site's name, e.g. {@code github}. */
  String site();

  /** How long the library's part took. */
  Duration duration();

  /**
   * The event's kind as a short lower-case word ({@code started}, {@code succeeded}, {@code
   * declined}, {@code failed}, {@code refreshed}, {@code loggedout}): a stable tag value for
   * metrics.
   */
  default String outcome() {
    return getClass().getSimpleName().toLowerCase(java.util.Locale.ROOT);
  }

  /** A start request sent the browser to the site. */
  record Started(String site, Duration duration) implements LoginEvent {}

  /** The site vouched for the user and the login is stored. */
  record Succeeded(String site, Duration duration) implements LoginEvent {}

  /** The user said no at the site. */
  record Declined(String site, Duration duration) implements LoginEvent {}

  /**
   * A start, callback or token refresh that could not go on.
   *
   * @param stage where it failed
   * @param failure which kind of failure, never its message
   */
  record Failed(String site, Stage stage, Failure failure, Duration duration)
      implements LoginEvent {}

  /** A stored login's tokens were refreshed at the site (by {@link AuthEntity}). */
  record Refreshed(String site, Duration duration) implements LoginEvent {}

  /**
   * The provider said that the user signed out there (OpenID Connect Back-Channel Logout 1.0), and
   * these stored logins were ended (deleted from the store). The one event that names logins: the
   * app needs their keys to end its own sessions of them (the Spring starter ends the HTTP sessions
   * it signed in with them). A key is the library's own handle of a login, never a secret.
   *
   * @param keys the stored logins ended, none if the app had none of that user's session
   */
  record LoggedOut(String site, java.util.List<org.oauthdropins.store.Key> keys, Duration duration)
      implements LoginEvent {
    /** Makes the value, copying the keys. */
    public LoggedOut {
      keys = java.util.List.copyOf(keys);
    }
  }

  /**
   * A stored login was disconnected or signed out everywhere ({@link Disconnect}): its tokens
   * revoked at the site where it can, and the login deleted.
   *
   * @param revoked whether the site ended the tokens; false where it has no way to, or the app
   *     deleted the login locally after a failed revocation
   */
  record Disconnected(String site, boolean revoked, Duration duration) implements LoginEvent {}

  /** Where a login failed. */
  enum Stage {
    /** In {@link Start}. */
    START,
    /** In {@link Callback}. */
    CALLBACK,
    /** In a token refresh of a stored login. */
    REFRESH,
    /** In a disconnect of a stored login ({@link Disconnect}). */
    DISCONNECT
  }

  /**
   * The class of a failure: the {@link org.oauthdropins.errors.LoginException} subtype that the
   * user's answer was made from, which says whom to look at (the browser, the provider, the store).
   */
  enum Failure {
    /** 400: the browser sent a forged, expired or replayed state, or garbage. */
    BAD_REQUEST("BadRequest"),
    /** 502: the provider failed or answered nonsense. */
    PROVIDER("Provider"),
    /** 503: the store is down. */
    STORE_UNAVAILABLE("StoreUnavailable"),
    /** Anything else: a bug, in the library or in the app's finish. */
    UNEXPECTED("Unexpected");

    private final String tag;

    Failure(String tag) {
      this.tag = tag;
    }

    /** The class as a tag value, e.g. {@code BadRequest}. */
    public String tag() {
      return tag;
    }

    /** The class of a thrown exception. */
    public static Failure of(Throwable e) {
      if (e instanceof BadRequestException) {
        return BAD_REQUEST;
      } else if (e instanceof ProviderException) {
        return PROVIDER;
      } else if (e instanceof StoreUnavailableException) {
        return STORE_UNAVAILABLE;
      }
      return UNEXPECTED;
    }
  }
}
