package org.oauthdropins.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Clock;
import java.util.Map;
import java.util.Set;
import org.oauthdropins.Credentials;
import org.oauthdropins.engine.oauth2.ClientAuth;
import org.oauthdropins.internal.http.Json;

/**
 * A fake Disqus: {@code /api/oauth/2.0/authorize/} and {@code /api/oauth/2.0/access_token/} (with
 * their trailing slashes; without them, 404), the client id and secret in the POST body, token
 * answers with {@code user_id} and {@code username}, and {@code /api/3.0/users/details.json}, which
 * wants {@code api_key} (the public key) and {@code access_token} in the query and answers {@code
 * {"code":0,"response":{...}}}.
 */
public final class FakeDisqus extends OAuth2Fake {

  private static final Credentials APP =
      new Credentials("fake-disqus-public-key", "fake-disqus-secret-key");

  /** A fake, serving on a free loopback port until it is closed. */
  public FakeDisqus() {
    super("disqus", APP);
    ObjectNode user = Json.object();
    user.put("id", "117000001");
    user.put("username", "ada_disqus");
    user.put("name", "Ada Lovelace");
    user.put("profileUrl", "https://disqus.com/by/ada_disqus/");
    user.put("isPrivate", false);
    ObjectNode avatar = user.putObject("avatar");
    avatar.put("permalink", "https://disqus.com/api/users/avatars/ada_disqus.jpg");
    avatar.put("cache", "https://c.disquscdn.com/uploads/users/11700/1/avatar92.jpg");
    avatar.put("isCustom", true);
    FakeOAuth2.Config config =
        new FakeOAuth2.Config(
            "Disqus",
            "/api/oauth/2.0/authorize/",
            "/api/oauth/2.0/access_token/",
            Set.of(ClientAuth.POST),
            false,
            false,
            Map.of("error", "access_denied"),
            "dq",
            2592000L,
            true,
            false);
    mount(config, user, Clock.systemUTC())
        .shapeTokens(
            (body, who, params) -> {
              body.put("user_id", Long.parseLong(Json.text(who, "id")));
              body.put("username", Json.text(who, "username"));
              return body;
            });
    server.route("/api/3.0/users/details.json", this::details);
  }

  private FakeResponse details(FakeRequest r) {
    if (!credentials().clientId().equals(r.param("api_key").orElse(null))) {
      return FakeResponse.json(400, Map.of("code", 5, "response", "Invalid API key"));
    }
    // Disqus reads the token from the query only.
    JsonNode who = oauth().user(r.param("access_token").orElse(null)).orElse(null);
    if (who == null) {
      return FakeResponse.json(401, Map.of("code", 12, "response", "Invalid access token"));
    }
    if (!Json.text(who, "id").equals(r.param("user").orElse(null))) {
      return FakeResponse.json(
          400,
          Map.of("code", 2, "response", "Invalid argument, 'user': User matching query not found"));
    }
    return FakeResponse.json(200, Map.of("code", 0, "response", who));
  }
}
