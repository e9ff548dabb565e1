package org.oauthdropins.sites.bitbucket;

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
 * Bitbucket Cloud (base URL overrides {@code web} for the OAuth endpoints, {@code api} for the REST
 * API).
 *
 * <p>Endpoints: developer.atlassian.com, Bitbucket Cloud "OAuth 2.0" and the REST API's "Users":
 * the browser goes to {@code bitbucket.org/site/oauth2/authorize} with {@code client_id} and {@code
 * response_type=code}; the code is redeemed at {@code bitbucket.org/site/oauth2/access_token},
 * form-encoded, the consumer by HTTP Basic ({@code curl -u client_id:secret} in the docs).
 * Bitbucket Cloud's OAuth is not Atlassian's 3LO: no {@code audience}, and the scopes are the
 * consumer's permissions, set in its settings; the docs say the {@code scope} parameter of a
 * request is not supported, so none is sent. PKCE is not documented and not sent. The profile is
 * {@code GET api.bitbucket.org/2.0/user}, which needs the consumer's {@code account} permission.
 *
 * <p>Access tokens last two hours; every code exchange brings a refresh token, which renews them.
 * No revocation endpoint is documented for OAuth consumers.
 *
 * <p>The key is the user's {@code uuid} ({@code {...}} with braces), which Bitbucket keeps for the
 * user's life, while the {@code username} and display name can change (Bitbucket's 2019 API changes
 * deprecated usernames as identifiers for that reason); the Atlassian {@code account_id} is on the
 * entity.
 */
public final class Bitbucket {

  /** The {@code web} base URL, of the OAuth endpoints. */
  public static final SiteBase WEB = SiteBase.of("web", "https://bitbucket.org");

  /** The {@code api} base URL of the REST API. */
  public static final SiteBase API = SiteBase.of("api", "https://api.bitbucket.org");

  /** Lists Bitbucket for apps and the demo. */
  public static final SiteFactory FACTORY =
      new SiteFactory(
          "bitbucket", "bitbucket_client_id", "bitbucket_client_secret", Bitbucket::create);

  private Bitbucket() {}

  /**
   * Bitbucket with the given options; credentials default to {@code bitbucket_client_id/secret}.
   */
  public static OAuth2Site<BitbucketAuth> create(SiteOptions o) {
    return OAuth2Site.builder("bitbucket", "BitbucketAuth")
        // Bitbucket's blue.
        .button(Button.of("Sign in with Bitbucket", "#0052cc", "#ffffff"))
        .credentials(o.credentials("bitbucket_client_id", "bitbucket_client_secret"))
        .options(o)
        .apiBase(o.url(API, "/2.0"))
        .authorizeUrl(o.url(WEB, "/site/oauth2/authorize"))
        .tokenUrl(o.url(WEB, "/site/oauth2/access_token"))
        .clientAuth(ClientAuth.BASIC)
        .pkce(false)
        .profile(ProfileLoader.bearerGet("bitbucket", o.url(API, "/2.0/user")))
        .keyId(user -> Json.text(user, "uuid"))
        .profileFields(
            new ProfileFields("/uuid", "/display_name", "/links/avatar/href", "/username"))
        .entity(BitbucketAuth::new)
        .build();
  }
}
