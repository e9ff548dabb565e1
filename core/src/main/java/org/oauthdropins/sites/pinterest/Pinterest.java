package org.oauthdropins.sites.pinterest;

import java.util.List;
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
 * Pinterest, API v5 (base URL overrides {@code www} for the authorization page, {@code api} for the
 * token endpoint and the API).
 *
 * <p>Endpoints: developers.pinterest.com, "Set up authentication and authorization" and the v5
 * reference ("Generate OAuth access token", "Get user account"): the browser goes to {@code
 * www.pinterest.com/oauth/} with a comma-separated {@code scope}, {@code user_accounts:read} being
 * the one sign-in needs; the code is redeemed at {@code api.pinterest.com/v5/oauth/token},
 * form-encoded, the app by HTTP Basic. PKCE is not documented for it and not sent.
 *
 * <p>Access tokens last 30 days, refresh tokens a year; a refresh ({@code grant_type=
 * refresh_token}) answers with a new refresh token under continuous refresh, which Pinterest made
 * every app's default, and the engine stores it.
 *
 * <p>No revocation ({@code Revocation.none()}): the v5 reference's OAuth section has the token
 * endpoint only, and no endpoint that revokes a user's token could be confirmed, so a disconnect
 * deletes the login here only (the user disconnects the app in their Pinterest settings).
 *
 * <p>The profile is {@code GET /v5/user_account}. The key is its {@code id}, the account's numeric
 * id; the {@code username} can be changed in the profile settings, so it is only the display name.
 */
public final class Pinterest {

  /** The {@code www} base URL of the authorization page; {@code withBase(Pinterest.WWW, url)}. */
  public static final SiteBase WWW = SiteBase.of("www", "https://www.pinterest.com");

  /**
   * The {@code api} base URL of the token endpoint and API; {@code withBase(Pinterest.API, url)}.
   */
  public static final SiteBase API = SiteBase.of("api", "https://api.pinterest.com");

  /** The scope {@code GET /v5/user_account} needs. */
  public static final String USER_ACCOUNTS_READ = "user_accounts:read";

  /** Lists Pinterest for apps and the demo. */
  public static final SiteFactory FACTORY =
      new SiteFactory(
          "pinterest", "pinterest_client_id", "pinterest_client_secret", Pinterest::create);

  private Pinterest() {}

  /**
   * Pinterest with the given options; credentials default to {@code pinterest_client_id/secret}.
   */
  public static OAuth2Site<PinterestAuth> create(SiteOptions o) {
    return OAuth2Site.builder("pinterest", "PinterestAuth")
        // Pinterest red with white text.
        .button(Button.of("Sign in with Pinterest", "#E60023", "#FFFFFF"))
        .credentials(o.credentials("pinterest_client_id", "pinterest_client_secret"))
        .options(o)
        .apiBase(o.url(API, "/v5"))
        .authorizeUrl(o.url(WWW, "/oauth/"))
        .tokenUrl(o.url(API, "/v5/oauth/token"))
        .clientAuth(ClientAuth.BASIC)
        .pkce(false)
        .scopeSeparator(",")
        .defaultScopes(List.of(USER_ACCOUNTS_READ))
        .profile(ProfileLoader.bearerGet("pinterest", o.url(API, "/v5/user_account")))
        .keyId(user -> Json.text(user, "id"))
        .profileFields(new ProfileFields("/id", "/username", "/profile_image", null))
        .entity(PinterestAuth::new)
        .build();
  }
}
