package org.oauthdropins.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.oauthdropins.engine.oauth2.ClientAuth;
import org.oauthdropins.internal.http.Json;

/**
 * A fake GitHub: {@code /login/oauth/authorize} (consent form), {@code /login/oauth/access_token}
 * (client_secret_post, form-encoded answers unless JSON is asked for, errors with status 200), and
 * the GraphQL {@code /graphql} endpoint answering the {@code viewer} query for a valid Bearer token
 * with only the fields it asks for, as GraphQL does, and the REST API's {@code GET /user} (the
 * signed-in user, in REST's snake_case fields) for an app's own calls after a login. The viewer has
 * GitHub's two ids: {@code databaseId}, the number that never changes (the REST API's {@code id}),
 * and the node {@code id}; its {@code login} can be renamed ({@link #signInAs}).
 */
public final class FakeGitHub extends OAuth2Fake implements RenamableFake {

  /** A fake, serving on a free loopback port until it is closed. */
  public FakeGitHub() {
    super("github", config(), user());
    oauth().redirectMatch(FakeOAuth2.RedirectMatch.SUBPATH);
    server().route("/graphql", this::graphql);
    server().route("/user", this::restUser);
    server().route("/applications/" + credentials().clientId() + "/grant", this::deleteGrant);
  }

  /** The fake's user's {@code databaseId}, which is octocat's. */
  public static final String OCTOCAT_ID = "583231";

  private static ObjectNode user() {
    ObjectNode user = Json.object();
    user.put("name", "The Octocat");
    user.put("location", "San Francisco");
    user.put("websiteUrl", "https://github.blog");
    user.putNull("bio");
    return account(user, OCTOCAT_ID, "octocat");
  }

  /**
   * The profile with an account's ids and login: the node id in GitHub's legacy form, base64 of
   * {@code 04:User<databaseId>} (octocat's is {@code MDQ6VXNlcjU4MzIzMQ==}).
   */
  private static ObjectNode account(ObjectNode profile, String databaseId, String login) {
    ObjectNode user = profile.deepCopy();
    user.put("id", base64("04:User" + databaseId));
    user.put("databaseId", Long.parseLong(databaseId));
    user.put("login", login);
    user.put("url", "https://github.com/" + login);
    user.put("avatarUrl", "https://avatars.githubusercontent.com/u/" + databaseId + "?v=4");
    return user;
  }

  private static String base64(String s) {
    return Base64.getEncoder().encodeToString(s.getBytes(StandardCharsets.UTF_8));
  }

  @Override
  public void signInAs(String accountId, String name) {
    oauth().user(account((ObjectNode) oauth().user(), accountId, name));
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
    String text = String.valueOf(Json.text(query, "query")).replaceAll("\\s+", " ");
    int open = text.indexOf("viewer {");
    int close = open < 0 ? -1 : text.indexOf('}', open);
    if (close < 0) {
      return graphqlError("the fake answers only the viewer query");
    }
    ObjectNode viewer = Json.object();
    for (String field : text.substring(open + "viewer {".length(), close).trim().split(" ")) {
      if (!user.has(field)) {
        return graphqlError("Field '" + field + "' doesn't exist on type 'User'");
      }
      viewer.set(field, user.get(field));
    }
    return FakeResponse.json(200, Map.of("data", Map.of("viewer", viewer)));
  }

  /** The REST API's authenticated user (docs.github.com "Get the authenticated user"). */
  private FakeResponse restUser(FakeRequest r) {
    if (!"GET".equals(r.method())) {
      return FakeResponse.json(404, Map.of("message", "Not Found"));
    }
    JsonNode user = oauth().user(r).orElse(null);
    if (user == null) {
      return FakeResponse.json(401, Map.of("message", "Requires authentication"));
    }
    ObjectNode rest = Json.object();
    rest.set("login", user.get("login"));
    rest.set("id", user.get("databaseId"));
    rest.set("node_id", user.get("id"));
    rest.set("avatar_url", user.get("avatarUrl"));
    rest.set("html_url", user.get("url"));
    rest.put("type", "User");
    rest.set("name", user.get("name"));
    rest.set("blog", user.get("websiteUrl"));
    rest.set("location", user.get("location"));
    rest.set("bio", user.get("bio"));
    return FakeResponse.json(200, rest);
  }

  private static FakeResponse graphqlError(String message) {
    return FakeResponse.json(200, Map.of("errors", List.of(Map.of("message", message))));
  }

  private volatile FakeResponse grantDeleteFailure;

  /** Makes every grant delete answer this (a 503, say) until called with null. */
  public void failGrantDeletes(FakeResponse answer) {
    grantDeleteFailure = answer;
  }

  /**
   * REST "Delete an app authorization": {@code DELETE /applications/{client_id}/grant} with the
   * app's id and secret as Basic authentication and {@code {"access_token": ...}}: every token the
   * user granted the app ends (204); a wrong secret is 401, a token GitHub does not know 404, a
   * body without one 422.
   */
  private FakeResponse deleteGrant(FakeRequest r) {
    FakeResponse failure = grantDeleteFailure;
    if (failure != null) {
      return failure;
    }
    if (!"DELETE".equals(r.method())) {
      return FakeResponse.json(404, Map.of("message", "Not Found"));
    }
    String basic = org.oauthdropins.engine.oauth2.TokenClient.basic(credentials());
    if (!basic.equals(r.header("authorization"))) {
      return FakeResponse.json(401, Map.of("message", "Requires authentication"));
    }
    String token;
    try {
      token = Json.text(Json.parse(r.body()), "access_token");
    } catch (RuntimeException e) {
      token = null;
    }
    if (token == null) {
      return FakeResponse.json(422, Map.of("message", "Validation Failed"));
    }
    return oauth().revokeToken(token)
        ? FakeResponse.text(204, "")
        : FakeResponse.json(404, Map.of("message", "Not Found"));
  }
}
