package org.oauthdropins.sites.line;

import java.util.List;
import java.util.Map;
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
 * LINE Login v2.1 (base URL overrides {@code access} for the login screens, {@code api} for the
 * token endpoint and the profile API).
 *
 * <p>Endpoints: developers.line.biz, "Integrating LINE Login with your web app", "LINE Login v2.1
 * API reference" and LINE's discovery document ({@code
 * access.line.me/.well-known/openid-configuration}): the browser goes to {@code
 * access.line.me/oauth2/v2.1/authorize}; the code is redeemed at {@code
 * api.line.me/oauth2/v2.1/token}, form-encoded, with {@code client_id} (the channel id) and {@code
 * client_secret} (the channel secret) in the body; PKCE (S256) is supported ("PKCE support for LINE
 * Login"). Access tokens last 30 days; a refresh at the same endpoint answers with a new access
 * token and a new refresh token. Revocation: {@code POST api.line.me/oauth2/v2.1/revoke} with the
 * access token as {@code access_token}, {@code client_id} and {@code client_secret} ("Revoke access
 * token"; not RFC 7009, whose parameter is {@code token}). Whether revoking the access token ends
 * the refresh token too is not confirmed in LINE's reference.
 *
 * <p>LINE is OpenID Connect-shaped, but it is run here as plain OAuth 2 with the scope {@code
 * profile} and {@code GET api.line.me/v2/profile} ("Get user profile": {@code userId}, {@code
 * displayName}, {@code pictureUrl}, {@code statusMessage}), not through the OpenID Connect engine.
 * The discovery document says ID tokens are signed with ES256 and publishes a JWKS, but LINE's "Get
 * profile information from ID tokens" says the ID tokens of web logins are signed with HS256 using
 * the channel secret; the engine verifies only asymmetric signatures against published keys (a key
 * the library would have to take from the client secret), so an ID token of a web login could not
 * be checked. The profile comes from LINE's API over TLS with the token the token endpoint just
 * issued, which proves the same user. An app that wants the email address needs the {@code openid
 * email} scopes and the ID token's {@code email} claim, which this site does not read (see the
 * issue's note: the pipeline lacks HS256 ID tokens keyed by the client secret).
 *
 * <p>The key is the {@code userId} (the ID token's {@code sub}): LINE's "Managing users" calls it
 * the unique identifier of the user for the provider (the channel's provider; the same user has
 * another id under another provider), and it never changes; the display name does.
 */
public final class Line {

  /**
   * The {@code access} base URL of the login screens; {@code options.withBase(Line.ACCESS, url)}.
   */
  public static final SiteBase ACCESS = SiteBase.of("access", "https://access.line.me");

  /**
   * The {@code api} base URL of the token endpoint and the API; {@code withBase(Line.API, url)}.
   */
  public static final SiteBase API = SiteBase.of("api", "https://api.line.me");

  /** The scope that lets {@code /v2/profile} answer, all sign-in needs. */
  public static final String PROFILE = "profile";

  /** Lists LINE for apps and the demo. */
  public static final SiteFactory FACTORY =
      new SiteFactory("line", "line_client_id", "line_client_secret", Line::create);

  private Line() {}

  /** LINE with the given options; credentials default to {@code line_client_id/secret}. */
  public static OAuth2Site<LineAuth> create(SiteOptions o) {
    return OAuth2Site.builder("line", "LineAuth")
        // LINE's green with white text, as its login button guidelines show.
        .button(Button.of("Log in with LINE", "#06C755", "#ffffff"))
        .credentials(o.credentials("line_client_id", "line_client_secret"))
        .options(o)
        .apiBase(o.url(API, "/v2"))
        .authorizeUrl(o.url(ACCESS, "/oauth2/v2.1/authorize"))
        .tokenUrl(o.url(API, "/oauth2/v2.1/token"))
        .clientAuth(ClientAuth.POST)
        .defaultScopes(List.of(PROFILE))
        .profile(ProfileLoader.bearerGet("line", o.url(API, "/v2/profile")))
        .keyId(user -> Json.text(user, "userId"))
        .profileFields(new ProfileFields("/userId", "/displayName", "/pictureUrl", null))
        .entity(LineAuth::new)
        // LINE Login v2.1 API reference, "Revoke access token": a form POST of access_token,
        // client_id and client_secret (not RFC 7009's token parameter).
        .revocation(
            Revocation.formPost(o.url(API, "/oauth2/v2.1/revoke"), "access_token", Map.of()))
        .build();
  }
}
