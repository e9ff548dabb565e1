package org.oauthdropins.sites.amazon;

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
 * Login with Amazon (base URL overrides {@code www} for the browser, {@code api} for tokens and the
 * profile; {@code https://api.amazon.co.uk} or {@code https://api.amazon.co.jp} for an app of the
 * EU or Far East region).
 *
 * <p>Endpoints: developer.amazon.com, Login with Amazon, "Authorization Code Grant" and "Customer
 * Profile": the browser goes to {@code www.amazon.com/ap/oa} with {@code scope}, {@code
 * response_type=code}, {@code redirect_uri}, {@code state} and PKCE ({@code code_challenge},
 * "{@code S256} recommended"); the code is redeemed at {@code api.amazon.com/auth/o2/token},
 * form-encoded, with {@code client_id} and {@code client_secret} in the form (the page also allows
 * HTTP Basic). The profile is {@code GET api.amazon.com/user/profile} with the Bearer token: {@code
 * user_id}, {@code name}, {@code email}. Login with Amazon is OAuth 2 only, with no ID token.
 *
 * <p>The login asks for {@code profile} (name, address and id; {@code profile:user_id} would give
 * the id alone). The access token lasts an hour; every code exchange brings a refresh token, which
 * renews it. No token revocation endpoint is documented for websites; a user removes an app at
 * amazon.com ("Login with Amazon" in their account).
 *
 * <p>The key is {@code user_id} ({@code amzn1.account.…}), which the Customer Profile page calls an
 * identifier unique to the customer for the app's security profile; the name and address can
 * change.
 */
public final class Amazon {

  /** The {@code www} base URL, where the browser is sent. */
  public static final SiteBase WWW = SiteBase.of("www", "https://www.amazon.com");

  /** The {@code api} base URL, of the token endpoint and the profile. */
  public static final SiteBase API = SiteBase.of("api", "https://api.amazon.com");

  /** Lists Amazon for apps and the demo. */
  public static final SiteFactory FACTORY =
      new SiteFactory("amazon", "amazon_client_id", "amazon_client_secret", Amazon::create);

  private Amazon() {}

  /**
   * Login with Amazon with the given options; credentials default to {@code
   * amazon_client_id/secret}.
   */
  public static OAuth2Site<AmazonAuth> create(SiteOptions o) {
    return OAuth2Site.builder("amazon", "AmazonAuth")
        // Amazon's button: its orange-yellow with dark text.
        .button(Button.of("Login with Amazon", "#ffd814", "#0f1111"))
        .credentials(o.credentials("amazon_client_id", "amazon_client_secret"))
        .options(o)
        .apiBase(o.url(API, ""))
        .authorizeUrl(o.url(WWW, "/ap/oa"))
        .tokenUrl(o.url(API, "/auth/o2/token"))
        .clientAuth(ClientAuth.POST)
        .defaultScopes(List.of("profile"))
        .profile(ProfileLoader.bearerGet("amazon", o.url(API, "/user/profile")))
        .keyId(user -> Json.text(user, "user_id"))
        .profileFields(new ProfileFields("/user_id", "/name", null, null))
        .entity(AmazonAuth::new)
        .build();
  }
}
