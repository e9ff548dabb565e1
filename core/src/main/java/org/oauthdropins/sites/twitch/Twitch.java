package org.oauthdropins.sites.twitch;

import java.util.List;
import org.oauthdropins.Button;
import org.oauthdropins.ProfileFields;
import org.oauthdropins.Revocation;
import org.oauthdropins.SiteBase;
import org.oauthdropins.SiteFactory;
import org.oauthdropins.SiteOptions;
import org.oauthdropins.engine.oauth2.ClientAuth;
import org.oauthdropins.engine.oauth2.OAuth2Site;
import org.oauthdropins.engine.oidc.Oidc;
import org.oauthdropins.engine.oidc.OidcProvider;

/**
 * Twitch, over OpenID Connect (dev.twitch.tv/docs/authentication/getting-tokens-oidc; base URL
 * override {@code id} for id.twitch.tv). The endpoints are those of Twitch's discovery document,
 * written down so that no login waits for discovery: issuer {@code https://id.twitch.tv/oauth2},
 * RS256 ID tokens, {@code client_secret_post} as the only client authentication, a nonce echoed in
 * the ID token, refresh tokens with the authorization code flow.
 *
 * <p>Twitch has no {@code profile} scope: the ID token and userinfo carry only the subject unless
 * the {@code claims} request parameter names each claim ("Requesting claims"), so every login asks
 * for {@code preferred_username}, {@code picture}, {@code email}, {@code email_verified} and {@code
 * updated_at} there. Twitch gives the email claims only with the scope {@value #EMAIL_SCOPE}, which
 * an app adds to a login that needs the address.
 *
 * <p>The key is {@code sub}, the Twitch user id; the name ({@code preferred_username}) can change.
 * Twitch asks apps that use it for login to validate the token hourly ({@code /oauth2/validate});
 * the library stores the login and leaves that to the app.
 */
public final class Twitch {

  /** The {@code id} base URL; {@code options.withBase(Twitch.ID, url)} moves it. */
  public static final SiteBase ID = SiteBase.of("id", "https://id.twitch.tv");

  /** Twitch's Helix API host ({@code api} base URL). */
  public static final SiteBase API = SiteBase.of("api", "https://api.twitch.tv");

  /** The scope without which Twitch leaves out {@code email} and {@code email_verified}. */
  public static final String EMAIL_SCOPE = "user:read:email";

  /** The claims every login asks for. */
  public static final List<String> CLAIMS =
      List.of("preferred_username", "picture", "email", "email_verified", "updated_at");

  /** Lists Twitch for apps and the demo. */
  public static final SiteFactory FACTORY =
      new SiteFactory("twitch", "twitch_client_id", "twitch_client_secret", Twitch::create);

  private Twitch() {}

  /** Twitch's endpoints and quirks. */
  public static OidcProvider provider(SiteOptions o) {
    return OidcProvider.builder(o.url(ID, "/oauth2").toString())
        .authorizationEndpoint(o.url(ID, "/oauth2/authorize"))
        .tokenEndpoint(o.url(ID, "/oauth2/token"))
        .userinfoEndpoint(o.url(ID, "/oauth2/userinfo"))
        .jwksUri(o.url(ID, "/oauth2/keys"))
        .clientAuth(ClientAuth.POST)
        // Not documented by Twitch; sent as everywhere, a server without PKCE ignores it.
        .pkce(true)
        .build();
  }

  /** Twitch; credentials default to {@code twitch_client_id/secret}. */
  public static OAuth2Site<TwitchAuth> create(SiteOptions o) {
    return Oidc.builder(
            "twitch",
            "TwitchAuth",
            provider(o),
            o.credentials("twitch_client_id", "twitch_client_secret"),
            o.transport())
        .button(Button.of("Sign in with Twitch", "#9146FF", "#ffffff"))
        .options(o)
        .apiBase(o.url(API, "/helix"))
        .authorizeParams(Oidc.claimsRequest(CLAIMS))
        .profileFields(
            new ProfileFields("/sub", "/preferred_username", "/picture", "/preferred_username"))
        .entity(TwitchAuth::new)
        // dev.twitch.tv "Revoking Access Tokens": POST id.twitch.tv/oauth2/revoke, client_id,
        // token.
        .revocation(Revocation.rfc7009(o.url(ID, "/oauth2/revoke")))
        .build();
  }
}
