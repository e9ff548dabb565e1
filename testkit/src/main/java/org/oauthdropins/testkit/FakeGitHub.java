package org.oauthdropins.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Map;
import java.util.Set;
import org.oauthdropins.http.Json;
import org.oauthdropins.oauth2.ClientAuth;

/**
 * A fake GitHub: {@code /login/oauth/authorize} (consent form), {@code /login/oauth/access_token}
 * (client_secret_post, form-encoded answers unless JSON is asked for, errors with status 200), and
 * the GraphQL {@code /graphql} endpoint answering the {@code viewer} query for a valid Bearer
 * token.
 */
public final class FakeGitHub extends OAuth2Fake {

  public FakeGitHub() {
    super("github", config(), user());
    oauth().redirectMatch(FakeOAuth2.RedirectMatch.SUBPATH);
    server().route("/graphql", this::graphql);
  }

  private static ObjectNode user() {
    ObjectNode user = Json.object();
    user.put("id", "MDQ6VXNlcjU4MzIzMQ==");
    user.put("login", "octocat");
    user.put("name", "The Octocat");
    user.put("url", "https://github.com/octocat");
    user.put("avatarUrl", "https://avatars.githubusercontent.com/u/583231?v=4");
    user.put("location", "San Francisco");
    user.put("websiteUrl", "https://github.blog");
    user.putNull("bio");
    return user;
  }

  private static FakeOAuth2.Config config() {
    return new FakeOAuth2.Config(
        "GitHub",
        "/login/oauth/authorize",
        "/login/oauth/access_token",
        Set.of(ClientAuth.POST),
        true,
        true,
        Map.of(
            "error", "access_denied",
            "error_description", "The user has denied your application access.",
            "error_uri",
                "https://docs.github.com/apps/troubleshooting-authorization-request-errors/#access-denied"),
        "gho_",
        null,
        false,
        false);
  }

  private FakeResponse graphql(FakeRequest r) {
    if (!"POST".equals(r.method())) {
      return FakeResponse.json(405, Map.of("message", "GraphQL takes POST"));
    }
    JsonNode user = oauth().user(r).orElse(null);
    if (user == null) {
      return FakeResponse.json(
          401, Map.of("message", "This endpoint requires you to be authenticated."));
    }
    JsonNode query;
    try {
      query = Json.parse(r.body());
    } catch (IllegalArgumentException e) {
      return FakeResponse.json(400, Map.of("message", "Problems parsing JSON"));
    }
    if (!Json.text(query, "query").replaceAll("\\s+", " ").contains("viewer {")) {
      return FakeResponse.json(
          200,
          Map.of(
              "errors",
              java.util.List.of(Map.of("message", "the fake answers only the viewer query"))));
    }
    return FakeResponse.json(200, Map.of("data", Map.of("viewer", user)));
  }
}
