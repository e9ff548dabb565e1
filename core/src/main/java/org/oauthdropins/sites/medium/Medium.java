package org.oauthdropins.sites.medium;

import java.util.List;
import org.oauthdropins.Button;
import org.oauthdropins.ProfileFields;
import org.oauthdropins.SiteFactory;
import org.oauthdropins.SiteOptions;
import org.oauthdropins.engine.oauth2.ClientAuth;
import org.oauthdropins.engine.oauth2.OAuth2Site;
import org.oauthdropins.engine.oauth2.ProfileLoader;
import org.oauthdropins.internal.http.Json;

/**
 * Medium (base URL overrides {@code web} for medium.com and {@code api} for api.medium.com).
 *
 * <p>Endpoints: Medium's API docs (github.com/Medium/medium-api-docs). The token endpoint takes the
 * client secret in the body and issues a refresh token; scopes are comma-separated. {@code /v1/me}
 * wraps the user in {@code data}. Medium closed new integrations, so this serves existing ones.
 * Medium does not support PKCE.
 */
public final class Medium {

  /** The default {@code web} base URL; {@code SiteOptions.withBase("web", url)} moves it. */
  public static final String WEB = "https://medium.com";

  /** The default {@code api} base URL; {@code SiteOptions.withBase("api", url)} moves it. */
  public static final String API = "https://api.medium.com";

  /** Lists Medium for apps and the demo. */
  public static final SiteFactory FACTORY =
      new SiteFactory("medium", "medium_client_id", "medium_client_secret", Medium::create);

  private Medium() {}

  /** Medium with the given options; credentials default to {@code medium_client_id/secret}. */
  public static OAuth2Site<MediumAuth> create(SiteOptions o) {
    return OAuth2Site.builder("medium", "MediumAuth")
        .button(Button.of("Sign in with Medium", "#000000", "#ffffff"))
        .credentials(o.credentials("medium_client_id", "medium_client_secret"))
        .options(o)
        .apiBase(o.url("api", API, "/v1"))
        .authorizeUrl(o.url("web", WEB, "/m/oauth/authorize"))
        .tokenUrl(o.url("api", API, "/v1/tokens"))
        .clientAuth(ClientAuth.POST)
        .pkce(false)
        .scopeSeparator(",")
        .defaultScopes(List.of("basicProfile"))
        .profile(ProfileLoader.bearerGet("medium", o.url("api", API, "/v1/me")))
        .keyId(user -> Json.text(user, "data", "id"))
        .profileFields(new ProfileFields(null, null, "/data/imageUrl"))
        .entity(MediumAuth::new)
        .build();
  }
}
