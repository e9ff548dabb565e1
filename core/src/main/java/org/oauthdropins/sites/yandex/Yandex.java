package org.oauthdropins.sites.yandex;

import java.net.URI;
import org.oauthdropins.Button;
import org.oauthdropins.ProfileFields;
import org.oauthdropins.SiteBase;
import org.oauthdropins.SiteFactory;
import org.oauthdropins.SiteOptions;
import org.oauthdropins.engine.oauth2.ClientAuth;
import org.oauthdropins.engine.oauth2.OAuth2Site;
import org.oauthdropins.engine.oauth2.ProfileLoader;
import org.oauthdropins.http.HttpCall;
import org.oauthdropins.internal.http.Json;
import org.oauthdropins.store.AccessToken;
import org.oauthdropins.store.AuthRecord;

/**
 * Yandex ID (base URL overrides {@code oauth} for oauth.yandex.com, {@code login} for
 * login.yandex.ru).
 *
 * <p>Endpoints: yandex.com/dev/id/doc, "Getting an OAuth token: authorization code", "Refreshing a
 * token", "Revoking a token" and "Getting user data": the browser goes to {@code
 * oauth.yandex.com/authorize}; the code is redeemed at {@code oauth.yandex.com/token}, the app
 * authenticating either by HTTP Basic or with {@code client_id} and {@code client_secret} in the
 * body (HTTP Basic is used); PKCE S256 ({@code code_challenge}, {@code code_verifier}) is
 * documented. Tokens last a year and come with a refresh token. Revocation: {@code POST
 * oauth.yandex.com/revoke_token} ends only tokens issued for a named device ({@code device_id}),
 * which a web sign-in does not ask for; for other tokens "Revoking a token" says to delete them
 * locally, so a disconnect deletes the login here only and the token lives until the user removes
 * the app at id.yandex.com ("Data access rights") or it expires.
 *
 * <p>No scope is asked for: without {@code scope} the token gets the accesses the app was
 * registered with, which for sign-in are {@code login:info} (names) and {@code login:avatar};
 * {@code login:email} adds the addresses. Asking for an access the app is not registered with is an
 * error, so the library asks for none.
 *
 * <p>The profile is {@code GET login.yandex.ru/info?format=json} with {@code Authorization: OAuth
 * <token>}, the scheme Yandex documents for all its APIs (API calls through the entity are signed
 * the same way). The key is its {@code id}, the Yandex user id: "the unique Yandex user ID", which
 * stays with the account, while the display name can be changed. The picture is built from {@code
 * default_avatar_id} as "Getting user data" says ({@code
 * avatars.yandex.net/get-yapic/<id>/<size>}).
 */
public final class Yandex {

  /**
   * The {@code oauth} base URL of the authorization server; {@code withBase(Yandex.OAUTH, url)}.
   */
  public static final SiteBase OAUTH = SiteBase.of("oauth", "https://oauth.yandex.com");

  /** The {@code login} base URL of the user data API; {@code withBase(Yandex.LOGIN, url)}. */
  public static final SiteBase LOGIN = SiteBase.of("login", "https://login.yandex.ru");

  /** The access that adds {@code default_email} and {@code emails}, asked for as an extra scope. */
  public static final String LOGIN_EMAIL = "login:email";

  /** Lists Yandex for apps and the demo. */
  public static final SiteFactory FACTORY =
      new SiteFactory("yandex", "yandex_client_id", "yandex_client_secret", Yandex::create);

  private Yandex() {}

  /** Yandex with the given options; credentials default to {@code yandex_client_id/secret}. */
  public static OAuth2Site<YandexAuth> create(SiteOptions o) {
    URI info = o.url(LOGIN, "/info?format=json");
    return OAuth2Site.builder("yandex", "YandexAuth")
        // Yandex ID's black button with white text.
        .button(Button.of("Sign in with Yandex ID", "#000000", "#ffffff"))
        .credentials(o.credentials("yandex_client_id", "yandex_client_secret"))
        .options(o)
        .apiBase(o.url(LOGIN, ""))
        .authorizeUrl(o.url(OAUTH, "/authorize"))
        .tokenUrl(o.url(OAUTH, "/token"))
        .clientAuth(ClientAuth.BASIC)
        .profile(
            (transport, token) ->
                ProfileLoader.json(
                    "yandex", transport.send(oauth(HttpCall.get(info), token.accessToken()))))
        .keyId(user -> Json.text(user, "id"))
        .signer((call, record) -> oauth(call, accessToken(record)))
        .profileFields(new ProfileFields("/id", "/display_name", null, "/login"))
        .entity(YandexAuth::new)
        .build();
  }

  /** Yandex's own scheme: {@code Authorization: OAuth <token>}. */
  private static HttpCall oauth(HttpCall call, String token) {
    return call.header("Authorization", "OAuth " + token);
  }

  private static String accessToken(AuthRecord record) {
    if (!(record.token() instanceof AccessToken.Bearer b)) {
      throw new IllegalStateException("no access token stored for " + record.key());
    }
    return b.value();
  }
}
