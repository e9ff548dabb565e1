package org.oauthdropins.sites.yahoo;

import org.oauthdropins.Button;
import org.oauthdropins.ProfileFields;
import org.oauthdropins.SiteBase;
import org.oauthdropins.SiteFactory;
import org.oauthdropins.SiteOptions;
import org.oauthdropins.engine.oauth2.ClientAuth;
import org.oauthdropins.engine.oauth2.OAuth2Site;
import org.oauthdropins.engine.oidc.Oidc;
import org.oauthdropins.engine.oidc.OidcProvider;

/**
 * Sign In With Yahoo, Yahoo's OpenID Connect (base URL override {@code login}).
 *
 * <p>Endpoints: developer.yahoo.com, "OpenID Connect" guide ("Getting Started", "Authorization Code
 * Flow") and its discovery document at {@code
 * https://api.login.yahoo.com/.well-known/openid-configuration}: the issuer {@code
 * https://api.login.yahoo.com}, {@code /oauth2/request_auth} for the browser, {@code
 * /oauth2/get_token} for the code, {@code /openid/v1/userinfo} and the keys at {@code
 * /openid/v1/certs}. The app authenticates with HTTP Basic ({@code client_secret_basic}, which the
 * guide's token request shows), a nonce is sent and echoed in the ID token. PKCE S256 is sent too:
 * Yahoo's guide does not mention it, so whether Yahoo checks it could not be confirmed; a server
 * that does not know the parameters ignores them (RFC 6749 §3.1).
 *
 * <p>The login asks for {@code openid profile email}, which the app's API permissions must allow
 * ("OpenID Connect Permissions" in the app's settings). Every code exchange brings a refresh token,
 * the access token lasting an hour. Yahoo documents no token revocation endpoint that could be
 * found; its discovery document names none. Nor does it name an {@code end_session_endpoint}, and
 * Yahoo documents no RP-initiated logout, so the preset has none and the {@code logout} route ends
 * the app's login only.
 *
 * <p>The key is {@code sub}, Yahoo's identifier of the user, which OpenID Connect Core §2 requires
 * to be never reassigned by its issuer (Yahoo's guide says no more about it), while the nickname
 * and the address can change. Yahoo's ID tokens are signed ES256 (its published keys are EC P-256),
 * which the library's ID token check takes as it takes RS256.
 */
public final class Yahoo {

  /** The {@code login} base URL, Yahoo's OpenID Connect issuer. */
  public static final SiteBase LOGIN = SiteBase.of("login", "https://api.login.yahoo.com");

  /** Lists Yahoo for apps and the demo. */
  public static final SiteFactory FACTORY =
      new SiteFactory("yahoo", "yahoo_client_id", "yahoo_client_secret", Yahoo::create);

  private Yahoo() {}

  /** Yahoo with the given options; credentials default to {@code yahoo_client_id/secret}. */
  public static OAuth2Site<YahooAuth> create(SiteOptions o) {
    return Oidc.builder(
            "yahoo",
            "YahooAuth",
            provider(o),
            o.credentials("yahoo_client_id", "yahoo_client_secret"),
            o.transport())
        // Yahoo's purple.
        .button(Button.of("Sign in with Yahoo", "#6001d2", "#ffffff"))
        .options(o)
        .defaultScopes(Oidc.GENERIC_SCOPES)
        .profileFields(new ProfileFields("/sub", "/name", "/picture", "/nickname"))
        .entity(YahooAuth::new)
        .build();
  }

  /** Yahoo's endpoints, as its discovery document names them. */
  public static OidcProvider provider(SiteOptions o) {
    return OidcProvider.builder(o.url(LOGIN, "").toString())
        .authorizationEndpoint(o.url(LOGIN, "/oauth2/request_auth"))
        .tokenEndpoint(o.url(LOGIN, "/oauth2/get_token"))
        .userinfoEndpoint(o.url(LOGIN, "/openid/v1/userinfo"))
        .jwksUri(o.url(LOGIN, "/openid/v1/certs"))
        .clientAuth(ClientAuth.BASIC)
        .build();
  }
}
