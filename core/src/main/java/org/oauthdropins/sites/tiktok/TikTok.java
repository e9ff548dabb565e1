package org.oauthdropins.sites.tiktok;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.LinkedHashMap;
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
import org.oauthdropins.engine.oauth2.TokenLifecycle;
import org.oauthdropins.errors.ProviderException;
import org.oauthdropins.internal.http.Json;

/**
 * TikTok, Login Kit for Web (base URL overrides {@code www} for the authorization page, {@code
 * open} for the token endpoint and the Display API).
 *
 * <p>Endpoints: developers.tiktok.com, "Login Kit for Web", "Manage User Access Tokens with OAuth
 * v2", "Get User Info" and "Scopes": the browser goes to {@code www.tiktok.com/v2/auth/authorize/}
 * with the app named by {@code client_key}, TikTok's name for the client id, and a comma-separated
 * {@code scope}, {@code user.info.basic} (open id, avatar, display name) being the sign-in one; the
 * code is redeemed at {@code open.tiktokapis.com/v2/oauth/token/}, form-encoded, with {@code
 * client_key} and {@code client_secret} in the body, and a refresh ({@code
 * grant_type=refresh_token}) names the app the same way. The engine also sends the standard {@code
 * client_id} beside {@code client_key}, which TikTok's documentation neither asks for nor forbids;
 * that TikTok ignores it is not confirmed. PKCE is documented for the desktop and mobile kits (with
 * a hex, not base64url, challenge on desktop) and not for the web, so none is sent.
 *
 * <p>Access tokens last 24 hours, refresh tokens 365 days; a refresh may answer with a new refresh
 * token, which the engine stores. Revocation: {@code POST open.tiktokapis.com/v2/oauth/revoke/}
 * with {@code client_key}, {@code client_secret} and {@code token} ("Revoke a User Access Token",
 * which also disconnects the app from the user's account); the engine sends it as RFC 7009 with
 * {@code client_key} beside the standard parameters, the refresh token first and then the access
 * token. TikTok documents the access token there; that it takes the refresh token too is not
 * confirmed.
 *
 * <p>The profile is {@code GET /v2/user/info/?fields=open_id,union_id,avatar_url,display_name}, an
 * answer whose {@code error.code} is {@code ok} and whose user is {@code data.user}. The key is the
 * {@code open_id}, TikTok's id for the user in this app (the token answer names it too); it does
 * not change, while the display name does. {@code union_id} (the same user across one developer's
 * apps) is on the entity.
 */
public final class TikTok {

  /** The {@code www} base URL of the authorization page; {@code withBase(TikTok.WWW, url)}. */
  public static final SiteBase WWW = SiteBase.of("www", "https://www.tiktok.com");

  /**
   * The {@code open} base URL of the token endpoint and API; {@code withBase(TikTok.OPEN, url)}.
   */
  public static final SiteBase OPEN = SiteBase.of("open", "https://open.tiktokapis.com");

  /** The scope of the user's open id, avatar and display name. */
  public static final String USER_INFO_BASIC = "user.info.basic";

  /** The fields {@code user.info.basic} covers, asked for by the profile request. */
  static final String FIELDS = "open_id,union_id,avatar_url,display_name";

  /** Lists TikTok for apps and the demo. */
  public static final SiteFactory FACTORY =
      new SiteFactory("tiktok", "tiktok_client_key", "tiktok_client_secret", TikTok::create);

  private TikTok() {}

  /** TikTok with the given options; credentials default to {@code tiktok_client_key/secret}. */
  public static OAuth2Site<TikTokAuth> create(SiteOptions o) {
    Credentials creds = o.credentials("tiktok_client_key", "tiktok_client_secret");
    Map<String, String> clientKey = Map.of("client_key", creds.clientId());
    ProfileLoader info =
        ProfileLoader.bearerGet("tiktok", o.url(OPEN, "/v2/user/info/?fields=" + FIELDS));
    return OAuth2Site.builder("tiktok", "TikTokAuth")
        // TikTok's black with white text.
        .button(Button.of("Continue with TikTok", "#000000", "#FFFFFF"))
        .credentials(creds)
        .options(o)
        .apiBase(o.url(OPEN, "/v2"))
        .authorizeUrl(o.url(WWW, "/v2/auth/authorize/"))
        .tokenUrl(o.url(OPEN, "/v2/oauth/token/"))
        .clientAuth(ClientAuth.POST)
        .pkce(false)
        .scopeSeparator(",")
        .defaultScopes(List.of(USER_INFO_BASIC))
        .authorizeParams(clientKey)
        .tokenParams(clientKey)
        // A refresh names the app by client_key too, as TikTok asks.
        .tokenLifecycle(
            TokenLifecycle.refreshingWith(
                (refreshToken, tokens) -> tokens.post(refreshForm(refreshToken, creds.clientId()))))
        .profile((transport, token) -> user(info.load(transport, token)))
        .keyId(user -> Json.text(user, "open_id"))
        .profileFields(new ProfileFields("/open_id", "/display_name", "/avatar_url", null))
        .entity(TikTokAuth::new)
        // developers.tiktok.com "Revoke a User Access Token": POST /v2/oauth/revoke/, the app by
        // client_key and client_secret in the form (the token params add client_key).
        .revocation(Revocation.rfc7009(o.url(OPEN, "/v2/oauth/revoke/")))
        .build();
  }

  /** The user of a {@code /v2/user/info/} answer, which reports errors in its {@code error}. */
  private static JsonNode user(JsonNode answer) {
    String code = Json.text(answer.path("error"), "code");
    JsonNode user = answer.path("data").path("user");
    if (!"ok".equals(code) || !user.isObject()) {
      throw new ProviderException(
          "tiktok user info answered "
              + (code == null ? "no user" : ProviderException.clean(code)));
    }
    return user;
  }

  /** A refresh request's form, naming the app by {@code client_key} beside the standard fields. */
  private static Map<String, String> refreshForm(String refreshToken, String clientKey) {
    Map<String, String> form = new LinkedHashMap<>();
    form.put("grant_type", "refresh_token");
    form.put("refresh_token", refreshToken);
    form.put("client_key", clientKey);
    return form;
  }
}
