package org.oauthdropins.sites.salesforce;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
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
import org.oauthdropins.internal.http.Json;

/**
 * Salesforce, as an OpenID Connect provider (the OAuth 2.0 web server flow with the {@code openid}
 * scope): {@code https://login.salesforce.com} by default, {@code https://test.salesforce.com} for
 * sandboxes, or the org's My Domain ({@code https://MYDOMAIN.my.salesforce.com}), moved by the base
 * URL {@code login}. Each is its own issuer: the ID token's {@code iss} is the URL the user logged
 * in at.
 *
 * <p>Endpoints: help.salesforce.com, "OAuth 2.0 Web Server Flow for Web App Integration", "OAuth
 * Endpoints", "OpenID Connect Token Introspection and Discovery": below the base, {@code
 * /services/oauth2/authorize}, {@code /services/oauth2/token}, {@code /services/oauth2/userinfo}
 * and the keys at {@code /id/keys}, as the discovery document at {@code
 * /.well-known/openid-configuration} names them. They are written down here, the same on every
 * host, so that no login waits for discovery. The app authenticates with {@code client_id} and
 * {@code client_secret} in the form ({@code client_secret_post}, what the web server flow's page
 * shows); PKCE S256 and a nonce are sent (both documented for the authorize endpoint).
 *
 * <p>The login asks for {@code openid profile email}. A refresh token comes only with the scope
 * {@code refresh_token} ({@link #REFRESH_TOKEN}; {@code offline_access} is its synonym), and the
 * token answer carries no {@code expires_in}: the access token lasts as long as the org's session
 * timeout. Revocation: {@code /services/oauth2/revoke}; logout: {@code
 * /services/auth/idp/oidc/logout} (the discovery document's {@code end_session_endpoint}, written
 * down in the preset, so the {@code logout} route sends the browser there with {@code
 * id_token_hint} and {@code post_logout_redirect_uri}; whether the connected app must list that
 * return URL, and which setting holds it, is not confirmed from Salesforce's documentation).
 *
 * <p><b>The key</b> is {@code ORG_ID/USER_ID}, the userinfo's {@code organization_id} and {@code
 * user_id} (18-character Salesforce ids, which never change), the last two segments of the identity
 * URL that is {@code sub}. Not {@code sub} itself: its host is the one the user logged in at, so
 * the same user would get another key after the app moves from {@code login.salesforce.com} to its
 * My Domain. The org is part of the key because a user id is documented as unique within its org;
 * the username ({@code preferred_username}) can be changed by an administrator.
 *
 * <p>The entity's API base is the login base; REST API calls of an org go to its instance ({@link
 * SalesforceAuth#restUrl()}), which is the My Domain for an app configured with one.
 */
public final class Salesforce {

  /** The site's name. */
  public static final String NAME = "salesforce";

  /**
   * The {@code login} base URL: {@code https://login.salesforce.com}, {@code
   * https://test.salesforce.com} for a sandbox, or the org's My Domain.
   */
  public static final SiteBase LOGIN = SiteBase.of("login", "https://login.salesforce.com");

  /** The scope that asks Salesforce for a refresh token. */
  public static final String REFRESH_TOKEN = "refresh_token";

  /** Lists Salesforce for apps and the demo. */
  public static final SiteFactory FACTORY =
      new SiteFactory(NAME, "salesforce_client_id", "salesforce_client_secret", Salesforce::create);

  private Salesforce() {}

  /**
   * Salesforce with the given options; credentials default to {@code salesforce_client_id/secret}.
   */
  public static OAuth2Site<SalesforceAuth> create(SiteOptions o) {
    OidcProvider provider = provider(o);
    return Oidc.builder(
            NAME,
            "SalesforceAuth",
            provider,
            o.credentials("salesforce_client_id", "salesforce_client_secret"),
            o.transport())
        // Salesforce's blue, as its login buttons use it.
        .button(Button.of("Sign in with Salesforce", "#0176d3", "#ffffff"))
        .options(o)
        .apiBase(URI.create(provider.issuer()))
        .defaultScopes(Oidc.GENERIC_SCOPES)
        .keyId(Salesforce::keyId)
        .profileFields(new ProfileFields("/user_id", "/name", "/picture", "/preferred_username"))
        .entity(SalesforceAuth::new)
        // help.salesforce.com "Revoke OAuth Tokens": a form POST of token to
        // /services/oauth2/revoke;
        // a refresh token ends its access tokens with it.
        .revocation(Revocation.rfc7009(o.url(LOGIN, "/services/oauth2/revoke")))
        .build();
  }

  /** The endpoints below the login base, as every Salesforce host serves them. */
  public static OidcProvider provider(SiteOptions o) {
    return OidcProvider.builder(o.url(LOGIN, "").toString())
        .authorizationEndpoint(o.url(LOGIN, "/services/oauth2/authorize"))
        .tokenEndpoint(o.url(LOGIN, "/services/oauth2/token"))
        .userinfoEndpoint(o.url(LOGIN, "/services/oauth2/userinfo"))
        .jwksUri(o.url(LOGIN, "/id/keys"))
        // "OpenID Connect Token Introspection and Discovery": the discovery document's
        // end_session_endpoint, for RP-initiated logout.
        .endSessionEndpoint(o.url(LOGIN, "/services/auth/idp/oidc/logout"))
        .clientAuth(ClientAuth.POST)
        .build();
  }

  /** {@code ORG_ID/USER_ID}, whatever host the user logged in at. */
  private static String keyId(JsonNode user) {
    String org = Json.text(user, "organization_id");
    String id = Json.text(user, "user_id");
    return org == null || id == null ? null : org + "/" + id;
  }
}
