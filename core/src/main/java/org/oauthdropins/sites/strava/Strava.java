package org.oauthdropins.sites.strava;

import java.util.List;
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
 * Strava (base URL override {@code web} for www.strava.com, where both the OAuth endpoints and the
 * API live).
 *
 * <p>Endpoints: developers.strava.com, "Authentication" and the API reference ("Get Authenticated
 * Athlete"): the browser goes to {@code www.strava.com/oauth/authorize} with a comma-separated
 * {@code scope}, which Strava requires; {@code read} (public profile) is all sign-in needs. The
 * code is redeemed at {@code www.strava.com/oauth/token} with {@code client_id} and {@code
 * client_secret} in the body; the answer carries a summary {@code athlete} beside six-hour tokens
 * ({@code expires_in} 21600, {@code expires_at}) and a refresh token, which a refresh may replace
 * ("always use the most recent refresh token"). Strava does not document PKCE; S256 is sent, which
 * a server without PKCE ignores. Revocation: {@code POST www.strava.com/oauth/deauthorize} with the
 * access token, which revokes all of the app's tokens for the athlete; the docs show the token as
 * an {@code access_token} parameter, and the library sends it as the Bearer header every Strava API
 * call takes (that the endpoint takes the header too is not confirmed in Strava's docs).
 *
 * <p>The profile is {@code GET www.strava.com/api/v3/athlete}. The key is the athlete {@code id}:
 * names and the optional {@code username} can be changed, the numeric id cannot.
 *
 * <p>Strava checks only the redirect URI's host against the app's "Authorization Callback Domain",
 * not the whole URI; the library sends its exact callback URL anyway.
 */
public final class Strava {

  /**
   * The {@code web} base URL of the OAuth endpoints and the API; {@code withBase(Strava.WEB, u)}.
   */
  public static final SiteBase WEB = SiteBase.of("web", "https://www.strava.com");

  /** The scope that reads the athlete's public profile, all sign-in needs. */
  public static final String READ = "read";

  /** Lists Strava for apps and the demo. */
  public static final SiteFactory FACTORY =
      new SiteFactory("strava", "strava_client_id", "strava_client_secret", Strava::create);

  private Strava() {}

  /** Strava with the given options; credentials default to {@code strava_client_id/secret}. */
  public static OAuth2Site<StravaAuth> create(SiteOptions o) {
    return OAuth2Site.builder("strava", "StravaAuth")
        // Strava's orange with white text, as its "Connect with Strava" button shows.
        .button(Button.of("Connect with Strava", "#FC4C02", "#ffffff"))
        .credentials(o.credentials("strava_client_id", "strava_client_secret"))
        .options(o)
        .apiBase(o.url(WEB, "/api/v3"))
        .authorizeUrl(o.url(WEB, "/oauth/authorize"))
        .tokenUrl(o.url(WEB, "/oauth/token"))
        .clientAuth(ClientAuth.POST)
        .scopeSeparator(",")
        .defaultScopes(List.of(READ))
        .profile(ProfileLoader.bearerGet("strava", o.url(WEB, "/api/v3/athlete")))
        .keyId(user -> Json.text(user, "id"))
        .profileFields(new ProfileFields("/id", null, "/profile", "/username"))
        .entity(StravaAuth::new)
        // Strava API "Deauthorization": POST /oauth/deauthorize with the access token ends every
        // token of the app for the athlete (sent as the API's Bearer header).
        .revocation(Revocation.signedCall("POST", o.url(WEB, "/oauth/deauthorize")))
        .build();
  }
}
