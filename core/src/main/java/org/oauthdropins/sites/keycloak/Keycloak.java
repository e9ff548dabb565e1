package org.oauthdropins.sites.keycloak;

import java.net.URI;
import java.util.List;
import org.oauthdropins.Button;
import org.oauthdropins.ProfileFields;
import org.oauthdropins.Revocation;
import org.oauthdropins.SiteBase;
import org.oauthdropins.SiteFactory;
import org.oauthdropins.SiteOptions;
import org.oauthdropins.engine.oauth2.OAuth2Site;
import org.oauthdropins.engine.oidc.Oidc;
import org.oauthdropins.engine.oidc.OidcProvider;
import org.oauthdropins.internal.http.Json;
import org.oauthdropins.sites.tenant.TenantIssuer;

/**
 * Keycloak, the self-hosted identity server, as an OpenID Connect provider: one realm of one
 * Keycloak install, named by the realm's URL, which is also its issuer ({@code
 * https://HOST/realms/REALM}; {@code https://HOST/auth/realms/REALM} on installs older than
 * Keycloak 17 or started with that path).
 *
 * <p>Endpoints: keycloak.org, "Securing applications and services with OpenID Connect", "Available
 * endpoints": below the realm, {@code /protocol/openid-connect/auth}, {@code .../token}, {@code
 * .../userinfo}, {@code .../certs} (the keys), and the discovery document at {@code
 * /.well-known/openid-configuration}. They are written down here, as every install serves the same
 * paths, so that no login waits for discovery. Keycloak's discovery document lists {@code
 * client_secret_basic} (used here) and {@code _post}, PKCE S256, and {@code
 * authorization_response_iss_parameter_supported}: Keycloak sends {@code iss} with every
 * authorization response (RFC 9207), so a callback without it, or with another realm's, is refused.
 * A client whose "Exclude Issuer From Authentication Response" compatibility switch is on does not
 * send it, and cannot log in here until the switch is off again.
 *
 * <p>The login asks for {@code openid profile email}: the subject, name, username and address. The
 * token answer carries a refresh token (the realm's SSO session bounds how long it works), which
 * renews the access token; a realm can make refresh tokens single-use ("Revoke Refresh Token"), and
 * the engine then writes each new one back before the next use.
 *
 * <p><b>The key</b> is {@code sub}, the user's id in Keycloak, qualified by the realm: {@code
 * sub@instance}, where the instance is the issuer less its scheme ({@code
 * 5c0f0c2e-...@sso.example.org/realms/main}). The id is fixed for the user's life, while the
 * username ({@code preferred_username}) can be changed where the realm allows it, and the address
 * too; but an id is only an id in its own install, and an administrator can create a user with an
 * id of their choosing (a realm import names it), so a key without the realm would let a user of
 * one Keycloak, or of a realm the app trusts less, load the login of the user with that id in
 * another: the same reasoning as GitLab's keys (see the README, "GitLab keys"). Since Keycloak 25
 * {@code sub} comes with the {@code basic} client scope, a default scope of every client; a client
 * without it gets no {@code sub}, and its logins fail.
 *
 * <p><b>Configuration.</b> There is no default realm: {@link #create(SiteOptions)} refuses to make
 * the site until {@code options.withBase(Keycloak.REALM, "https://HOST/realms/REALM")} (Spring
 * Boot, Quarkus: {@code oauth-dropins.sites.keycloak.base-urls.realm}) names one. An app that
 * offers a second realm makes a second site under its own name, {@code Keycloak.create("staff",
 * options.withBase(Keycloak.REALM, url))}, with its own paths and credentials ({@code
 * staff_client_id}, {@code staff_client_secret}).
 *
 * <p>The entity's API base is the realm URL, below which Keycloak serves the user's Account REST
 * API ({@code /account}) and the userinfo endpoint.
 */
public final class Keycloak {

  /** The site's name. */
  public static final String NAME = "keycloak";

  /**
   * The {@code realm} base URL: the realm's URL, its issuer, e.g. {@code
   * https://sso.example.org/realms/main}. It has no real default (every install is its own): the
   * site refuses to start until it is moved, and the URL here only stands for the shape.
   */
  public static final SiteBase REALM =
      SiteBase.of("realm", "https://keycloak.invalid/realms/REALM");

  /** What a login asks for: OpenID Connect, the user's profile and address. */
  public static final List<String> SCOPES = Oidc.GENERIC_SCOPES;

  /** Lists Keycloak for apps and the demo. */
  public static final SiteFactory FACTORY =
      new SiteFactory(NAME, "keycloak_client_id", "keycloak_client_secret", Keycloak::create);

  private Keycloak() {}

  /**
   * The site {@code keycloak}, at the realm that {@code options} names; credentials default to
   * {@code keycloak_client_id/secret}.
   *
   * @throws IllegalStateException if the options name no realm
   */
  public static OAuth2Site<KeycloakAuth> create(SiteOptions o) {
    return create(NAME, o);
  }

  /**
   * A Keycloak site under its own name, for an app that offers more than one realm.
   *
   * @param name the site's name, e.g. {@code staff}: its paths, button and credential files ({@code
   *     <name>_client_id}, {@code <name>_client_secret})
   * @param o options; the {@code realm} base is the realm's URL
   * @throws IllegalStateException if the options name no realm
   */
  public static OAuth2Site<KeycloakAuth> create(String name, SiteOptions o) {
    OidcProvider provider = provider(o);
    String issuer = provider.issuer();
    return Oidc.builder(
            name,
            "KeycloakAuth",
            provider,
            o.credentials(name + "_client_id", name + "_client_secret"),
            o.transport())
        .button(
            Button.of(
                NAME.equals(name)
                    ? "Sign in with Keycloak"
                    : "Sign in with Keycloak (" + Oidc.issuerWithoutScheme(issuer) + ")",
                "#4d4d4d",
                "#ffffff"))
        .options(o)
        .apiBase(URI.create(issuer))
        .defaultScopes(SCOPES)
        .keyId(user -> TenantIssuer.keyId(Json.text(user, "sub"), issuer))
        .profileFields(new ProfileFields("/sub", "/name", "/picture", "/preferred_username"))
        .entity(KeycloakAuth::new)
        // The realm's discovery names its revocation_endpoint (RFC 7009).
        .revocation(Revocation.fromMetadata())
        .build();
  }

  /**
   * A realm's endpoints, below its URL (the issuer), as every Keycloak serves them.
   *
   * @throws IllegalStateException if the options name no realm
   */
  public static OidcProvider provider(SiteOptions o) {
    String realm =
        TenantIssuer.required(
            o, REALM, "Keycloak needs its realm's URL", "https://HOST/realms/REALM");
    return OidcProvider.builder(realm)
        .authorizationEndpoint(o.url(REALM, "/protocol/openid-connect/auth"))
        .tokenEndpoint(o.url(REALM, "/protocol/openid-connect/token"))
        .userinfoEndpoint(o.url(REALM, "/protocol/openid-connect/userinfo"))
        .jwksUri(o.url(REALM, "/protocol/openid-connect/certs"))
        .endSessionEndpoint(o.url(REALM, "/protocol/openid-connect/logout"))
        .issParameter(true)
        .build();
  }
}
