package org.oauthdropins.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Map;
import java.util.Set;
import org.oauthdropins.engine.oauth2.ClientAuth;
import org.oauthdropins.internal.http.Json;

/**
 * A fake Bitbucket Cloud, after developer.atlassian.com's Bitbucket Cloud "OAuth 2.0" and the REST
 * API's "Users", on one server for both hosts:
 *
 * <ul>
 *   <li>{@code /site/oauth2/authorize}: the consumer's callback URL exactly; a denial redirects
 *       with {@code error=access_denied}. Scopes are the consumer's, so a request's {@code scope}
 *       changes nothing.
 *   <li>{@code /site/oauth2/access_token}: form-encoded, the consumer by HTTP Basic only; two-hour
 *       access tokens ({@code expires_in} 7200) with a refresh token, which a refresh keeps good.
 *   <li>{@code /2.0/user}: the user object ({@code uuid}, {@code account_id}, {@code username},
 *       {@code display_name}, {@code links}) for a valid Bearer token; otherwise 401 with
 *       Bitbucket's error object.
 * </ul>
 */
public final class FakeBitbucket extends OAuth2Fake {

  /** The fake user's uuid, braces and all, as Bitbucket writes it. */
  public static final String EVELYN_ID = "{3f5e1c2a-8d4b-4e6f-9a7c-1b2d3e4f5a6b}";

  /** A fake, serving on a free loopback port until it is closed. */
  public FakeBitbucket() {
    super("bitbucket", config(), evelyn());
    oauth().keepRefreshTokens();
    server().route("/2.0/user", this::user);
  }

  private static FakeOAuth2.Config config() {
    return new FakeOAuth2.Config(
        "Bitbucket",
        "/site/oauth2/authorize",
        "/site/oauth2/access_token",
        Set.of(ClientAuth.BASIC),
        false,
        false,
        Map.of("error", "access_denied", "error_description", "The user denied access"),
        "fake-bb-",
        7200L,
        true,
        false);
  }

  private static ObjectNode evelyn() {
    ObjectNode user = Json.object();
    user.put("type", "user");
    user.put("uuid", EVELYN_ID);
    user.put("account_id", "557058:fake-4a1b-9c2d");
    user.put("username", "evelyn");
    user.put("nickname", "evelyn");
    user.put("display_name", "Evelyn Boyd Granville");
    ObjectNode links = user.putObject("links");
    links.putObject("avatar").put("href", "https://secure.gravatar.com/avatar/fake?d=identicon");
    links
        .putObject("html")
        .put("href", "https://bitbucket.org/%7B3f5e1c2a-8d4b-4e6f-9a7c-1b2d3e4f5a6b%7D/");
    user.put("created_on", "2019-04-01T10:00:00.000000+00:00");
    return user;
  }

  private FakeResponse user(FakeRequest r) {
    JsonNode user = oauth().user(r).orElse(null);
    if (user == null) {
      ObjectNode error = Json.object();
      error.put("type", "error");
      error.putObject("error").put("message", "Access token expired or invalid.");
      return FakeResponse.json(401, error);
    }
    return FakeResponse.json(200, user);
  }
}
