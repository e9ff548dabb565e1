package org.oauthdropins.sites.medium;

import java.util.List;
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
 * Medium (base URL overrides {@code web} for medium.com and {@code api} for api.medium.com).
 *
 * <p>Endpoints: Medium's API docs (github.com/Medium/medium-api-docs). The token endpoint takes the
 * client secret in the body and issues a refresh token; scopes are comma-separated. {@code /v1/me}
 * wraps the user in {@code data}. Medium closed new integrations, so this serves existing ones.
 * Medium does not support PKCE.
 *
 * <p>No revocation: Medium's retired API documented none, so a disconnect deletes the login here
 * only.
 */
public final class Medium {

  /** The {@code web} base URL; {@code options.withBase(Medium.WEB, url)} moves it. */
  public static final SiteBase WEB = SiteBase.of("web", "https://medium.com");

  /** The {@code api} base URL; {@code options.withBase(Medium.API, url)} moves it. */
  public static final SiteBase API = SiteBase.of("api", "https://api.medium.com");

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
        .apiBase(o.url(API, "/v1"))
        .authorizeUrl(o.url(WEB, "/m/oauth/authorize"))
        .tokenUrl(o.url(API, "/v1/tokens"))
        .clientAuth(ClientAuth.POST)
        .pkce(false)
        .scopeSeparator(",")
        .defaultScopes(List.of("basicProfile"))
        .profile(ProfileLoader.bearerGet("medium", o.url(API, "/v1/me")))
        .keyId(user -> Json.text(user, "data", "id"))
        .profileFields(new ProfileFields(null, null, "/data/imageUrl"))
        .entity(MediumAuth::new)
        .build();
  }
}
