package org.oauthdropins.sites.okta;

import java.net.URI;
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
 * Okta (Workforce Identity), as an OpenID Connect provider: one authorization server of one Okta
 * org, named by its issuer. That is {@code https://ORG.okta.com/oauth2/default} for the org's
 * default custom authorization server, {@code https://ORG.okta.com/oauth2/AUTH_SERVER_ID} for
 * another custom one, or {@code https://ORG.okta.com} for the org authorization server (custom
 * domains work the same way).
 *
 * <p>Endpoints: developer.okta.com, OpenID Connect &amp; OAuth 2.0 API ("Org Authorization Server",
 * "Custom Authorization Servers"): the discovery document at {@code
 * ISSUER/.well-known/openid-configuration} names them ({@code /v1/authorize}, {@code /v1/token},
 * {@code /v1/userinfo}, {@code /v1/keys} below a custom server's issuer, {@code /oauth2/v1/...}
 * below the org's), so the site reads them from there at the first login rather than guessing which
 * kind of server the issuer is. Client authentication is {@code client_secret_basic} (the first
 * method Okta's discovery lists), PKCE S256 is sent (Okta requires it of web apps with "Require
 * PKCE" on and takes it from every app) and a nonce.
 *
 * <p>The login asks for {@code openid profile email}. Okta issues a refresh token only for the
 * scope {@code offline_access}, to an app with the Refresh Token grant enabled: an app that wants
 * one starts the login with that extra scope ({@link Oidc#OFFLINE_ACCESS}). Revocation: {@code
 * /v1/revoke} below the same base as the token endpoint (its discovery document's {@code
 * revocation_endpoint}); logout: {@code /v1/logout} ({@code end_session_endpoint}).
 *
 * <p><b>The key</b> is {@code sub}, the user's Okta id ({@code 00u...}), which Okta never reuses or
 * changes, while the login name ({@code preferred_username}, often the address) and the address can
 * be changed by an administrator. The id is qualified by the org's host ({@code
 * 00u1abc@example.okta.com}), not by the whole issuer: the same user has the same id at every
 * authorization server of the org, so moving the app from the org server to a custom one keeps its
 * logins, while a second org's users stay apart, as with Keycloak realms.
 *
 * <p><b>Configuration.</b> There is no default org: {@link #create(SiteOptions)} refuses to make
 * the site until {@code options.withBase(Okta.ISSUER, "https://ORG.okta.com/oauth2/default")}
 * (Spring Boot: {@code oauth-dropins.sites.okta.base-urls.issuer}) names one.
 */
public final class Okta {

  /** The site's name. */
  public static final String NAME = "okta";

  /**
   * The {@code issuer} base URL: the authorization server's issuer, e.g. {@code
   * https://example.okta.com/oauth2/default}. It has no real default: the site refuses to start
   * until it is moved, and the URL here only stands for the shape.
   */
  public static final SiteBase ISSUER =
      SiteBase.of("issuer", "https://okta.invalid/oauth2/default");

  /** Lists Okta for apps and the demo. */
  public static final SiteFactory FACTORY =
      new SiteFactory(NAME, "okta_client_id", "okta_client_secret", Okta::create);

  private Okta() {}

  /**
   * The site {@code okta}, at the authorization server that {@code options} names; credentials
   * default to {@code okta_client_id/secret}.
   *
   * @throws IllegalStateException if the options name no issuer
   */
  public static OAuth2Site<OktaAuth> create(SiteOptions o) {
    return create(NAME, o);
  }

  /**
   * An Okta site under its own name, for an app that offers more than one org.
   *
   * @param name the site's name: its paths, button and credential files
   * @param o options; the {@code issuer} base is the authorization server's issuer
   * @throws IllegalStateException if the options name no issuer
   */
  public static OAuth2Site<OktaAuth> create(String name, SiteOptions o) {
    String issuer =
        TenantIssuer.required(
            o,
            ISSUER,
            "Okta needs its authorization server's issuer",
            "https://ORG.okta.com/oauth2/default, or https://ORG.okta.com for the org server");
    URI u = URI.create(issuer);
    String org = u.getScheme() + "://" + u.getRawAuthority();
    return TenantIssuer.discovered(name, "OktaAuth", issuer, org, o)
        .button(
            Button.of(
                NAME.equals(name) ? "Sign in with Okta" : "Sign in with Okta (" + name + ")",
                "#191919",
                "#ffffff"))
        .profileFields(new ProfileFields("/sub", "/name", "/picture", "/preferred_username"))
        .entity(OktaAuth::new)
        // developer.okta.com "/revoke" (RFC 7009, client authentication as at /token), which the
        // discovery document names as revocation_endpoint below either kind of server.
        .revocation(Revocation.fromMetadata())
        .build();
  }
}
