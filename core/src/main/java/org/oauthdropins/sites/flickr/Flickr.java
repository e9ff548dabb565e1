package org.oauthdropins.sites.flickr;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.oauthdropins.Button;
import org.oauthdropins.ProfileFields;
import org.oauthdropins.SiteBase;
import org.oauthdropins.SiteFactory;
import org.oauthdropins.SiteOptions;
import org.oauthdropins.engine.oauth1.OAuth1Site;
import org.oauthdropins.errors.BadRequestException;
import org.oauthdropins.errors.ProviderException;
import org.oauthdropins.http.HttpCall;
import org.oauthdropins.internal.http.Form;
import org.oauthdropins.internal.http.Json;

/**
 * Flickr with OAuth 1.0a, as the Python library's {@code flickr} module.
 *
 * <p>Endpoints: flickr.com/services/api/auth.oauth.html on bases {@code web} ({@code
 * https://www.flickr.com}), {@code api} ({@code https://api.flickr.com}) and {@code upload} ({@code
 * https://up.flickr.com}). The requested scope is Flickr's {@code perms} ({@code read}, {@code
 * write} or {@code delete}; the strongest one asked for wins) on {@code /services/oauth/authorize};
 * without one the user goes to {@code /services/oauth/authenticate}. The key is the {@code
 * user_nsid} of the access-token response, the profile {@code flickr.people.getInfo}.
 *
 * <p>Declining: Flickr's "No thanks" sends the user to Flickr's home page and never calls back, so
 * no request tells the app. The login then simply expires unused (nothing is stored). A user who
 * does come back to the callback URL without a verifier, as the sandbox's home page lets them, ends
 * as {@code declined=true}.
 *
 * <p>No revocation: Flickr's API has no call that ends an OAuth 1.0a token, so a disconnect deletes
 * the login here only.
 */
public final class Flickr {

  /** The {@code web} base URL; {@code options.withBase(Flickr.WEB, url)} moves it. */
  public static final SiteBase WEB = SiteBase.of("web", "https://www.flickr.com");

  /** The {@code api} base URL; {@code options.withBase(Flickr.API, url)} moves it. */
  public static final SiteBase API = SiteBase.of("api", "https://api.flickr.com");

  /** The {@code upload} base URL; {@code options.withBase(Flickr.UPLOAD, url)} moves it. */
  public static final SiteBase UPLOAD = SiteBase.of("upload", "https://up.flickr.com");

  /** Flickr's permission levels, weakest first. */
  static final List<String> PERMS = List.of("read", "write", "delete");

  /** Lists Flickr for apps and the demo. */
  public static final SiteFactory FACTORY =
      new SiteFactory("flickr", "flickr_app_key", "flickr_app_secret", Flickr::create);

  private Flickr() {}

  /** Flickr with the given options; credentials default to {@code flickr_app_key/secret}. */
  public static OAuth1Site<FlickrAuth> create(SiteOptions o) {
    URI rest = o.url(API, "/services/rest");
    URI upload = o.url(UPLOAD, "/services/upload");
    URI authorize = o.url(WEB, "/services/oauth/authorize");
    URI authenticate = o.url(WEB, "/services/oauth/authenticate");
    return OAuth1Site.builder("flickr", "FlickrAuth")
        .button(Button.of("Sign in with Flickr", "#0063dc", "#ffffff"))
        .credentials(o.credentials("flickr_app_key", "flickr_app_secret"))
        .options(o)
        .apiBase(o.url(API, "/services/rest"))
        .requestTokenUrl("GET", o.url(WEB, "/services/oauth/request_token"))
        .accessTokenUrl("GET", o.url(WEB, "/services/oauth/access_token"))
        .plan(
            scopes -> {
              String perms = perms(scopes);
              return perms == null
                  ? new OAuth1Site.Plan(authenticate, Map.of(), Map.of())
                  : new OAuth1Site.Plan(authorize, Map.of("perms", perms), Map.of());
            })
        .declineWithoutVerifier(true)
        .profile(
            (api, access) -> {
              String nsid = access.get("user_nsid");
              if (nsid == null) {
                throw new ProviderException("flickr access token response has no user_nsid");
              }
              HttpCall call = restCall(rest, "flickr.people.getInfo", Map.of("user_id", nsid));
              return check(api.json(api.send(call)));
            })
        .keyId((user, access) -> Json.text(access, "user_nsid"))
        .profileFields(new ProfileFields(null, "/person/username/_content", null))
        .entity((site, record, store, t) -> new FlickrAuth(site, record, store, t, rest, upload))
        .build();
  }

  private static String perms(List<String> scopes) {
    int best = -1;
    for (String s : scopes) {
      int level = PERMS.indexOf(s);
      if (level < 0) {
        throw new BadRequestException("flickr scopes are read, write or delete, not " + s);
      }
      best = Math.max(best, level);
    }
    return best < 0 ? null : PERMS.get(best);
  }

  /** A GET of a REST API method, answered in plain JSON. */
  static HttpCall restCall(URI rest, String method, Map<String, String> params) {
    Map<String, String> q = new LinkedHashMap<>();
    q.put("nojsoncallback", "1");
    q.put("format", "json");
    q.put("method", method);
    q.putAll(params);
    return HttpCall.get(URI.create(Form.appendQuery(rest.toString(), q)));
  }

  /** Flickr answers failures with HTTP 200 and {@code stat=fail}; those become errors here. */
  static JsonNode check(JsonNode answer) {
    if (!"ok".equals(Json.text(answer, "stat"))) {
      throw new ProviderException(
          "flickr API error "
              + Json.text(answer, "code")
              + ": "
              + ProviderException.clean(String.valueOf(Json.text(answer, "message"))));
    }
    return answer;
  }
}
