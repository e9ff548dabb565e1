package org.oauthdropins.sites.cognito;

import org.oauthdropins.Button;
import org.oauthdropins.ProfileFields;
import org.oauthdropins.Revocation;
import org.oauthdropins.SiteBase;
import org.oauthdropins.SiteFactory;
import org.oauthdropins.SiteOptions;
import org.oauthdropins.engine.oauth2.OAuth2Site;
import org.oauthdropins.sites.tenant.TenantIssuer;

/**
 * Amazon Cognito user pools, as an OpenID Connect provider: one user pool, named by its issuer
 * {@code https://cognito-idp.REGION.amazonaws.com/USER_POOL_ID} (or, for a pool with the newer
 * issuer setting, {@code https://issuer-cognito-idp.REGION.amazonaws.com/USER_POOL_ID}).
 *
 * <p>Endpoints: docs.aws.amazon.com, Amazon Cognito Developer Guide, "Identity provider and relying
 * party endpoints" and the user pool API reference ("IssuerConfigurationType"): the issuer serves
 * the discovery document and the keys ({@code ISSUER/.well-known/jwks.json}), while the browser and
 * the token requests go to the pool's <i>domain</i> ({@code
 * https://PREFIX.auth.REGION.amazoncognito.com} or a custom one): {@code /oauth2/authorize}, {@code
 * /oauth2/token}, {@code /oauth2/userInfo}. The domain is read from the discovery document, so the
 * app configures the issuer only; a pool without a domain has no such endpoints, and its first
 * login fails with a 502 that says so. Client authentication is {@code client_secret_basic} (the
 * token endpoint's "Authorization: Basic" header for an app client with a secret), PKCE S256 and a
 * nonce. Cognito's discovery document does not list {@code code_challenge_methods_supported}; its
 * authorize endpoint documents {@code code_challenge} with {@code S256}, which the library sends
 * when a document says nothing.
 *
 * <p>The login asks for {@code openid profile email} (the app client must allow these scopes).
 * Every code exchange brings a refresh token (30 days by default), no {@code offline_access}
 * needed; a refresh answers with new access and ID tokens and, unless the app client rotates
 * refresh tokens, without a new refresh token, so the engine keeps the one it has. Revocation:
 * {@code DOMAIN/oauth2/revoke} (RFC 7009, on the domain the authorize endpoint is on; Cognito's
 * guide describes it for refresh tokens, which end their access tokens with them; whether it
 * answers 200 for the access token the engine sends after the refresh token is not confirmed);
 * logout: {@code DOMAIN/logout} (not RP-initiated logout).
 *
 * <p><b>The key</b> is {@code sub}, the user's id in the pool (a UUID), qualified by the pool's
 * issuer ({@code 5f1c...@cognito-idp.eu-west-1.amazonaws.com/eu-west-1_AbC123}). Cognito calls
 * {@code sub} the user's unique, immutable identifier; the address and {@code preferred_username}
 * can change, and a {@code sub} is unique only in its pool.
 *
 * <p><b>Configuration.</b> There is no default pool: {@link #create(SiteOptions)} refuses to make
 * the site until {@code options.withBase(Cognito.ISSUER,
 * "https://cognito-idp.REGION.amazonaws.com/USER_POOL_ID")} (Spring Boot: {@code
 * oauth-dropins.sites.cognito.base-urls.issuer}) names one.
 */
public final class Cognito {

  /** The site's name. */
  public static final String NAME = "cognito";

  /**
   * The {@code issuer} base URL: the user pool's issuer, e.g. {@code
   * https://cognito-idp.eu-west-1.amazonaws.com/eu-west-1_AbC123}. It has no real default: the site
   * refuses to start until it is moved.
   */
  public static final SiteBase ISSUER =
      SiteBase.of("issuer", "https://cognito-idp.invalid/USER_POOL_ID");

  /** Lists Cognito for apps and the demo. */
  public static final SiteFactory FACTORY =
      new SiteFactory(NAME, "cognito_client_id", "cognito_client_secret", Cognito::create);

  private Cognito() {}

  /**
   * The site {@code cognito}, at the user pool that {@code options} names; credentials default to
   * {@code cognito_client_id/secret}.
   *
   * @throws IllegalStateException if the options name no pool
   */
  public static OAuth2Site<CognitoAuth> create(SiteOptions o) {
    return create(NAME, o);
  }

  /**
   * A Cognito site under its own name, for an app that offers more than one user pool.
   *
   * @param name the site's name: its paths, button and credential files
   * @param o options; the {@code issuer} base is the user pool's issuer
   * @throws IllegalStateException if the options name no pool
   */
  public static OAuth2Site<CognitoAuth> create(String name, SiteOptions o) {
    String issuer =
        TenantIssuer.required(
            o,
            ISSUER,
            "Cognito needs its user pool's issuer",
            "https://cognito-idp.REGION.amazonaws.com/USER_POOL_ID");
    return TenantIssuer.discovered(name, "CognitoAuth", issuer, issuer, o)
        .button(
            Button.of(
                NAME.equals(name)
                    ? "Sign in with Amazon Cognito"
                    : "Sign in with Amazon Cognito (" + name + ")",
                "#232f3e",
                "#ffffff"))
        .profileFields(new ProfileFields("/sub", "/name", "/picture", "/username"))
        .entity(CognitoAuth::new)
        // Cognito Developer Guide, "The token revocation endpoint": POST DOMAIN/oauth2/revoke,
        // on the pool's domain, which the discovery document gives as the authorize endpoint's
        // host.
        .revocation(Revocation.rfc7009AtServer("/oauth2/revoke"))
        .build();
  }
}
