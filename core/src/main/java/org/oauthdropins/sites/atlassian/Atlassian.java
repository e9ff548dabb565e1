package org.oauthdropins.sites.atlassian;

import java.util.List;
import java.util.Map;
import org.oauthdropins.Button;
import org.oauthdropins.ProfileFields;
import org.oauthdropins.SiteBase;
import org.oauthdropins.SiteFactory;
import org.oauthdropins.SiteOptions;
import org.oauthdropins.engine.oauth2.ClientAuth;
import org.oauthdropins.engine.oauth2.OAuth2Site;
import org.oauthdropins.engine.oauth2.ProfileLoader;
import org.oauthdropins.internal.http.Json;

/**
 * An Atlassian account (Jira, Confluence...), by OAuth 2.0 (3LO) apps (base URL overrides {@code
 * auth} for the authorization server, {@code api} for the API).
 *
 * <p>Endpoints: developer.atlassian.com, "OAuth 2.0 (3LO) apps" and "User Identity API": the
 * browser goes to {@code auth.atlassian.com/authorize} with {@code audience=api.atlassian.com} and
 * {@code prompt=consent} (both in the documented request), the code is redeemed at {@code
 * auth.atlassian.com/oauth/token} with {@code client_id} and {@code client_secret} in the body, and
 * the profile is {@code GET api.atlassian.com/me}. Atlassian's page shows the token request as a
 * JSON body; the library sends the form-encoded body that RFC 6749 §4.1.3 defines, which
 * auth.atlassian.com accepts in practice (other OAuth clients send it), though the page does not
 * say so. Atlassian documents no PKCE for 3LO apps, so none is sent.
 *
 * <p>The login asks for {@code read:me} (the profile; the app must add the User Identity API to its
 * permissions). Access tokens last an hour; a refresh token comes only with the scope {@code
 * offline_access}, and refresh tokens rotate (each refresh answers with a new one, which the engine
 * writes back). Revocation: none documented for 3LO apps; a user revokes an app in their Atlassian
 * account settings.
 *
 * <p>The key is {@code account_id}, the Atlassian account id, which Atlassian's GDPR migration made
 * the one identifier of a user across its products; the name, nickname and address can change (and
 * the address may be hidden by the user's privacy settings).
 */
public final class Atlassian {

  /** The {@code auth} base URL, Atlassian's authorization server. */
  public static final SiteBase AUTH = SiteBase.of("auth", "https://auth.atlassian.com");

  /** The {@code api} base URL. */
  public static final SiteBase API = SiteBase.of("api", "https://api.atlassian.com");

  /** The scope that asks for a refresh token. */
  public static final String OFFLINE_ACCESS = "offline_access";

  /** Lists Atlassian for apps and the demo. */
  public static final SiteFactory FACTORY =
      new SiteFactory(
          "atlassian", "atlassian_client_id", "atlassian_client_secret", Atlassian::create);

  private Atlassian() {}

  /**
   * Atlassian with the given options; credentials default to {@code atlassian_client_id/secret}.
   */
  public static OAuth2Site<AtlassianAuth> create(SiteOptions o) {
    return OAuth2Site.builder("atlassian", "AtlassianAuth")
        // Atlassian's blue.
        .button(Button.of("Sign in with Atlassian", "#0052cc", "#ffffff"))
        .credentials(o.credentials("atlassian_client_id", "atlassian_client_secret"))
        .options(o)
        .apiBase(o.url(API, ""))
        .authorizeUrl(o.url(AUTH, "/authorize"))
        .tokenUrl(o.url(AUTH, "/oauth/token"))
        .clientAuth(ClientAuth.POST)
        .pkce(false)
        .defaultScopes(List.of("read:me"))
        .authorizeParams(Map.of("audience", "api.atlassian.com", "prompt", "consent"))
        .profile(ProfileLoader.bearerGet("atlassian", o.url(API, "/me")))
        .keyId(user -> Json.text(user, "account_id"))
        .profileFields(new ProfileFields("/account_id", "/name", "/picture", "/nickname"))
        .entity(AtlassianAuth::new)
        .build();
  }
}
