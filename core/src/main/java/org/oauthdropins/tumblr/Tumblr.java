package org.oauthdropins.tumblr;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import org.oauthdropins.Button;
import org.oauthdropins.ProviderException;
import org.oauthdropins.Site;
import org.oauthdropins.SiteFactory;
import org.oauthdropins.SiteOptions;
import org.oauthdropins.http.HttpCall;
import org.oauthdropins.http.Json;
import org.oauthdropins.oauth1.OAuth1Site;

/**
 * Tumblr with OAuth 1.0a, as the Python library's {@code tumblr} module.
 *
 * <p>Endpoints: tumblr.com/docs/en/api/v2 on bases {@code web} ({@code https://www.tumblr.com}) and
 * {@code api} ({@code https://api.tumblr.com}); the request token is a POST and the access token a
 * GET, as the docs list them. When the user refuses, Tumblr calls back without a token or verifier.
 * The identity is {@code /v2/user/info}; the stored profile is its {@code response} (<code>
 * {"user":{...}}</code>), keyed by the user's name.
 */
public final class Tumblr {

  public static final String WEB = "https://www.tumblr.com";
  public static final String API = "https://api.tumblr.com";

  /** Lists Tumblr for apps and the demo. */
  public static final SiteFactory FACTORY =
      new SiteFactory("tumblr", "tumblr_app_key", "tumblr_app_secret", Tumblr::create);

  private Tumblr() {}

  /** Tumblr with the given options; credentials default to {@code tumblr_app_key/secret}. */
  public static Site create(SiteOptions o) {
    URI info = o.url("api", API, "/v2/user/info");
    return OAuth1Site.builder("tumblr", "TumblrAuth")
        .button(Button.of("Sign in with Tumblr", "#406784", "#ffffff"))
        .credentials(o.credentials("tumblr_app_key", "tumblr_app_secret"))
        .transport(o.transport())
        .requestTokenUrl("POST", o.url("web", WEB, "/oauth/request_token"))
        .authorizeUrl(o.url("web", WEB, "/oauth/authorize"))
        .accessTokenUrl("GET", o.url("web", WEB, "/oauth/access_token"))
        .declineWithoutVerifier(true)
        .profile(
            (api, access) -> {
              JsonNode response = api.json(api.send(HttpCall.get(info))).path("response");
              if (!response.path("user").isObject()) {
                throw new ProviderException("tumblr user/info answer has no user");
              }
              return response;
            })
        .keyId((user, access) -> Json.text(user, "user", "name"))
        .entity(TumblrAuth::new)
        .build();
  }
}
