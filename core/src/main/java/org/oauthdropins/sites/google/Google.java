package org.oauthdropins.sites.google;

import java.util.List;
import java.util.Map;
import java.util.Set;
import org.oauthdropins.Button;
import org.oauthdropins.Revocation;
import org.oauthdropins.SiteBase;
import org.oauthdropins.SiteFactory;
import org.oauthdropins.SiteOptions;
import org.oauthdropins.engine.oauth2.OAuth2Site;
import org.oauthdropins.engine.oidc.Oidc;
import org.oauthdropins.engine.oidc.OidcProvider;
import org.oauthdropins.internal.Marks;

/**
 * Google Sign-In, OpenID Connect (developers.google.com/identity/openid-connect/reference). The
 * endpoints are the ones Google's discovery document lists, written down so that no login waits for
 * discovery. Offline access with {@code prompt=consent} gets a refresh token every time, which the
 * entity uses to renew its access token.
 *
 * <p>Base URL overrides: {@code accounts} (issuer and authorization), {@code oauth2} (token),
 * {@code openidconnect} (userinfo), {@code apis} (signing keys, Google APIs).
 */
public final class Google {

  /** The {@code accounts} base URL; {@code options.withBase(Google.ACCOUNTS, url)} moves it. */
  public static final SiteBase ACCOUNTS = SiteBase.of("accounts", "https://accounts.google.com");

  /** The {@code oauth2} base URL; {@code options.withBase(Google.OAUTH2, url)} moves it. */
  public static final SiteBase OAUTH2 = SiteBase.of("oauth2", "https://oauth2.googleapis.com");

  /**
   * The {@code openidconnect} base URL; {@code options.withBase(Google.OPENIDCONNECT, url)} moves
   * it.
   */
  public static final SiteBase OPENIDCONNECT =
      SiteBase.of("openidconnect", "https://openidconnect.googleapis.com");

  /** The {@code apis} base URL; {@code options.withBase(Google.APIS, url)} moves it. */
  public static final SiteBase APIS = SiteBase.of("apis", "https://www.googleapis.com");

  /** Lists Google for apps and the demo. */
  public static final SiteFactory FACTORY =
      new SiteFactory("google_signin", "google_client_id", "google_client_secret", Google::create);

  private Google() {}

  /** Google Sign-In; credentials default to {@code google_client_id/secret}. */
  public static OAuth2Site<GoogleUser> create(SiteOptions o) {
    return builder("google_signin", "GoogleUser", o).build();
  }

  /**
   * Google's endpoints. ID tokens carry the issuer {@code https://accounts.google.com}, or for
   * legacy reasons {@code accounts.google.com}; both are accepted.
   */
  public static OidcProvider provider(SiteOptions o) {
    String issuer = o.url(ACCOUNTS, "").toString();
    return OidcProvider.builder(issuer)
        .acceptedIssuers(Set.of(issuer.replaceFirst("^https?://", "")))
        .authorizationEndpoint(o.url(ACCOUNTS, "/o/oauth2/v2/auth"))
        .tokenEndpoint(o.url(OAUTH2, "/token"))
        .userinfoEndpoint(o.url(OPENIDCONNECT, "/v1/userinfo"))
        .jwksUri(o.url(APIS, "/oauth2/v3/certs"))
        // iss not required in the callback (RFC 9207), as before this field existed.
        .issParameter(false)
        .build();
  }

  /**
   * Google sign-in as a builder, for sites on Google accounts (Blogger): scopes {@code openid
   * profile}, offline access, {@link GoogleUser} entities.
   */
  public static OAuth2Site.Builder<GoogleUser> builder(String name, String kind, SiteOptions o) {
    return Oidc.builder(
            name,
            kind,
            provider(o),
            o.credentials("google_client_id", "google_client_secret"),
            o.transport())
        // Google's light button: white, a #747775 outline, #1F1F1F label, the four-colour G
        // (developers.google.com/identity/branding-guidelines).
        .button(
            Button.of("Sign in with Google", "#ffffff", "#1f1f1f")
                .withBorder("#747775")
                .withMark(Marks.load("google")))
        .options(o)
        .apiBase(o.url(APIS, ""))
        // developers.google.com "Using OAuth 2.0 for Web Server Applications", "Revoking a token":
        // POST oauth2.googleapis.com/revoke with the token; the refresh token ends the grant.
        .revocation(Revocation.rfc7009(o.url(OAUTH2, "/revoke")))
        .defaultScopes(List.of("openid", "profile"))
        .authorizeParams(Map.of("access_type", "offline", "prompt", "consent"))
        .entity(GoogleUser::new);
  }
}
