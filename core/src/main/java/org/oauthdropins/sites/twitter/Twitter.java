package org.oauthdropins.sites.twitter;

import java.net.URI;
import java.util.List;
import java.util.Map;
import org.oauthdropins.Button;
import org.oauthdropins.ProfileFields;
import org.oauthdropins.Revocation;
import org.oauthdropins.SiteBase;
import org.oauthdropins.SiteFactory;
import org.oauthdropins.SiteOptions;
import org.oauthdropins.engine.oauth1.OAuth1Site;
import org.oauthdropins.errors.BadRequestException;
import org.oauthdropins.http.HttpCall;
import org.oauthdropins.internal.http.Json;

/**
 * Twitter (X) with OAuth 1.0a, as the Python library's {@code twitter} module.
 *
 * <p>Endpoints: docs.x.com "Obtaining user access tokens" on base {@code api} ({@code
 * https://api.x.com}). Without an access type the user is sent to {@code /oauth/authenticate} ("Log
 * in with X", no prompt when already authorized); with one, {@code x_auth_access_type} goes on the
 * request-token call and the user to {@code /oauth/authorize}, because combining it with {@code
 * /authenticate} used to fail at Twitter. Twitter reports a refusal as {@code denied=<request
 * token>}. The identity is {@code account/verify_credentials}.
 *
 * <p>The key is the user's {@code id_str}: X's user ids never change, while a screen name can be
 * changed and then taken by someone else (docs.x.com "Twitter IDs": use {@code id_str}, the string
 * form of the 64-bit id). The Python library keyed by {@code screen_name}, which would give the
 * next owner of a name its previous owner's stored login; the screen name stays available as {@link
 * org.oauthdropins.AuthEntity#userName()} and is the display name.
 */
public final class Twitter {

  /** The API base of X. */
  public static final SiteBase API = SiteBase.of("api", "https://api.x.com");

  /** Lists Twitter for apps and the demo. */
  public static final SiteFactory FACTORY =
      new SiteFactory("twitter", "twitter_app_key", "twitter_app_secret", Twitter::create);

  private Twitter() {}

  /**
   * Twitter with the given options; credentials default to {@code twitter_app_key/secret}. The
   * access type comes from the requested scopes: {@code read} or {@code write}.
   */
  public static OAuth1Site<TwitterAuth> create(SiteOptions o) {
    return create(o, null);
  }

  /**
   * Twitter asking for an access level below the app's, like the Python library's {@code
   * access_type}.
   *
   * @param accessType {@code read}, {@code write}, or null for the app's level
   */
  public static OAuth1Site<TwitterAuth> create(SiteOptions o, String accessType) {
    if (accessType != null && !List.of("read", "write").contains(accessType)) {
      throw new IllegalArgumentException("access type must be read or write: " + accessType);
    }
    URI verify = o.url(API, "/1.1/account/verify_credentials.json");
    URI authorize = o.url(API, "/oauth/authorize");
    URI authenticate = o.url(API, "/oauth/authenticate");
    return OAuth1Site.builder("twitter", "TwitterAuth")
        .button(Button.of("Sign in with Twitter", "#1d9bf0", "#ffffff"))
        .credentials(o.credentials("twitter_app_key", "twitter_app_secret"))
        .options(o)
        .apiBase(o.url(API, "/1.1"))
        .requestTokenUrl("POST", o.url(API, "/oauth/request_token"))
        .accessTokenUrl("POST", o.url(API, "/oauth/access_token"))
        .plan(
            scopes -> {
              String type = accessType(accessType, scopes);
              return type == null
                  ? new OAuth1Site.Plan(authenticate, Map.of(), Map.of())
                  : new OAuth1Site.Plan(authorize, Map.of(), Map.of("x_auth_access_type", type));
            })
        .profile((api, access) -> api.json(api.send(HttpCall.get(verify))))
        .keyId((user, access) -> Json.text(user, "id_str"))
        .profileFields(
            new ProfileFields("/id_str", null, "/profile_image_url_https", "/screen_name"))
        .entity(TwitterAuth::new)
        // X API v1.1 "POST oauth/invalidate_token", signed with the OAuth 1.0a token.
        .revocation(Revocation.signedCall("POST", o.url(API, "/1.1/oauth/invalidate_token")))
        .build();
  }

  private static String accessType(String configured, List<String> scopes) {
    String type = configured;
    for (String s : scopes) {
      if (!s.equals("read") && !s.equals("write")) {
        throw new BadRequestException("twitter scopes are read or write, not " + s);
      }
      if (type == null || s.equals("write")) {
        type = s;
      }
    }
    return type;
  }
}
