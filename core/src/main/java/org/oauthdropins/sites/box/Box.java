package org.oauthdropins.sites.box;

import org.oauthdropins.Button;
import org.oauthdropins.ProfileFields;
import org.oauthdropins.Revocation;
import org.oauthdropins.SiteBase;
import org.oauthdropins.SiteFactory;
import org.oauthdropins.SiteOptions;
import org.oauthdropins.engine.oauth2.ClientAuth;
import org.oauthdropins.engine.oauth2.OAuth2Site;
import org.oauthdropins.engine.oauth2.ProfileLoader;
import org.oauthdropins.internal.http.Json;

/**
 * Box (base URL overrides {@code account} for the authorization page, {@code api} for the token
 * endpoint and the API).
 *
 * <p>Endpoints: developer.box.com, guides "OAuth 2.0 without SDKs", "Access Tokens", "Refresh
 * Tokens" and the reference "Authorize user", "Request access token", "Revoke access token": the
 * browser goes to {@code account.box.com/api/oauth2/authorize}; the code is redeemed at {@code
 * api.box.com/oauth2/token}, form-encoded, with {@code client_id} and {@code client_secret} in the
 * body (Box documents no HTTP Basic). Box documents no PKCE for its OAuth 2.0 apps, so none is
 * sent. No scope is asked for: an app's scopes are the ones set in its configuration in the
 * Developer Console, and {@code root_readwrite} (every OAuth app's default) covers {@code GET
 * /2.0/users/me}.
 *
 * <p>Access tokens last about an hour; the refresh token lasts 60 days and is single-use: each
 * refresh answers with a new one, which the engine stores in place of the spent one. Revocation:
 * {@code POST api.box.com/oauth2/revoke} with {@code client_id}, {@code client_secret} and {@code
 * token} (the access or the refresh token; either ends both).
 *
 * <p>The key is the user's Box {@code id}, a numeric string: Box's user object calls it "The unique
 * identifier for this user"; the {@code login} is the user's email address and can be changed by
 * the user or an admin, so it is only on the entity as {@link BoxAuth#login()}.
 */
public final class Box {

  /** The {@code account} base URL of the authorization page; {@code withBase(Box.ACCOUNT, url)}. */
  public static final SiteBase ACCOUNT = SiteBase.of("account", "https://account.box.com");

  /** The {@code api} base URL of the token endpoint and API; {@code withBase(Box.API, url)}. */
  public static final SiteBase API = SiteBase.of("api", "https://api.box.com");

  /** Lists Box for apps and the demo. */
  public static final SiteFactory FACTORY =
      new SiteFactory("box", "box_client_id", "box_client_secret", Box::create);

  private Box() {}

  /** Box with the given options; credentials default to {@code box_client_id/secret}. */
  public static OAuth2Site<BoxAuth> create(SiteOptions o) {
    return OAuth2Site.builder("box", "BoxAuth")
        // Box blue with white text, as Box's brand guidelines pair them.
        .button(Button.of("Sign in with Box", "#0061D5", "#FFFFFF"))
        .credentials(o.credentials("box_client_id", "box_client_secret"))
        .options(o)
        .apiBase(o.url(API, "/2.0"))
        .authorizeUrl(o.url(ACCOUNT, "/api/oauth2/authorize"))
        .tokenUrl(o.url(API, "/oauth2/token"))
        .clientAuth(ClientAuth.POST)
        .pkce(false)
        .profile(ProfileLoader.bearerGet("box", o.url(API, "/2.0/users/me")))
        .keyId(user -> Json.text(user, "id"))
        .profileFields(new ProfileFields("/id", "/name", "/avatar_url", null))
        .entity(BoxAuth::new)
        // developer.box.com "Revoke access token" (POST /oauth2/revoke; client_id, client_secret
        // and the access or refresh token in the form), RFC 7009's shape.
        .revocation(Revocation.rfc7009(o.url(API, "/oauth2/revoke")))
        .build();
  }
}
