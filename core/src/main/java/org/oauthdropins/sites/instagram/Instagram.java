package org.oauthdropins.sites.instagram;

import java.util.List;
import org.oauthdropins.Button;
import org.oauthdropins.ProfileFields;
import org.oauthdropins.SiteBase;
import org.oauthdropins.SiteFactory;
import org.oauthdropins.SiteOptions;
import org.oauthdropins.engine.oauth2.OAuth2Site;
import org.oauthdropins.engine.oauth2.ProfileLoader;
import org.oauthdropins.internal.http.Json;
import org.oauthdropins.sites.meta.MetaLogin;

/**
 * Instagram, through "Business Login for Instagram" (the Instagram API with Instagram Login): the
 * Basic Display API the Python library used was shut down on 2024-12-04, and this replacement works
 * for professional (business and creator) accounts.
 *
 * <p>Facts from developers.facebook.com/documentation/instagram-platform: "Business Login for
 * Instagram" (authorize at www.instagram.com/oauth/authorize with comma-separated {@code
 * instagram_business_*} scopes; the code comes back with {@code #_} appended; the token POST to
 * api.instagram.com/oauth/access_token with the client id and secret in the body, answering the
 * short-lived token and an app-scoped {@code user_id}, documented inside a {@code data} list),
 * reference "Access Token" (GET graph.instagram.com/access_token with {@code
 * grant_type=ig_exchange_token}, a 60-day token) and "Refresh Access Token" (GET
 * graph.instagram.com/refresh_access_token with {@code grant_type=ig_refresh_token}, for a token at
 * least 24 hours old and not expired).
 *
 * <p>The key is the {@code id} of {@code /me}, the user's app-scoped id (reference "IG User":
 * {@code id} is the "App-scoped User ID"), which is fixed for the account and this app, as
 * Facebook's and Threads' keys are. The Python library keyed by the username, which its owner can
 * change and someone else can then take; it stays available as {@link
 * org.oauthdropins.AuthEntity#userName()}.
 *
 * <p>No revocation: no endpoint that ends an Instagram token could be confirmed in Meta's
 * documentation, so a disconnect deletes the login here only.
 */
public final class Instagram {

  /** The authorization window's base. */
  public static final SiteBase WEB = SiteBase.of("web", "https://www.instagram.com");

  /** The token endpoint's base. */
  public static final SiteBase API = SiteBase.of("api", "https://api.instagram.com");

  /** The Graph API base: long-lived tokens and the profile. */
  public static final SiteBase GRAPH = SiteBase.of("graph", "https://graph.instagram.com");

  /** Lists Instagram for apps and the demo. */
  public static final SiteFactory FACTORY =
      new SiteFactory(
          "instagram", "instagram_client_id", "instagram_client_secret", Instagram::create);

  private Instagram() {}

  /**
   * Instagram with the given options; credentials default to {@code instagram_client_id/secret}.
   */
  public static OAuth2Site<InstagramAuth> create(SiteOptions o) {
    return MetaLogin.builder("instagram", "InstagramAuth", o.url(GRAPH, ""), "ig")
        .button(Button.of("Sign in with Instagram", "#d62976", "#ffffff"))
        .credentials(o.credentials("instagram_client_id", "instagram_client_secret"))
        .options(o)
        .apiBase(o.url(GRAPH, ""))
        .authorizeUrl(o.url(WEB, "/oauth/authorize"))
        .tokenUrl(o.url(API, "/oauth/access_token"))
        .defaultScopes(List.of("instagram_business_basic"))
        .profile(
            ProfileLoader.bearerGet(
                "instagram", o.url(GRAPH, "/me?fields=user_id,username,name,profile_picture_url")))
        .keyId(user -> Json.text(user, "id"))
        .profileFields(new ProfileFields("/user_id", "/name", "/profile_picture_url", "/username"))
        .entity(InstagramAuth::new)
        .build();
  }
}
