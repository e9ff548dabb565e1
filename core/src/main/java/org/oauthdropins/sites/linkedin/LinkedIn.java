package org.oauthdropins.sites.linkedin;

import java.util.List;
import java.util.Set;
import org.oauthdropins.Button;
import org.oauthdropins.SiteBase;
import org.oauthdropins.SiteFactory;
import org.oauthdropins.SiteOptions;
import org.oauthdropins.engine.oauth2.ClientAuth;
import org.oauthdropins.engine.oauth2.OAuth2Site;
import org.oauthdropins.engine.oidc.Oidc;
import org.oauthdropins.engine.oidc.OidcProvider;

/**
 * Sign In with LinkedIn using OpenID Connect
 * (learn.microsoft.com/linkedin/consumer/integrations/self-serve/sign-in-with-linkedin-v2), which
 * replaced the {@code r_liteprofile} flow in 2023.
 *
 * <p>Quirks: the client secret goes in the token request body; PKCE is only for native apps that
 * LinkedIn enables by hand, so it is not sent; LinkedIn does not echo the nonce in its ID tokens,
 * so none is sent (the browser-bound state still protects the callback); a cancelled login comes
 * back as {@code user_cancelled_login} or {@code user_cancelled_authorize}, which is a decline.
 *
 * <p>Base URL overrides: {@code web} (issuer, authorization, token, keys), {@code api} (userinfo).
 *
 * <p>No revocation: a token revocation endpoint for members' tokens could not be confirmed in
 * LinkedIn's documentation, so a disconnect deletes the login here only.
 */
public final class LinkedIn {

  /** The {@code web} base URL; {@code options.withBase(LinkedIn.WEB, url)} moves it. */
  public static final SiteBase WEB = SiteBase.of("web", "https://www.linkedin.com");

  /** The {@code api} base URL; {@code options.withBase(LinkedIn.API, url)} moves it. */
  public static final SiteBase API = SiteBase.of("api", "https://api.linkedin.com");

  /** Lists LinkedIn for apps and the demo. */
  public static final SiteFactory FACTORY =
      new SiteFactory("linkedin", "linkedin_client_id", "linkedin_client_secret", LinkedIn::create);

  private LinkedIn() {}

  /** LinkedIn; credentials default to {@code linkedin_client_id/secret}. */
  public static OAuth2Site<LinkedInAuth> create(SiteOptions o) {
    OidcProvider provider =
        OidcProvider.builder(o.url(WEB, "/oauth").toString())
            .authorizationEndpoint(o.url(WEB, "/oauth/v2/authorization"))
            .tokenEndpoint(o.url(WEB, "/oauth/v2/accessToken"))
            .userinfoEndpoint(o.url(API, "/v2/userinfo"))
            .jwksUri(o.url(WEB, "/oauth/openid/jwks"))
            .clientAuth(ClientAuth.POST)
            .pkce(false)
            .nonce(false)
            .build();
    return Oidc.builder(
            "linkedin",
            "LinkedInAuth",
            provider,
            o.credentials("linkedin_client_id", "linkedin_client_secret"),
            o.transport())
        .button(Button.of("Sign in with LinkedIn", "#0a66c2", "#ffffff"))
        .options(o)
        .apiBase(o.url(API, "/v2"))
        .defaultScopes(List.of("openid", "profile", "email"))
        .declineErrors(Set.of("user_cancelled_login", "user_cancelled_authorize"))
        .entity(LinkedInAuth::new)
        .build();
  }
}
