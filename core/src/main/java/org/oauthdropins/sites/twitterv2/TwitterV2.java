package org.oauthdropins.sites.twitterv2;

import java.util.List;
import org.oauthdropins.Button;
import org.oauthdropins.ProfileFields;
import org.oauthdropins.Revocation;
import org.oauthdropins.SiteBase;
import org.oauthdropins.SiteFactory;
import org.oauthdropins.SiteOptions;
import org.oauthdropins.engine.oauth2.ClientAuth;
import org.oauthdropins.engine.oauth2.OAuth2Site;
import org.oauthdropins.engine.oauth2.ProfileLoader;
import org.oauthdropins.internal.http.Json;

/**
 * Twitter/X over OAuth 2 (base URL overrides {@code web} for twitter.com and {@code api} for
 * api.twitter.com; x.com and api.x.com serve the same).
 *
 * <p>Endpoints: docs.x.com "OAuth 2.0 Authorization Code Flow with PKCE". A confidential client
 * with HTTP Basic auth; PKCE S256 (the Python library used {@code plain}); {@code offline.access}
 * gets a refresh token, which X rotates on every refresh. Access tokens last two hours. It uses the
 * same app credential files as the OAuth 1.0a site.
 *
 * <p>The key is {@code data.id} of {@code /2/users/me}, the user's permanent id (docs.x.com "User
 * object": {@code id} is "the unique identifier of this user"; {@code username} is one the user can
 * change), not the Python library's {@code data.username}, which someone else can claim once its
 * owner gives it up; the username stays available as {@link
 * org.oauthdropins.AuthEntity#userName()}.
 */
public final class TwitterV2 {

  /** The {@code web} base URL; {@code options.withBase(TwitterV2.WEB, url)} moves it. */
  public static final SiteBase WEB = SiteBase.of("web", "https://twitter.com");

  /** The {@code api} base URL; {@code options.withBase(TwitterV2.API, url)} moves it. */
  public static final SiteBase API = SiteBase.of("api", "https://api.twitter.com");

  /** Lists Twitter OAuth 2 for apps and the demo. */
  public static final SiteFactory FACTORY =
      new SiteFactory("twitter_v2", "twitter_app_key", "twitter_app_secret", TwitterV2::create);

  private TwitterV2() {}

  /**
   * Twitter OAuth 2 with the given options; credentials default to {@code twitter_app_key/secret}.
   */
  public static OAuth2Site<TwitterV2Auth> create(SiteOptions o) {
    return OAuth2Site.builder("twitter_v2", "TwitterOAuth2")
        .button(Button.of("Sign in with X", "#000000", "#ffffff"))
        .credentials(o.credentials("twitter_app_key", "twitter_app_secret"))
        .options(o)
        .apiBase(o.url(API, "/2"))
        .authorizeUrl(o.url(WEB, "/i/oauth2/authorize"))
        .tokenUrl(o.url(API, "/2/oauth2/token"))
        .clientAuth(ClientAuth.BASIC)
        .defaultScopes(List.of("tweet.read", "users.read", "offline.access"))
        .profile(
            ProfileLoader.bearerGet(
                "twitter_v2", o.url(API, "/2/users/me?user.fields=profile_image_url,created_at")))
        .keyId(user -> Json.text(user, "data", "id"))
        .profileFields(
            new ProfileFields(
                "/data/id", "/data/name", "/data/profile_image_url", "/data/username"))
        .entity(TwitterV2Auth::new)
        // X API v2 OAuth 2.0 "Revoke token": POST /2/oauth2/revoke (RFC 7009).
        .revocation(Revocation.rfc7009(o.url(API, "/2/oauth2/revoke")))
        .build();
  }
}
