package org.oauthdropins.sites.figma;

import java.net.URI;
import java.util.List;
import java.util.Map;
import org.oauthdropins.Button;
import org.oauthdropins.ProfileFields;
import org.oauthdropins.SiteBase;
import org.oauthdropins.SiteFactory;
import org.oauthdropins.SiteOptions;
import org.oauthdropins.engine.oauth2.ClientAuth;
import org.oauthdropins.engine.oauth2.OAuth2Site;
import org.oauthdropins.engine.oauth2.ProfileLoader;
import org.oauthdropins.engine.oauth2.TokenLifecycle;
import org.oauthdropins.internal.http.Json;

/**
 * Figma (base URL overrides {@code www} for the authorization page, {@code api} for the token
 * endpoints and the REST API).
 *
 * <p>Endpoints: developers.figma.com, REST API "Authentication" and "OAuth apps" (the token
 * endpoint moved to {@code api.figma.com/v1/oauth/token} in February 2025, the old {@code
 * www.figma.com/api/oauth/token} being retired): the browser goes to {@code www.figma.com/oauth};
 * the code is redeemed at {@code api.figma.com/v1/oauth/token}, form-encoded, the app by HTTP
 * Basic. The one scope for sign-in is {@value #CURRENT_USER_READ}, which {@code GET /v1/me} needs
 * (the user's {@code id}, {@code handle}, {@code img_url}, {@code email}). PKCE is not sent: the
 * pages this was written from do not document it for OAuth apps (not confirmed either way).
 *
 * <p>Access tokens last 90 days ({@code expires_in}); the refresh token renews them at a separate
 * endpoint, {@code POST api.figma.com/v1/oauth/refresh} with Basic and only {@code refresh_token}
 * in the body, answered without a new refresh token, so the stored one stays.
 *
 * <p>No revocation ({@code Revocation.none()}): the REST API's "Authentication" and "OAuth apps"
 * pages document no endpoint that revokes an OAuth token, and none could be confirmed elsewhere, so
 * a disconnect deletes the login here only and the token lives until it expires or the user removes
 * the app in their Figma settings.
 *
 * <p>The key is the user's Figma {@code id} (the token answer's {@code user_id_string} is the same
 * id): the handle and email can be changed in the account settings.
 */
public final class Figma {

  /** The {@code www} base URL of the authorization page; {@code withBase(Figma.WWW, url)}. */
  public static final SiteBase WWW = SiteBase.of("www", "https://www.figma.com");

  /**
   * The {@code api} base URL of the token endpoints and the API; {@code withBase(Figma.API, url)}.
   */
  public static final SiteBase API = SiteBase.of("api", "https://api.figma.com");

  /** The scope that lets {@code GET /v1/me} answer: the user's name, email and image. */
  public static final String CURRENT_USER_READ = "current_user:read";

  /** Lists Figma for apps and the demo. */
  public static final SiteFactory FACTORY =
      new SiteFactory("figma", "figma_client_id", "figma_client_secret", Figma::create);

  private Figma() {}

  /** Figma with the given options; credentials default to {@code figma_client_id/secret}. */
  public static OAuth2Site<FigmaAuth> create(SiteOptions o) {
    URI refreshUrl = o.url(API, "/v1/oauth/refresh");
    return OAuth2Site.builder("figma", "FigmaAuth")
        // Figma's black with white text, as its buttons show the logo.
        .button(Button.of("Sign in with Figma", "#000000", "#FFFFFF"))
        .credentials(o.credentials("figma_client_id", "figma_client_secret"))
        .options(o)
        .apiBase(o.url(API, "/v1"))
        .authorizeUrl(o.url(WWW, "/oauth"))
        .tokenUrl(o.url(API, "/v1/oauth/token"))
        .clientAuth(ClientAuth.BASIC)
        .pkce(false)
        .defaultScopes(List.of(CURRENT_USER_READ))
        // Figma's own refresh endpoint, with only the refresh token in the body.
        .tokenLifecycle(
            TokenLifecycle.refreshingWith(
                (refreshToken, tokens) ->
                    tokens.at(refreshUrl).post(Map.of("refresh_token", refreshToken))))
        .profile(ProfileLoader.bearerGet("figma", o.url(API, "/v1/me")))
        .keyId(user -> Json.text(user, "id"))
        .profileFields(new ProfileFields("/id", "/handle", "/img_url", null))
        .entity(FigmaAuth::new)
        .build();
  }
}
