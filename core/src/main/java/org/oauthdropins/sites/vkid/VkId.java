package org.oauthdropins.sites.vkid;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.util.List;
import java.util.Map;
import org.oauthdropins.Button;
import org.oauthdropins.Credentials;
import org.oauthdropins.ProfileFields;
import org.oauthdropins.Revocation;
import org.oauthdropins.SiteBase;
import org.oauthdropins.SiteFactory;
import org.oauthdropins.SiteOptions;
import org.oauthdropins.engine.oauth2.ClientAuth;
import org.oauthdropins.engine.oauth2.OAuth2Site;
import org.oauthdropins.engine.oauth2.ProfileLoader;
import org.oauthdropins.errors.ProviderException;
import org.oauthdropins.http.HttpCall;
import org.oauthdropins.internal.http.Json;

/**
 * VK ID, VK's OAuth 2.1 login (base URL overrides {@code id} for the login and token endpoints,
 * {@code api} for the VK API).
 *
 * <p>Endpoints: id.vk.com's VK ID documentation ("Справочник методов API VK ID", "Авторизация без
 * SDK для Web", "Обмен токена на информацию о пользователе") and VK's own web SDK
 * (github.com/VKCOM/vkid-web-sdk, {@code src/auth/auth.ts}, {@code types.ts}): the browser goes to
 * {@code id.vk.com/authorize} with {@code response_type=code}, {@code client_id}, {@code
 * redirect_uri}, {@code state}, PKCE ({@code code_challenge}, method S256; PKCE is mandatory) and
 * {@code scope} ({@code vkid.personal_info} is the documented default for sign-in). VK ID answers
 * the redirect URI with {@code code}, {@code state}, {@code type=code_v2} and a {@code device_id},
 * the id of the device the code was made for, which the code exchange must send back: {@code POST
 * id.vk.com/oauth2/auth} (form-encoded) with {@code grant_type=authorization_code}, {@code code},
 * {@code code_verifier}, {@code redirect_uri}, {@code client_id}, {@code device_id} and {@code
 * state}. A refresh goes to the same endpoint with {@code grant_type=refresh_token}, {@code
 * refresh_token}, {@code client_id}, {@code device_id} and {@code state}. The site declares both
 * {@code device_id} and {@code state} as {@link OAuth2Site.Builder#callbackParams callback
 * parameters}: the pipeline sends them in the exchange, keeps them in the login's extra data
 * ({@code callback_params}) and sends them with every refresh. The token answer has {@code
 * access_token} (one hour), {@code refresh_token}, {@code id_token}, {@code user_id}, {@code state}
 * and {@code scope}.
 *
 * <p>The profile is {@code POST id.vk.com/oauth2/user_info} with {@code client_id} and {@code
 * access_token} in the form body (VK ID's reference passes tokens in the body, not a header),
 * answered with {@code {"user": {"user_id", "first_name", "last_name", "avatar", "email", ...}}};
 * the stored profile is that {@code user} object.
 *
 * <p>Client authentication: VK's web SDK and the reference's token request send only {@code
 * client_id} (a public client held by PKCE), so no secret is sent ({@link ClientAuth#NONE}); the
 * credentials pair {@code vkid_client_id}/{@code vkid_client_secret} is still read, like every
 * site's, and the secret (the app's "protected key") is not used by the login. Not confirmed from
 * the documentation, and so chosen: whether the token endpoint would also accept a {@code
 * client_secret}; and the refresh's {@code state}, which the reference calls an arbitrary string:
 * the callback's (spent) state is sent again.
 *
 * <p>Revocation and logout (for the lifecycle work, not wired here): {@code POST
 * id.vk.com/oauth2/revoke} (revokes the app's access) and {@code POST id.vk.com/oauth2/logout}
 * (ends the token's session), each with {@code client_id} and {@code access_token} in the body, as
 * VK's web SDK sends them; whether VK ID also wants the {@code device_id} there could not be
 * confirmed from the reference (the login keeps it: {@code CodeFlowPipeline.callbackParams(record)}
 * gives it to a revocation request). Public (masked) data from the ID token: {@code POST
 * id.vk.com/oauth2/public_info} with {@code id_token}.
 *
 * <p>The key is the VK {@code user_id}: the number of the user's VK account (the {@code N} of
 * {@code vk.com/idN}), which stays with the account; the short address and the names can be
 * changed. VK ID sends it as a string in {@code user_info} and as a number in the token answer.
 */
public final class VkId {

  /** The {@code id} base URL of the login and token endpoints; {@code withBase(VkId.ID, url)}. */
  public static final SiteBase ID = SiteBase.of("id", "https://id.vk.com");

  /** The {@code api} base URL of the VK API; {@code withBase(VkId.API, url)}. */
  public static final SiteBase API = SiteBase.of("api", "https://api.vk.com");

  /** The scope of the user's name, photo, gender and birthday: VK ID's default for sign-in. */
  public static final String PERSONAL_INFO = "vkid.personal_info";

  /** The callback parameter that names the device the code was made for. */
  public static final String DEVICE_ID = "device_id";

  /** Lists VK ID for apps and the demo. */
  public static final SiteFactory FACTORY =
      new SiteFactory("vkid", "vkid_client_id", "vkid_client_secret", VkId::create);

  private VkId() {}

  /** VK ID with the given options; credentials default to {@code vkid_client_id/secret}. */
  public static OAuth2Site<VkIdAuth> create(SiteOptions o) {
    Credentials credentials = o.credentials("vkid_client_id", "vkid_client_secret");
    URI userInfo = o.url(ID, "/oauth2/user_info");
    return OAuth2Site.builder("vkid", "VkIdAuth")
        // VK's blue with white text, as the VK ID button guidelines show.
        .button(Button.of("Sign in with VK ID", "#0077FF", "#ffffff"))
        .credentials(credentials)
        .options(o)
        .apiBase(o.url(API, "/method"))
        .authorizeUrl(o.url(ID, "/authorize"))
        .tokenUrl(o.url(ID, "/oauth2/auth"))
        .clientAuth(ClientAuth.NONE)
        .defaultScopes(List.of(PERSONAL_INFO))
        .callbackParams(DEVICE_ID, "state")
        .profile(
            (transport, token) -> {
              HttpCall call =
                  HttpCall.postForm(
                      userInfo,
                      Map.of(
                          "client_id",
                          credentials.clientId(),
                          "access_token",
                          token.accessToken()));
              JsonNode user = ProfileLoader.json("vkid", transport.send(call)).path("user");
              if (!user.isObject()) {
                throw new ProviderException("vkid user_info answer has no user");
              }
              return user;
            })
        .keyId(user -> Json.text(user, "user_id"))
        .profileFields(new ProfileFields("/user_id", "/first_name", "/avatar", null))
        .entity(VkIdAuth::new)
        // VK ID's method reference and its web SDK (VKCOM/vkid-web-sdk, src/auth/auth.ts):
        // POST /oauth2/revoke with client_id and access_token (the SDK sends no device_id there).
        .revocation(Revocation.formPost(o.url(ID, "/oauth2/revoke"), "access_token", Map.of()))
        .build();
  }
}
