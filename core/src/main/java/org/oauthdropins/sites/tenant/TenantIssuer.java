package org.oauthdropins.sites.tenant;

import java.net.URI;
import org.oauthdropins.SiteBase;
import org.oauthdropins.SiteOptions;
import org.oauthdropins.engine.oauth2.OAuth2Site;
import org.oauthdropins.engine.oidc.Oidc;
import org.oauthdropins.engine.oidc.OidcAuth;
import org.oauthdropins.internal.http.Json;

/**
 * What the sites at one tenant of an identity platform share (Keycloak realms, Okta orgs, Auth0
 * tenants, Cognito user pools): the tenant's URL is a base the app must set, as no default could be
 * anyone's tenant, and user ids name a user only within their tenant, so keys carry it.
 */
public final class TenantIssuer {

  private TenantIssuer() {}

  /**
   * The tenant's URL that the options name, or a clear refusal: an app that forgot it learns at
   * start which property to set, rather than sending its users to a placeholder host.
   *
   * @param o the site's options
   * @param base the base that holds the tenant's URL
   * @param what what the site needs, e.g. {@code "Okta needs its authorization server's issuer"}
   * @param shape the URL's shape, e.g. {@code https://ORG.okta.com/oauth2/default}
   * @return the URL, without a trailing {@code /}
   * @throws IllegalStateException if the options do not move {@code base}
   */
  public static String required(SiteOptions o, SiteBase base, String what, String shape) {
    if (o.moved(base).isEmpty()) {
      throw new IllegalStateException(
          what
              + " ("
              + shape
              + "): set the base URL "
              + base.name()
              + " (options.withBase(\""
              + base.name()
              + "\", url), or the property base-urls."
              + base.name()
              + ")");
    }
    return o.url(base, "").toString();
  }

  /**
   * {@code sub@tenant}, the tenant being its issuer less the scheme: two tenants may each have a
   * user of the same id (an administrator can import users with ids of their choosing), and an app
   * that offers both must not let one load the other's login.
   *
   * @param sub the user's id at the tenant, or null
   * @param issuer the tenant's issuer
   * @return the key id, or null without a {@code sub}
   */
  public static String keyId(String sub, String issuer) {
    return sub == null ? null : sub + "@" + Oidc.issuerWithoutScheme(issuer);
  }

  /**
   * An OpenID Connect site at a tenant known by its issuer alone, its endpoints read from the
   * tenant's discovery document at the first login: credentials from {@code <name>_client_id} and
   * {@code <name>_client_secret}, the issuer as API base, and keys {@code sub@tenant} ({@link
   * #keyId}). The site adds its button, profile fields and entity.
   *
   * @param name the site's name
   * @param kind the entity kind
   * @param issuer the tenant's issuer, exactly as its discovery document names it
   * @param tenant what keys are qualified by: the issuer, or a URL above it that names the same
   *     users (an Okta org, whatever its authorization server)
   * @param o the site's options
   */
  public static OAuth2Site.Builder<OidcAuth> discovered(
      String name, String kind, String issuer, String tenant, SiteOptions o) {
    return Oidc.builder(
            name,
            kind,
            issuer,
            o.credentials(name + "_client_id", name + "_client_secret"),
            o.transport())
        .options(o)
        .apiBase(URI.create(issuer))
        .keyId(user -> keyId(Json.text(user, "sub"), tenant));
  }
}
