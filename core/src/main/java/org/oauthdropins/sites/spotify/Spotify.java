package org.oauthdropins.sites.spotify;

import org.oauthdropins.Button;
import org.oauthdropins.ProfileFields;
import org.oauthdropins.SiteBase;
import org.oauthdropins.SiteFactory;
import org.oauthdropins.SiteOptions;
import org.oauthdropins.engine.oauth2.ClientAuth;
import org.oauthdropins.engine.oauth2.OAuth2Site;
import org.oauthdropins.engine.oauth2.ProfileLoader;
import org.oauthdropins.internal.http.Json;

/**
 * Spotify (base URL overrides {@code accounts} for the Accounts service, {@code api} for the Web
 * API).
 *
 * <p>Endpoints: developer.spotify.com, Web API tutorials "Authorization Code Flow", "Authorization
 * Code with PKCE Flow" and "Refreshing tokens": the browser goes to {@code
 * accounts.spotify.com/authorize}; the code is redeemed at {@code accounts.spotify.com/api/token},
 * form-encoded, the app authenticating with HTTP Basic (the Authorization Code flow, for apps that
 * keep a secret). PKCE (S256) is sent too: the PKCE page describes it as an extension of the same
 * flow on the same endpoints, but Spotify's pages show it only without a client secret, so that the
 * pair (Basic and a code verifier) is not confirmed by the documentation, only by the OAuth
 * specifications (RFC 9700 §2.1.1 asks confidential clients for PKCE as well).
 *
 * <p>No scope is asked for: "If no scopes are specified, authorization will be granted only to
 * access publicly available information", which is enough for {@code GET /v1/me} ("Get Current
 * User's Profile") to answer with the user's {@code id}, {@code display_name} and {@code images};
 * {@code user-read-email} adds {@code email} and {@code user-read-private} the country and
 * subscription, for an app that asks for them as extra scopes.
 *
 * <p>Access tokens last an hour; the refresh token renews them, and Spotify may or may not send a
 * new one with a refresh, so the engine keeps the one it has unless a new one comes. Since 2026
 * refresh tokens expire six months after the user's approval, whatever the refreshes in between
 * ("Refreshing tokens", "Refresh token lifetime"): the token endpoint then answers {@code
 * invalid_grant} and the user must log in again.
 *
 * <p>The key is the user's Spotify {@code id}. The Web API reference calls it "The Spotify user ID
 * for the user" and does not promise that it never changes; it is what the API addresses the user
 * by ({@code /v1/users/{user_id}}, the {@code spotify:user:} URI), and Spotify's help pages say an
 * account's username, which is the id of older accounts, cannot be changed. The {@code
 * display_name} can, so it is only what {@link org.oauthdropins.AuthEntity#userDisplayName()}
 * shows.
 *
 * <p>No revocation: Spotify's Web API documents none (users remove apps in their account settings),
 * so a disconnect deletes the login here only.
 */
public final class Spotify {

  /** The {@code accounts} base URL; {@code options.withBase(Spotify.ACCOUNTS, url)} moves it. */
  public static final SiteBase ACCOUNTS = SiteBase.of("accounts", "https://accounts.spotify.com");

  /** The {@code api} base URL of the Web API; {@code options.withBase(Spotify.API, url)}. */
  public static final SiteBase API = SiteBase.of("api", "https://api.spotify.com");

  /** The scope that adds the user's {@code email} to {@code /v1/me}. */
  public static final String USER_READ_EMAIL = "user-read-email";

  /** Lists Spotify for apps and the demo. */
  public static final SiteFactory FACTORY =
      new SiteFactory("spotify", "spotify_client_id", "spotify_client_secret", Spotify::create);

  private Spotify() {}

  /** Spotify with the given options; credentials default to {@code spotify_client_id/secret}. */
  public static OAuth2Site<SpotifyAuth> create(SiteOptions o) {
    return OAuth2Site.builder("spotify", "SpotifyAuth")
        // Spotify's green with black text, as its design guidelines pair them.
        .button(Button.of("Sign in with Spotify", "#1DB954", "#000000"))
        .credentials(o.credentials("spotify_client_id", "spotify_client_secret"))
        .options(o)
        .apiBase(o.url(API, "/v1"))
        .authorizeUrl(o.url(ACCOUNTS, "/authorize"))
        .tokenUrl(o.url(ACCOUNTS, "/api/token"))
        .clientAuth(ClientAuth.BASIC)
        .profile(ProfileLoader.bearerGet("spotify", o.url(API, "/v1/me")))
        .keyId(user -> Json.text(user, "id"))
        .profileFields(new ProfileFields("/id", "/display_name", "/images/0/url", null))
        .entity(SpotifyAuth::new)
        .build();
  }
}
