package org.oauthdropins.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Arrays;
import java.util.Map;
import java.util.Set;
import org.oauthdropins.engine.oauth2.ClientAuth;
import org.oauthdropins.internal.http.Json;

/**
 * A fake Linear, after linear.app/developers ("OAuth 2.0 authentication", "GraphQL"), on one server
 * for both hosts:
 *
 * <ul>
 *   <li>{@code /oauth/authorize}: an exactly registered redirect URI, a comma-separated {@code
 *       scope} that must be given (Linear marks it required) and holds only Linear's scopes.
 *   <li>{@code /oauth/token}: {@code client_id} and {@code client_secret} in the form body; the
 *       PKCE verifier when a challenge was sent; day-long access tokens ({@code expires_in} 86399)
 *       with a refresh token that a refresh replaces.
 *   <li>{@code /graphql}: POST only, JSON only; the {@code viewer} with its {@code organization}
 *       for a valid Bearer token, else 401 with a GraphQL {@code errors} list.
 *   <li>{@code /oauth/revoke}: RFC 7009 with the app in the form; the grant ends.
 * </ul>
 */
public final class FakeLinear extends OAuth2Fake {

  /** The fake viewer's Linear user id. */
  public static final String USER_ID = "2a1d5b7e-9c4f-4e3a-8b6d-0f1e2d3c4b5a";

  private static final Set<String> SCOPES =
      Set.of(
          "read",
          "write",
          "issues:create",
          "comments:create",
          "timeSchedule:write",
          "admin",
          "app:assignable",
          "app:mentionable");

  /** A fake, serving on a free loopback port until it is closed. */
  public FakeLinear() {
    super("linear", config(), user());
    oauth()
        .authorizeGuard(
            p -> {
              String scope = p.get("scope");
              return scope == null || !SCOPES.containsAll(Arrays.asList(scope.split(",")))
                  ? "invalid_scope"
                  : null;
            });
    server().route("/graphql", this::graphql);
    // linear.app/developers "OAuth 2.0 authentication": POST /oauth/revoke.
    oauth().revocationEndpoint("/oauth/revoke");
  }

  private static FakeOAuth2.Config config() {
    return new FakeOAuth2.Config(
        "Linear",
        "/oauth/authorize",
        "/oauth/token",
        Set.of(ClientAuth.POST),
        false,
        false,
        Map.of("error", "access_denied"),
        "lin_oauth_",
        86399L,
        true,
        false);
  }

  private static ObjectNode user() {
    ObjectNode user = Json.object();
    user.put("id", USER_ID);
    user.put("name", "Karri Example");
    user.put("displayName", "karri");
    user.put("email", "karri@example.com");
    user.put("avatarUrl", "https://public.linear.app/avatars/karri.png");
    ObjectNode org = user.putObject("organization");
    org.put("id", "7c0b1d2e-3f4a-4b5c-8d6e-9f0a1b2c3d4e");
    org.put("name", "Acme");
    org.put("urlKey", "acme");
    return user;
  }

  private FakeResponse graphql(FakeRequest r) {
    String type = r.header("content-type");
    if (!"POST".equals(r.method()) || type == null || !type.startsWith("application/json")) {
      return FakeResponse.json(400, errors("POST a JSON body", "BAD_USER_INPUT"));
    }
    JsonNode user = oauth().user(r).orElse(null);
    if (user == null) {
      return FakeResponse.json(
          401, errors("Authentication required, not authenticated", "AUTHENTICATION_ERROR"));
    }
    String query = Json.text(Json.parse(r.body()), "query");
    if (query == null || !query.contains("viewer")) {
      return FakeResponse.json(400, errors("Unknown query", "GRAPHQL_VALIDATION_FAILED"));
    }
    ObjectNode answer = Json.object();
    answer.putObject("data").set("viewer", user.deepCopy());
    return FakeResponse.json(200, answer);
  }

  private static ObjectNode errors(String message, String code) {
    ObjectNode body = Json.object();
    ObjectNode error = body.putArray("errors").addObject();
    error.put("message", message);
    error.putObject("extensions").put("code", code);
    return body;
  }
}
