package org.oauthdropins.sites.auth0;

import org.oauthdropins.Button;
import org.oauthdropins.ProfileFields;
import org.oauthdropins.Revocation;
import org.oauthdropins.SiteBase;
import org.oauthdropins.SiteFactory;
import org.oauthdropins.SiteOptions;
import org.oauthdropins.engine.oauth2.OAuth2Site;
import org.oauthdropins.engine.oidc.Oidc;
import org.oauthdropins.sites.tenant.TenantIssuer;

/**
 * Auth0, as an OpenID Connect provider: one Auth0 tenant, named by its domain ({@code
 * https://TENANT.auth0.com}, {@code https://TENANT.REGION.auth0.com}, or the tenant's custom
 * domain).
 *
 * <p>Endpoints: auth0.com/docs, "Authentication API" and "Locate JSON Web Key Sets": the issuer is
 * the domain <i>with</i> a trailing slash ({@code https://TENANT.auth0.com/}, the {@code iss} of
 * every ID token), and its discovery document at {@code /.well-known/openid-configuration} names
 * {@code /authorize}, {@code /oauth/token}, {@code /userinfo} and {@code /.well-known/jwks.json},
 * which the site reads at the first login. Client authentication is {@code client_secret_basic}
 * (the first method listed; {@code _post} works as well), with PKCE S256 and a nonce.
 *
 * <p>The login asks for {@code openid profile email}. Auth0 issues a refresh token only for the
 * scope {@code offline_access}, to an application with the Refresh Token grant: an app that wants
 * one starts the login with that extra scope ({@link Oidc#OFFLINE_ACCESS}). Revocation: {@code
 * /oauth/revoke} (the discovery document's {@code revocation_endpoint}), documented for refresh
 * tokens: a login without one keeps its access token until it expires (that Auth0 ends an access
 * token sent there is not confirmed); logout: {@code /oidc/logout} (the discovery document's {@code
 * end_session_endpoint}, once the tenant enables RP-initiated logout) or Auth0's own {@code
 * /v2/logout}.
 *
 * <p><b>The key</b> is {@code sub}, Auth0's user id, qualified by the tenant ({@code
 * auth0|64f1c2@example.eu.auth0.com}). The id is {@code CONNECTION|ID} ({@code auth0|...} for the
 * tenant's own database, {@code google-oauth2|...} for a social connection): fixed for the user,
 * while name, nickname and address can change; an id is unique only in its tenant, and a database
 * connection's import can choose ids, so the tenant is part of the key. One person who signs in
 * through two connections is two Auth0 users, so two keys, unless the tenant links the accounts.
 *
 * <p><b>Configuration.</b> There is no default tenant: {@link #create(SiteOptions)} refuses to make
 * the site until {@code options.withBase(Auth0.DOMAIN, "https://TENANT.auth0.com")} (Spring Boot:
 * {@code oauth-dropins.sites.auth0.base-urls.domain}) names one.
 */
public final class Auth0 {

  /** The site's name. */
  public static final String NAME = "auth0";

  /**
   * The {@code domain} base URL: the tenant's domain, e.g. {@code https://example.eu.auth0.com}. It
   * has no real default: the site refuses to start until it is moved.
   */
  public static final SiteBase DOMAIN = SiteBase.of("domain", "https://auth0.invalid");

  /** Lists Auth0 for apps and the demo. */
  public static final SiteFactory FACTORY =
      new SiteFactory(NAME, "auth0_client_id", "auth0_client_secret", Auth0::create);

  private Auth0() {}

  /**
   * The site {@code auth0}, at the tenant that {@code options} names; credentials default to {@code
   * auth0_client_id/secret}.
   *
   * @throws IllegalStateException if the options name no tenant
   */
  public static OAuth2Site<Auth0Auth> create(SiteOptions o) {
    return create(NAME, o);
  }

  /**
   * An Auth0 site under its own name, for an app that offers more than one tenant.
   *
   * @param name the site's name: its paths, button and credential files
   * @param o options; the {@code domain} base is the tenant's domain
   * @throws IllegalStateException if the options name no tenant
   */
  public static OAuth2Site<Auth0Auth> create(String name, SiteOptions o) {
    String domain =
        TenantIssuer.required(
            o,
            DOMAIN,
            "Auth0 needs its tenant's domain",
            "https://TENANT.auth0.com, or the tenant's custom domain");
    // Auth0's issuer is the domain with its slash; discovery and the ID token check compare
    // exactly.
    String issuer = domain + "/";
    return TenantIssuer.discovered(name, "Auth0Auth", issuer, issuer, o)
        .button(
            Button.of(
                NAME.equals(name) ? "Sign in with Auth0" : "Sign in with Auth0 (" + name + ")",
                "#eb5424",
                "#ffffff"))
        .profileFields(new ProfileFields("/sub", "/name", "/picture", "/nickname"))
        .entity(Auth0Auth::new)
        // Authentication API "Revoke Refresh Token": POST /oauth/revoke, the discovery document's
        // revocation_endpoint; it takes refresh tokens (an access token is not confirmed to end).
        .revocation(Revocation.fromMetadata())
        .build();
  }
}
