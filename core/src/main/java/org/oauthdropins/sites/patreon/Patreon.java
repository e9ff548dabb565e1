package org.oauthdropins.sites.patreon;

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
 * Patreon (base URL override {@code web} for www.patreon.com, where the OAuth endpoints and the API
 * live).
 *
 * <p>Endpoints: docs.patreon.com, "OAuth" and "API v2 > Get /api/oauth2/v2/identity": the browser
 * goes to {@code www.patreon.com/oauth2/authorize} with the scope {@code identity}, all sign-in
 * needs ({@code identity[email]} adds the address); the code is redeemed at {@code
 * www.patreon.com/api/oauth2/token}, form-encoded, with {@code client_id} and {@code client_secret}
 * in the body. Tokens last 31 days ({@code expires_in} 2678400) and a refresh answers with a new
 * access token and a new refresh token. Patreon documents no PKCE (S256 is sent, which a server
 * without PKCE ignores) and no token revocation endpoint.
 *
 * <p>The profile is {@code GET www.patreon.com/api/oauth2/v2/identity} with a sparse fieldset
 * ({@code fields[user]=full_name,image_url,url,vanity}): API v2 returns no attribute unless asked.
 * The answer is a JSON:API document, kept whole as {@link org.oauthdropins.AuthEntity#userJson()};
 * the user is {@code data}. The key is {@code data.id}, the Patreon user id; the name and the
 * vanity URL can be changed.
 */
public final class Patreon {

  /**
   * The {@code web} base URL of the OAuth endpoints and the API; {@code withBase(Patreon.WEB, u)}.
   */
  public static final SiteBase WEB = SiteBase.of("web", "https://www.patreon.com");

  /** The scope that reads the user's identity, all sign-in needs. */
  public static final String IDENTITY = "identity";

  /** The scope that adds the user's {@code email} (asked for in the fieldset too). */
  public static final String IDENTITY_EMAIL = "identity[email]";

  /** The user attributes the identity call asks for. */
  static final String FIELDS = "full_name,image_url,url,vanity,email";

  /** Lists Patreon for apps and the demo. */
  public static final SiteFactory FACTORY =
      new SiteFactory("patreon", "patreon_client_id", "patreon_client_secret", Patreon::create);

  private Patreon() {}

  /** Patreon with the given options; credentials default to {@code patreon_client_id/secret}. */
  public static OAuth2Site<PatreonAuth> create(SiteOptions o) {
    return OAuth2Site.builder("patreon", "PatreonAuth")
        // Patreon's coral with white text.
        .button(Button.of("Log in with Patreon", "#FF424D", "#ffffff"))
        .credentials(o.credentials("patreon_client_id", "patreon_client_secret"))
        .options(o)
        .apiBase(o.url(WEB, "/api/oauth2/v2"))
        .authorizeUrl(o.url(WEB, "/oauth2/authorize"))
        .tokenUrl(o.url(WEB, "/api/oauth2/token"))
        .clientAuth(ClientAuth.POST)
        .defaultScopes(List.of(IDENTITY))
        .profile(
            ProfileLoader.bearerGet(
                "patreon", o.url(WEB, "/api/oauth2/v2/identity?fields%5Buser%5D=" + FIELDS)))
        .keyId(user -> Json.text(user, "data", "id"))
        .profileFields(
            new ProfileFields(
                "/data/id", "/data/attributes/full_name", "/data/attributes/image_url", null))
        .entity(PatreonAuth::new)
        .build();
  }
}
