package org.oauthdropins.sites.paypal;

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
 * Log in with PayPal (base URL overrides {@code web} for the browser, {@code api} for tokens and
 * the profile; {@code https://www.sandbox.paypal.com} and {@code https://api-m.sandbox.paypal.com}
 * for the sandbox).
 *
 * <p>Endpoints: developer.paypal.com, "Integrate Log in with PayPal", "Log in with PayPal
 * reference" and the Identity API reference: the browser goes to {@code
 * www.paypal.com/signin/authorize} with {@code flowEntry=static}, {@code client_id}, {@code
 * response_type=code}, {@code scope} and {@code redirect_uri}; the code is redeemed at {@code
 * api-m.paypal.com/v1/oauth2/token}, the app by HTTP Basic ({@code client_id:secret}, as the
 * reference's "Invalid client credentials" error describes). The profile is {@code GET
 * /v1/identity/oauth2/userinfo?schema=paypalv1.1} with the Bearer token, as the integration guide
 * shows it; the Identity API reference names {@code
 * /v1/identity/openidconnect/userinfo?schema=openid} instead, with fewer fields: the guide's
 * endpoint is used, and the contradiction is noted here. PayPal documents no PKCE for this flow, so
 * none is sent; the token answer's ID token is not used, the profile being the userinfo answer.
 *
 * <p>The login asks for {@code openid profile email}: {@code openid} is required, {@code profile}
 * adds the name and {@code email} the addresses; the app must enable the same attributes in its
 * PayPal app settings. Access tokens last eight hours ({@code expires_in} 28800 in PayPal's
 * examples) and every code exchange brings a refresh token. Revocation: PayPal documents none for
 * Log in with PayPal; the user removes the app in their PayPal settings.
 *
 * <p>The key is {@code user_id}, the identity URL PayPal gives the user ({@code
 * https://www.paypal.com/webapps/auth/identity/user/...}), which the reference describes as the
 * subject identifier of the user at PayPal; the name and addresses can change. The PayPal account
 * id ({@code payer_id}) comes only with the scope {@code
 * https://uri.paypal.com/services/paypalattributes} ({@link #PAYPAL_ATTRIBUTES}). Whether {@code
 * user_id} is the same for every app of one merchant could not be confirmed from PayPal's
 * documentation.
 */
public final class PayPal {

  /** The {@code web} base URL, where the browser is sent. */
  public static final SiteBase WEB = SiteBase.of("web", "https://www.paypal.com");

  /** The {@code api} base URL, of the token endpoint and the profile. */
  public static final SiteBase API = SiteBase.of("api", "https://api-m.paypal.com");

  /** The scope that adds {@code payer_id} and {@code verified_account} to the profile. */
  public static final String PAYPAL_ATTRIBUTES = "https://uri.paypal.com/services/paypalattributes";

  /** Lists PayPal for apps and the demo. */
  public static final SiteFactory FACTORY =
      new SiteFactory("paypal", "paypal_client_id", "paypal_client_secret", PayPal::create);

  private PayPal() {}

  /**
   * Log in with PayPal with the given options; credentials default to {@code
   * paypal_client_id/secret}.
   */
  public static OAuth2Site<PayPalAuth> create(SiteOptions o) {
    return OAuth2Site.builder("paypal", "PayPalAuth")
        // PayPal's blue, as its Log in with PayPal button uses it.
        .button(Button.of("Log in with PayPal", "#0070ba", "#ffffff"))
        .credentials(o.credentials("paypal_client_id", "paypal_client_secret"))
        .options(o)
        .apiBase(o.url(API, "/v1"))
        .authorizeUrl(o.url(WEB, "/signin/authorize"))
        .tokenUrl(o.url(API, "/v1/oauth2/token"))
        .clientAuth(ClientAuth.BASIC)
        .pkce(false)
        .defaultScopes(List.of("openid", "profile", "email"))
        .authorizeParams(Map.of("flowEntry", "static"))
        .profile(
            ProfileLoader.bearerGet(
                "paypal", o.url(API, "/v1/identity/oauth2/userinfo?schema=paypalv1.1")))
        .keyId(user -> Json.text(user, "user_id"))
        .profileFields(new ProfileFields("/user_id", "/name", null, null))
        .entity(PayPalAuth::new)
        .build();
  }
}
