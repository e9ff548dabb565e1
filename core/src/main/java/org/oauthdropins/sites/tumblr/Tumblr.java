package org.oauthdropins.sites.tumblr;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import org.oauthdropins.Button;
import org.oauthdropins.ProfileFields;
import org.oauthdropins.SiteBase;
import org.oauthdropins.SiteFactory;
import org.oauthdropins.SiteOptions;
import org.oauthdropins.engine.oauth1.OAuth1Site;
import org.oauthdropins.errors.ProviderException;
import org.oauthdropins.http.HttpCall;
import org.oauthdropins.internal.http.Json;

/**
 * Tumblr with OAuth 1.0a, as the Python library's {@code tumblr} module.
 *
 * <p>Endpoints: tumblr.com/docs/en/api/v2 on bases {@code web} ({@code https://www.tumblr.com}) and
 * {@code api} ({@code https://api.tumblr.com}); the request token is a POST and the access token a
 * GET, as the docs list them. When the user refuses, Tumblr calls back without a token or verifier.
 * The identity is {@code /v2/user/info}; the stored profile is its {@code response} (<code>
 * {"user":{...}}</code>).
 *
 * <p>A Tumblr user has no id of its own in the API; the user's name is their primary blog's name,
 * which they can change and someone else can then register. So the key is the {@code uuid} of the
 * primary blog: "the unique identifier will not change if the blog name or custom domain changes.
 * It can be used as a stable, persistent identifier for a blog" (tumblr.com/docs/en/api/v2, "Blog
 * Unique Identifiers"; it adds that in exceptional cases it can change, and then only with the
 * owner's knowledge). The Python library keyed by the name; it stays available as {@link
 * org.oauthdropins.AuthEntity#userName()} and is the display name.
 *
 * <p>No revocation: Tumblr's API documents no call that ends an OAuth 1.0a token, so a disconnect
 * deletes the login here only.
 */
public final class Tumblr {

  /** The {@code web} base URL; {@code options.withBase(Tumblr.WEB, url)} moves it. */
  public static final SiteBase WEB = SiteBase.of("web", "https://www.tumblr.com");

  /** The {@code api} base URL; {@code options.withBase(Tumblr.API, url)} moves it. */
  public static final SiteBase API = SiteBase.of("api", "https://api.tumblr.com");

  /** Lists Tumblr for apps and the demo. */
  public static final SiteFactory FACTORY =
      new SiteFactory("tumblr", "tumblr_app_key", "tumblr_app_secret", Tumblr::create);

  private Tumblr() {}

  /** Tumblr with the given options; credentials default to {@code tumblr_app_key/secret}. */
  public static OAuth1Site<TumblrAuth> create(SiteOptions o) {
    URI info = o.url(API, "/v2/user/info");
    return OAuth1Site.builder("tumblr", "TumblrAuth")
        .button(Button.of("Sign in with Tumblr", "#406784", "#ffffff"))
        .credentials(o.credentials("tumblr_app_key", "tumblr_app_secret"))
        .options(o)
        .requestTokenUrl("POST", o.url(WEB, "/oauth/request_token"))
        .authorizeUrl(o.url(WEB, "/oauth/authorize"))
        .accessTokenUrl("GET", o.url(WEB, "/oauth/access_token"))
        .declineWithoutVerifier(true)
        .profile(
            (api, access) -> {
              JsonNode response = api.json(api.send(HttpCall.get(info))).path("response");
              if (!response.path("user").isObject()) {
                throw new ProviderException("tumblr user/info answer has no user");
              }
              return response;
            })
        .keyId((user, access) -> primaryBlogUuid(user))
        .profileFields(new ProfileFields(null, null, "/user/blogs/0/avatar/0/url", "/user/name"))
        .entity(TumblrAuth::new)
        .build();
  }

  /** The uuid of the blog that {@code user/info} marks primary, or null without one. */
  static String primaryBlogUuid(JsonNode info) {
    for (JsonNode blog : info.path("user").path("blogs")) {
      if (blog.path("primary").asBoolean(false)) {
        return Json.text(blog, "uuid");
      }
    }
    return null;
  }
}
