package org.oauthdropins.sites.zoom;

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
 * Zoom (base URL overrides {@code web} for zoom.us, {@code api} for api.zoom.us).
 *
 * <p>Endpoints: developers.zoom.us, "OAuth 2.0" ("User authorization" with PKCE) and the Users API
 * ("Get a user", {@code me}): the browser goes to {@code zoom.us/oauth/authorize}; the code is
 * redeemed at {@code zoom.us/oauth/token}, form-encoded, the app authenticating with HTTP Basic;
 * PKCE (S256) is documented. Access tokens last an hour; each refresh returns a new refresh token
 * and the old one stops working. Revocation: {@code POST zoom.us/oauth/revoke} with {@code token},
 * the app by HTTP Basic (RFC 7009 in shape; Zoom's own pages show the token in the query string in
 * one place and in the form body in another: the form body, RFC 7009's, is sent). Zoom's forum says
 * a revocation also uninstalls the app for the user.
 *
 * <p>No scope is asked for: a Zoom app's scopes are chosen in its Marketplace settings and the
 * authorization grants them; the profile needs {@code user:read:user} (granular) or {@code
 * user:read} (classic) among them.
 *
 * <p>The profile is {@code GET api.zoom.us/v2/users/me}. The key is its {@code id}, the Zoom user
 * id; the display name and email can be changed.
 */
public final class Zoom {

  /** The {@code web} base URL of the authorization server; {@code withBase(Zoom.WEB, url)}. */
  public static final SiteBase WEB = SiteBase.of("web", "https://zoom.us");

  /** The {@code api} base URL of the REST API; {@code withBase(Zoom.API, url)}. */
  public static final SiteBase API = SiteBase.of("api", "https://api.zoom.us");

  /** Lists Zoom for apps and the demo. */
  public static final SiteFactory FACTORY =
      new SiteFactory("zoom", "zoom_client_id", "zoom_client_secret", Zoom::create);

  private Zoom() {}

  /** Zoom with the given options; credentials default to {@code zoom_client_id/secret}. */
  public static OAuth2Site<ZoomAuth> create(SiteOptions o) {
    return OAuth2Site.builder("zoom", "ZoomAuth")
        // Zoom's blue with white text.
        .button(Button.of("Sign in with Zoom", "#0B5CFF", "#ffffff"))
        .credentials(o.credentials("zoom_client_id", "zoom_client_secret"))
        .options(o)
        .apiBase(o.url(API, "/v2"))
        .authorizeUrl(o.url(WEB, "/oauth/authorize"))
        .tokenUrl(o.url(WEB, "/oauth/token"))
        .clientAuth(ClientAuth.BASIC)
        .profile(ProfileLoader.bearerGet("zoom", o.url(API, "/v2/users/me")))
        .keyId(user -> Json.text(user, "id"))
        .profileFields(new ProfileFields("/id", "/display_name", "/pic_url", null))
        .entity(ZoomAuth::new)
        // Zoom OAuth "Revoke an access token": POST zoom.us/oauth/revoke, the app by HTTP Basic.
        .revocation(Revocation.rfc7009(o.url(WEB, "/oauth/revoke")))
        .build();
  }
}
